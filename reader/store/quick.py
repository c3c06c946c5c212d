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

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from reader.errors import StoreError
from reader.gcutil import gc_paused
from reader.model import Entry, Paper, ReadingState
from reader.store import derived, records, splice
from reader.store.changes import Change
from reader.store.files import rotate_backup
from reader.store.library import Library
from reader.store.light import LightCatalogueView, LightPapers, Stale
from reader.store.records import copy_state
from reader.store.removal import Deletion

__all__ = ["LightPapers", "QuickLibrary"]


WHOLE_BY_SEEK = 1_000_000
"""Up to this many whole papers are read by seeks, in a batch (LightPapers.many: faster
than parsing the catalogue even for every paper of 100k); more, and it is parsed."""


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._catalogue = LightCatalogueView()

    def close(self) -> None:
        with self._mutex:
            if self._light is not None:
                self._light.close()
            super().close()

    def _cat_load(self, known: dict[str, bytes] | None = None) -> object:
        """`known`: the sections of the index just saved for the file (not read again)."""
        self._drop_light()
        self._indexed = False
        if self._whole or self._files is None:
            return super()._cat_load()
        if not self._cat.adopt():
            return super()._cat_load()
        sig = self._cat.signature
        found = (derived.load(derived.index_file(self._files.catalogue), sig, known)
                 if sig else None)
        if found is not None:
            try:
                found.check()
            except Stale:
                found.close()
                found = None
        if found is None:
            return super()._cat_load()
        self._light = found
        self._indexed = True
        return True

    def _drop_light(self) -> None:
        if self._light is not None:
            self._light.close()
            self._light = None

    def _build_catalogue(self) -> None:
        light = self._light
        if light is None:
            super()._build_catalogue()
            if not self._indexed:
                self._save_derived()  # the next command takes the quick path
            return
        path = self._cat.path
        papers = LightPapers(light, self._cat.read_range,
                             lambda table: records.papers_from_table(table, path).papers,
                             derived.FIELDS)
        assert isinstance(self._catalogue, LightCatalogueView)
        self._catalogue.light(papers, self._states)
        self._invalid_papers = {}  # the records themselves: a write parses the catalogue
        self._skipped_papers = light.skipped  # the full load's warning, as it was

    def _need_catalogue(self) -> None:
        """Parse the catalogue: from now on this is a plain Library."""
        with self._mutex:
            if self._light is None:
                return
            self._whole = True
            self._drop_light()
            indexed = self._cat.signature
            self._cat.load()
            if self._cat.signature != indexed:
                self._indexed = False  # another file than the one indexed
            self._load_catalogue()

    def _guarded(self, paper_id: str, read: Callable[[], Any]) -> Any:
        try:
            return read()
        except Stale:
            self._need_catalogue()
            return read()

    def select(self, keep: Callable[[ReadingState], bool], *, whole: bool = True
               ) -> list[Entry]:
        """`[e for e in entries() if keep(e.state)]`, without parsing the catalogue when
        the index allows. `keep` must not look at the state's paper id (the default
        state is asked once for all papers without one). `whole=False`: papers hold
        only their id and derived.FIELDS (title, year, added_at), and the papers
        without a reading state share one default state (its paper id empty), for a
        caller that reads nothing else of them."""
        with self._mutex:
            if isinstance(self._catalogue.papers, LightPapers):
                try:
                    ids = self.paper_ids()
                    with_default = keep(ReadingState(""))
                    states = self._states
                    rows = [row for row, pid in enumerate(ids)
                            if (keep(states[pid]) if pid in states else with_default)]
                except Stale:
                    rows = None
                found = None if rows is None else self.entries_at(rows, whole=whole)
                if found is not None:
                    return found
        return [e for e in self.entries() if keep(e.state)]

    def entries_at(self, rows: list[int], *, whole: bool = True) -> list[Entry] | None:
        """`[entries()[r] for r in rows]` read through the index (`whole=False`: as
        select's); None when the full load is needed (or faster: many whole papers)."""
        with self._mutex:
            light = self._catalogue.papers
            if not isinstance(light, LightPapers) or (whole and len(rows) > WHOLE_BY_SEEK):
                return None
            try:
                with gc_paused():
                    ids = light.index.ids
                    chosen = [ids[row] for row in rows]
                    papers = (light.many(rows) if whole else
                              light.briefs(None if rows == [*range(len(light))] else rows))
            except Stale:
                return None
            states = self._states
            if not whole:  # one default state for all: a brief is not a whole entry either
                shared = ReadingState("")
                return list(map(Entry, papers, [states.get(pid, shared) for pid in chosen]))
            default = self._catalogue.default_state
            return list(map(Entry, papers, [states[pid] if pid in states else default(pid)
                                            for pid in chosen]))

    def states_in_order(self) -> list[ReadingState]:
        """The reading state of every paper, in catalogue order, those without one all
        the same default state (its paper id empty). Read-only: they are shared."""
        with self._mutex:
            states, default = self._states, ReadingState("")
            return [states.get(pid, default) for pid in self.paper_ids()]

    def papers_at(self, rows: list[int]) -> list[Paper] | None:
        """The whole papers at `rows`, read through the index; None: read entries()."""
        with self._mutex:
            light = self._catalogue.papers
            if isinstance(light, LightPapers) and len(rows) <= WHOLE_BY_SEEK:
                with gc_paused(), contextlib.suppress(Stale):
                    return light.many(rows)
            return None

    def states_by_row(self) -> dict[int, ReadingState]:
        """The stored reading states by position (the other papers: the default state).
        Read-only: they are the library's."""
        with self._mutex:
            papers = self._catalogue.papers
            row_of = (papers.index.row_of if isinstance(papers, LightPapers) else
                      {pid: row for row, pid in enumerate(papers)}.get)
            rows = {pid: row_of(pid) for pid in self._states}
            return {row: self._states[pid] for pid, row in rows.items() if row is not None}

    def columns_at(self, rows: list[int], fields: tuple[str, ...]) -> dict[str, list[Any]] | None:
        """The ids ("id") and the `fields` (of derived.FIELDS) of the papers at `rows`,
        read from the derived index alone; None when the catalogue is parsed (or the
        index is damaged): read entries() instead."""
        with self._mutex:
            light = self._catalogue.papers
            if not isinstance(light, LightPapers):
                return None
            try:
                columns = {"id": light.index.ids, **light.index.columns(fields)}
            except Stale:
                return None
        return {name: list(map(values.__getitem__, rows)) for name, values in columns.items()}

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
        except Stale:
            self._need_catalogue()
            return self.entry(self.paper_ids()[position])
        with self._mutex:
            return Entry(paper, copy_state(self._current(paper.id)))

    def paper(self, paper_id: str) -> Paper:
        return self._guarded(paper_id, lambda: super(QuickLibrary, self).paper(paper_id))  # type: ignore[no-any-return]

    def entry(self, paper_id: str) -> Entry:
        return self._guarded(paper_id, lambda: super(QuickLibrary, self).entry(paper_id))  # type: ignore[no-any-return]

    # deleting one paper: a splice of the file (splice.py) --------------------------
    def delete_papers(self, paper_ids: Iterable[str]) -> Change:
        try:
            return super().delete_papers(paper_ids)
        except Stale:  # a paper the index cannot read (nothing was written): the full load
            self._need_catalogue()
            return super().delete_papers(paper_ids)

    def _delete(self, step: Deletion) -> None:
        if not (len(step.papers) == 1 and self._splice_out(step)):
            super()._delete(step)

    def _splice_out(self, step: Deletion) -> bool:
        """Take the one paper of `step` out by a splice of the catalogue file, with its
        state as the full path does; False (nothing done) when splice.py says no."""
        light, files = self._light, self._files
        if light is None or files is None:
            return False
        (pid,) = step.papers
        row = light.row_of(pid)
        cut = None if row is None else splice.cut_of(light, row, self._cat.read_range)
        if row is None or cut is None:
            return False
        path = files.catalogue

        def new_index() -> tuple[dict[str, bytes], dict[str, int]]:
            sections = splice.index_without(light, row, cut)
            return sections, derived.crcs_of(sections)

        with self._cat.opened() as fd:
            if fd is None:
                return False
            try:  # the new index is made while the kernel copies the file
                sections, crcs = splice.write_without(path, fd, cut, new_index)
            except Stale:  # (nothing was written)
                return False
            except OSError as exc:
                raise StoreError(f"cannot write {path}: {exc.strerror or exc}; "
                                 "the library was left as it was") from None
        self._cat.adopt()  # the file just written (the lock is held)
        self._cat.close_stale(meanwhile=True)  # the old file's blocks freed beside the rest
        sig, index = self._cat.signature, derived.index_file(files.catalogue)
        saved = sig is not None and derived.save(index, sig, light.count - 1, sections, crcs)
        self._cat_load(sections if saved else None)  # that index, or the full load
        self._load_catalogue()
        kept = [p for p, state in step.states.items() if not state.is_default]
        if kept:  # the state file's backup, before the paper's state leaves it
            with contextlib.suppress(OSError):  # a failed backup must not block the change
                rotate_backup(files, force=True)
            self._write_states({p: ReadingState(p) for p in kept})
        return True
