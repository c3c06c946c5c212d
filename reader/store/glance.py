"""A glance at a big library before its catalogue is parsed.

Parsing a big catalogue takes seconds. What the app shows first, and the answer
to a query typed meanwhile, need far less: every paper's id in library order and
reading state, and the title and year of the few papers on screen. The
catalogue's derived index (derived.py) holds the ids and those columns for the
catalogue file it was made from, and the reading-state file is small: a glance
reads those two (through QuickLibrary) and nothing else. There is no glance when
the derived index does not describe the catalogue file (the full load then runs
alone, as it would without this module): a glance never parses the catalogue.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from reader.errors import ReaderError
from reader.model import Entry, Paper, ReadingState, Status
from reader.store import derived
from reader.store.quick import QuickLibrary

__all__ = ["Glance", "glance"]


BRIEF = ("title", "year")
"""The columns of the derived index a glance's papers hold (the rest at its default):
what a row of the list shows."""


@dataclass(slots=True)
class Glance:
    ids: list[str]
    """Every paper's id, in library order (the order of Library.entries())."""
    states: dict[str, ReadingState]
    """The stored states; a paper without one has the default state."""
    token: str
    """The catalogue file's identity (QuickLibrary.catalogue_token): what files
    derived from that catalogue are vouched for with."""
    _index: derived.DerivedIndex
    _lines: dict[str, list[bytes]] | None = None
    """Each column's values, one JSON value per row, decoded when a row is asked."""

    def state(self, paper_id: str) -> ReadingState:
        return self.states.get(paper_id) or ReadingState(paper_id)

    def statuses(self) -> list[Status]:
        """Each paper's status, in library order."""
        states, new = self.states, Status.NEW
        return [states[pid].status if pid in states else new for pid in self.ids]

    def read_columns(self) -> bool:
        """Read the columns the papers need (once; False when the index went stale)."""
        if self._lines is None:
            try:
                lines = {name: self._index.section(f"field:{name}").split(b"\n")[:-1]
                         for name in BRIEF}
            except derived.Stale:
                return False
            if any(len(column) != len(self.ids) for column in lines.values()):
                return False
            self._lines = lines
        return True

    def row_of(self, paper_id: str) -> int | None:
        """The paper's position in library order (None: not in the catalogue)."""
        try:
            return self._index.row_of(paper_id)
        except derived.Stale:
            return None

    def entries(self, ids: Sequence[str]) -> list[Entry]:
        """Brief entries of `ids` (papers with their id, title and year, the rest at its
        default) with their states; ReaderError when the derived index no longer holds
        them (the catalogue was replaced since the glance)."""
        if not self.read_columns():
            raise ReaderError("the catalogue changed")
        lines = self._lines
        assert lines is not None
        titles, years = lines["title"], lines["year"]
        out = []
        try:
            for pid in ids:
                row = self.row_of(pid)
                if row is None:
                    raise KeyError(pid)
                paper = Paper(pid, str(orjson.loads(titles[row])))
                paper.year = orjson.loads(years[row])
                out.append(Entry(paper, self.state(pid)))
        except (orjson.JSONDecodeError, KeyError) as exc:
            raise ReaderError("the catalogue changed") from exc
        return out


def glance(db_path: Path) -> Glance | None:
    """A glance at the library stored at `db_path`, or None (no derived index that
    matches its catalogue file, or the files cannot be read). Never parses the
    catalogue; never raises for a missing or damaged file."""
    try:
        sig = derived.signature(os.stat(db_path))
    except OSError:
        return None
    index = derived.load(derived.index_file(db_path), sig)
    if index is None:
        return None  # checked first: QuickLibrary would parse the catalogue instead
    try:
        lib = QuickLibrary.open(db_path, create=False)
    except Exception:  # an invalid state file: the full load reports it
        return None
    try:
        token = lib.catalogue_token
        if not lib.quick or token is None or lib.skipped or token != _token(sig):
            return None  # (invalid records: the load's warning and its view come first)
        return Glance(index.ids, lib.stored_states(), token, index)
    except derived.Stale:
        return None
    finally:
        lib.close()


def _token(sig: derived.Signature) -> str:
    return ":".join(map(str, sig))
