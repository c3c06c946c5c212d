"""What an open library holds in memory, and how it is read: the papers (through
the catalogue view), the reading states, the saved searches, the undo history,
the clock. core.py loads it from the files and keeps it in step with them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.errors import UnknownPaperError
from reader.model import Entry, Paper, ReadingState
from reader.store.catalogue import CatalogueView
from reader.store.records import copy_state
from reader.store.stamps import Hlc, device_id

Clock = Callable[[], datetime]
"""Returns an aware UTC datetime. Injected by tests (stats need known times)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class LibraryContents:
    path: Path | None

    def __init__(self, path: Path | None, clock: Clock, device: str | None) -> None:
        self.path = path
        self._clock = clock
        self._device = device
        self._hlc: Hlc | None = None
        self._wall = datetime.fromtimestamp(0, UTC)
        """The time `_now()` last read, unrounded (stamps are to the millisecond)."""
        self._mutex = threading.RLock()
        self._catalogue = CatalogueView()
        """The catalogue's papers in memory (core.py's `_cat` is the storage of its file)."""
        self._states: dict[str, ReadingState] = {}
        self._docs: dict[str, dict[str, Any]] = {}
        """The stored document of each state (with its sync stamps): read-only."""
        self._state_ids: dict[str, int] = {}
        self._searches: dict[str, str] = {}
        self._search_ids: dict[str, int] = {}
        self._undo: list[Any] = []
        """UndoStep or removal.Deletion, the last change last."""
        self._redo: list[Any] = []
        """What undo reverted, for redo (cleared by any new change)."""

    @property
    def device(self) -> str:
        """This machine's name in the sync stamps (stamps.device_id, read at the first
        change: opening a library to read it touches no other file)."""
        if self._device is None:
            self._device = device_id()
        return self._device

    def _now(self) -> str:
        self._wall = self._clock()
        return self._wall.isoformat(timespec="seconds")

    def _need_catalogue(self) -> None:
        """Called first by whatever needs every paper in memory: all that reads the whole
        catalogue or writes it (an import, a merge, a deletion). Nothing to do here;
        quick.py's library, which knows only ids until then, parses the catalogue."""

    # catalogue -------------------------------------------------------
    def __len__(self) -> int:
        return len(self._catalogue.papers)

    def papers(self) -> list[Paper]:
        self._need_catalogue()
        with self._mutex:
            return list(self._catalogue.papers.values())

    def paper(self, paper_id: str) -> Paper:
        with self._mutex:
            try:
                return self._catalogue.papers[paper_id]
            except KeyError:
                raise UnknownPaperError(f"no paper {paper_id!r} in the library") from None

    def resolve(self, prefix: str) -> str:
        """Full id from any unique prefix (with or without `arxiv:`); UnknownPaperError."""
        with self._mutex:
            return self._catalogue.resolve(prefix)

    # reading state ---------------------------------------------------
    def _current(self, paper_id: str) -> ReadingState:
        return self._states.get(paper_id) or self._catalogue.default_state(paper_id)

    def state(self, paper_id: str) -> ReadingState:
        with self._mutex:
            if paper_id not in self._catalogue.papers and paper_id not in self._states:
                raise UnknownPaperError(f"no paper {paper_id!r} in the library")
            return copy_state(self._current(paper_id))

    def entries(self) -> list[Entry]:
        """Every paper with its state, in import order (cached; O(n) copy of a list)."""
        self._need_catalogue()
        with self._mutex:
            return list(self._catalogue.entries())

    def stored_states(self) -> dict[str, ReadingState]:
        """The states the state file holds, by paper id (a paper without one has the
        default state); the caller must not change them."""
        with self._mutex:
            return dict(self._states)

    def entry(self, paper_id: str) -> Entry:
        with self._mutex:
            paper = self.paper(paper_id)
            return Entry(paper, copy_state(self._current(paper_id)))
