"""A Library opened without parsing the catalogue, for one-paper commands.

`QuickLibrary.open(path)` reads the reading-state file as usual and, for the
catalogue, only its derived index (derived.py: ids, where each document sits):
`reader mark ID read` at 100k papers then costs what it costs at 1k. Everything
else is the Library's own code (the same locked transaction, state records,
id resolution, undo), run on a `LightPapers` mapping: the ids are known, and a
paper asked for (`show`) is read from the catalogue file by one seek and
validated as a full load validates it.

Whenever the index is missing or not the one of the catalogue file (another
process imported since, it was deleted, a document is not where it says), this
falls back to the full load, which writes a fresh index. Anything that needs
every paper (`entries()`, `papers()`, the queue) or writes the catalogue (an
import, a merge; any new writer too) calls `_need_catalogue()` first, which
parses it here: the quick path only ever answers what a full load would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import orjson

from reader.gcutil import gc_paused
from reader.model import Entry, Paper, ReadingState
from reader.store import derived, records
from reader.store.library import Library
from reader.store.records import copy_state

__all__ = ["LightPapers", "QuickLibrary"]


WHOLE_BY_SEEK = 2000
"""Up to this many whole papers are read one by one; more, and the catalogue is parsed."""


class _Stale(Exception):
    """The index does not describe the file (read through a full load instead)."""


class LightPapers(Mapping[str, Paper]):
    """Papers by id, in catalogue order, each read from the catalogue file when asked."""

    def __init__(self, index: derived.DerivedIndex, read: Callable[[int, int], bytes],
                 parse: Callable[[dict[str, Any]], dict[str, Paper]],
                 columns: Callable[[], dict[str, list[Any]] | None]) -> None:
        self.index = index
        self._read = read
        self._parse = parse
        self._columns = columns
        self._known: set[str] | None = None
        self._cache: dict[str, Paper] = {}
        self._lines: dict[int, dict[str, Any]] = {}
        """Parsed lines of the file (one holds up to 500 documents)."""
        self._cut: set[int] = set()
        """Lines a document was cut out of."""
        self._asked = 0
        self._rows: dict[str, int] | None = None

    def briefs(self, ids: Iterable[str] | None = None) -> list[Paper]:
        """Papers with only their id and the index's FIELDS (the rest at its default),
        for `ids` (default: all, in catalogue order); _Stale if the columns are gone."""
        columns = self._columns()
        if columns is None:
            raise _Stale("columns")
        ids_all = self.index.ids
        if ids is not None:
            where = dict(zip(ids_all, range(len(ids_all)), strict=True))
            rows = [where[pid] for pid in ids]
            columns = {name: [col[r] for r in rows] for name, col in columns.items()}
            ids_all = [ids_all[r] for r in rows]
        papers = list(map(Paper, ids_all, columns.pop("title")))
        for name, values in columns.items():  # ~2x faster than keyword arguments
            for paper, value in zip(papers, values, strict=True):
                setattr(paper, name, value)
        return papers

    @property
    def documents_read(self) -> int:
        """Papers read from the catalogue file so far."""
        return len(self._cache)

    def __contains__(self, key: object) -> bool:
        if self._known is None:
            self._known = set(self.index.ids)
        return key in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self.index.ids)

    def __len__(self) -> int:
        return len(self.index.ids)

    def __getitem__(self, paper_id: str) -> Paper:
        paper = self._cache.get(paper_id)
        if paper is None:
            if paper_id not in self:
                raise KeyError(paper_id)
            self._asked += 1
            if self._asked > 8 and self._rows is None:  # many: a map beats a scan each
                self._rows = dict(zip(self.index.ids, range(len(self.index.ids)), strict=True))
            rows = self._rows
            paper = self.at(rows[paper_id] if rows is not None else
                            self.index.ids.index(paper_id))
        return paper

    def at(self, row: int) -> Paper:
        """The paper at `row` (its position in catalogue order)."""
        paper_id = self.index.ids[row]
        paper = self._cache.get(paper_id)
        if paper is None:
            paper = self._cache[paper_id] = self._load(paper_id, row)
        return paper

    def _load(self, paper_id: str, row: int) -> Paper:
        index = self.index
        number = index.line[row]
        if not 0 <= number < len(index.lines):
            raise _Stale(paper_id)
        key = str(index.docs[row])
        try:
            doc = self._document(number, key)
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise _Stale(paper_id) from exc
        if not isinstance(doc, dict) or doc.get("id") != paper_id:
            raise _Stale(paper_id)
        paper = self._parse({key: doc}).get(paper_id)  # validated as a full load validates
        if paper is None:  # an invalid record: the full load skips it and says so
            raise _Stale(paper_id)
        return paper

    def _document(self, number: int, key: str) -> Any:
        """Document `key` of line `number`: the first one asked of a line is cut out of
        it (a line holds up to 500), the line is parsed whole from the second on."""
        docs = self._lines.get(number)
        if docs is not None:
            return docs[key]
        offset, length = self.index.lines[number]
        raw = self._read(offset, length).rstrip()
        if number not in self._cut:
            self._cut.add(number)
            doc = _cut_document(raw, key)
            if doc is not None:
                return orjson.loads(doc)
        docs = self._lines[number] = orjson.loads(b"{" + raw.removesuffix(b",") + b"}")
        return docs[key]


def _cut_document(line: bytes, key: str) -> bytes | None:
    """The bytes of document `key` in a line of documents, found as the index found
    them (`"<key>":{"id":"`, which only structure can hold); None if not there."""
    at = line.find(b'"' + key.encode("ascii") + derived.DOC_START)
    if at < 0 or (at > 0 and line[at - 1:at] != b","):
        return None
    start = at + len(key) + 3  # the document's opening brace
    after = line.find(derived.DOC_START, start)
    if after < 0:
        return line[start:].removesuffix(b",")
    comma = line.rfind(b'"', start, after) - 1
    return line[start:comma] if line[comma:comma + 1] == b"," else None


class QuickLibrary(Library):
    """A Library whose catalogue is read through its derived index until a caller
    needs every paper (see the module docstring)."""

    _light: derived.DerivedIndex | None = None
    _indexed = False
    """The derived index matched the catalogue file last adopted (no need to rewrite it)."""
    _whole = False
    """Once the full catalogue was asked for, it stays loaded (refreshes parse it)."""

    @property
    def quick(self) -> bool:
        """True while the catalogue is read through its derived index (not parsed)."""
        return self._light is not None

    def _cat_load(self) -> object:
        self._light = None
        self._indexed = False
        if self._whole or self._files is None:
            return super()._cat_load()
        if not self._cat.adopt():
            return super()._cat_load()
        sig = self._cat.signature
        found = derived.load(derived.index_file(self._files.catalogue), sig) if sig else None
        if found is None:
            return super()._cat_load()
        self._light = found
        self._indexed = True
        return True

    def _build_catalogue(self) -> None:
        light = self._light
        if light is None:
            super()._build_catalogue()
            if not self._indexed:
                self._save_derived()  # the next command takes the quick path
            return
        path, sig = self._cat.path, self._cat.signature
        assert self._files is not None and sig is not None
        index_file = derived.index_file(self._files.catalogue)
        papers = LightPapers(light, self._cat.read_range,
                             lambda table: records.papers_from_table(table, path).papers,
                             lambda: derived.load_columns(index_file, sig, derived.FIELDS))
        self._catalogue.reset(papers, self._states, light.aliases,  # type: ignore[arg-type]
                          light.keys)
        self._invalid_papers = {}  # the records themselves: a write parses the catalogue
        self._skipped_papers = list(light.skipped)  # the full load's warning, as it was

    def _need_catalogue(self) -> None:
        """Parse the catalogue: from now on this is a plain Library."""
        with self._mutex:
            if self._light is None:
                return
            self._whole = True
            self._light = None
            indexed = self._cat.signature
            self._cat.load()
            if self._cat.signature != indexed:
                self._indexed = False  # another file than the one indexed
            self._load_catalogue()

    def _guarded(self, paper_id: str, read: Callable[[], Any]) -> Any:
        try:
            return read()
        except _Stale:
            self._need_catalogue()
            return read()

    def select(self, keep: Callable[[ReadingState], bool], *, whole: bool = True
               ) -> list[Entry]:
        """`[e for e in entries() if keep(e.state)]`, without parsing the catalogue when
        the index allows. `keep` must not look at the state's paper id (the default
        state is asked once for all papers without one). `whole=False`: papers hold
        only their id and derived.FIELDS (title, year, added_at), for a caller that
        reads nothing else of them."""
        with self._mutex:
            light = self._catalogue.papers
            if not isinstance(light, LightPapers):
                return [e for e in self.entries() if keep(e.state)]
            states = self._states
            with_default = keep(ReadingState(""))
            ids = light.index.ids
            rows = [row for row, pid in enumerate(ids)
                    if (keep(states[pid]) if pid in states else with_default)]
            if not whole or len(rows) <= WHOLE_BY_SEEK:  # more: the full load is faster
                chosen = [ids[row] for row in rows]
                try:
                    with gc_paused():
                        papers = (list(map(light.at, rows)) if whole else
                                  light.briefs(None if len(chosen) == len(light) else chosen))
                        default = self._catalogue.default_state
                        return list(map(Entry, papers, [states[pid] if pid in states else
                                                        default(pid) for pid in chosen]))
                except _Stale:
                    pass
        self._need_catalogue()
        return [e for e in self.entries() if keep(e.state)]

    # one paper: read by a seek ------------------------------------------------------
    @property
    def catalogue_token(self) -> str | None:
        """Names the catalogue file read (device, inode, size, mtime): derived files
        made from it (a word index) say which catalogue they belong to with it."""
        sig = self._cat.signature
        return ":".join(map(str, sig)) if sig else None

    def paper_ids(self) -> list[str]:
        """Every id in catalogue order (the order of entries(), their positions)."""
        papers = self._catalogue.papers
        return papers.index.ids if isinstance(papers, LightPapers) else list(papers)

    def entry_at(self, position: int) -> Entry:
        papers = self._catalogue.papers
        if not isinstance(papers, LightPapers):
            return self.entry(self.paper_ids()[position])
        try:
            paper = papers.at(position)
        except _Stale:
            self._need_catalogue()
            return self.entry(self.paper_ids()[position])
        with self._mutex:
            return Entry(paper, copy_state(self._current(paper.id)))

    def paper(self, paper_id: str) -> Paper:
        return self._guarded(paper_id, lambda: super(QuickLibrary, self).paper(paper_id))  # type: ignore[no-any-return]

    def entry(self, paper_id: str) -> Entry:
        return self._guarded(paper_id, lambda: super(QuickLibrary, self).entry(paper_id))  # type: ignore[no-any-return]
