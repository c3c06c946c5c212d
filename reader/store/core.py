"""The core of Library: opening the two files, loading, the locked transaction,
reading papers and states, and persisting states. Imports (importing.py), saved
searches (saved.py) and the changes with their undo (library.py) build on it.
See library.py for the guarantees."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, MutableMapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from filelock import Timeout
from tinydb.table import Table

from reader.errors import UnknownPaperError
from reader.gcutil import gc_paused
from reader.model import Entry, Paper, ReadingState
from reader.store import mergeable, records, schema, validate
from reader.store.catalogue import CatalogueView
from reader.store.files import LibraryFiles, locked, rotate_backup
from reader.store.records import copy_state
from reader.store.stamps import Hlc, device_id
from reader.store.storage import AtomicJSONStorage, MemoryStorage

__all__ = ["Clock", "LibraryCore", "UndoStep"]

Clock = Callable[[], datetime]
"""Returns an aware UTC datetime. Injected by tests (stats need known times)."""

Storage = AtomicJSONStorage | MemoryStorage
UndoStep = tuple[list[tuple[str, ReadingState, ReadingState]], str]
"""([(paper id, state before, state written)], description) of one change."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class LibraryCore:
    path: Path | None

    def __init__(self, path: Path | None, clock: Clock, catalogue: Storage,
                 state: Storage, files: LibraryFiles | None, device: str | None = None) -> None:
        self.path = path
        self._clock = clock
        self._device = device
        self._hlc: Hlc | None = None
        self._wall = datetime.fromtimestamp(0, UTC)
        """The time `_now()` last read, unrounded (stamps are to the millisecond)."""
        self._cat = catalogue
        self._st = state
        self._files = files
        self._lock = files.make_lock() if files else None
        self._mutex = threading.RLock()
        self._catalogue = CatalogueView()
        """The catalogue's papers in memory (`_cat` is the storage of its file)."""
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
        self._invalid_papers: dict[str, Any] = {}
        self._skipped_papers: list[str] = []
        self._skipped_states: list[str] = []
        self._keys_to_save = False
        """Citation keys were generated at load for papers the file stores without one."""

    @property
    def device(self) -> str:
        """This machine's name in the sync stamps (stamps.device_id, read at the first
        change: opening a library to read it touches no other file)."""
        if self._device is None:
            self._device = device_id()
        return self._device

    @classmethod
    def open(cls, path: Path | None, *, clock: Clock | None = None,
             create: bool = True, device: str | None = None) -> Self:
        """Open (or create, 0600) the library at `path`; None = in memory.

        With create=False a missing library is an empty one and no file is
        written (read-only commands). An invalid file raises StoreError and is
        never overwritten. `device` names this machine in the sync stamps
        (default: stamps.device_id()).
        """
        clock = clock or _utc_now
        if path is None:
            cat, st = MemoryStorage(), MemoryStorage()
            cat.write(schema.empty(schema.CATALOGUE))
            st.write(schema.empty(schema.STATE))
            return cls(None, clock, cat, st, None, device)
        path = Path(path)
        files = LibraryFiles.at(path)
        lib = cls(path, clock, *cls._storages(files), files, device)
        try:
            if create:
                lib._create()
            else:
                lib._cat_load()
                lib._st.load()
            lib._load_catalogue()
            lib._load_state()
            if create and lib._keys_to_save:
                lib._save_generated_keys()
        except BaseException:
            lib.close()
            raise
        return lib

    @staticmethod
    def _storages(files: LibraryFiles) -> tuple[AtomicJSONStorage, AtomicJSONStorage]:
        cat_fix = ("move it away, or restore it from your own copy; "
                   "re-importing your listings rebuilds it")
        backups = files.backups()
        st_fix = (f"restore a backup: reader --db {files.catalogue} check --restore 1 (the "
                  "damaged file is kept as a backup; `reader check` lists them all)" if backups else
                  "no backup exists yet; move it away to start with an empty reading state")
        cat = AtomicJSONStorage(files.catalogue, advice=cat_fix,
                                validate=schema.make_validator(schema.CATALOGUE, cat_fix))

        def backup(_: Path) -> None:
            with contextlib.suppress(OSError):  # a failed backup must not block a change
                rotate_backup(files)

        st = AtomicJSONStorage(files.state, advice=st_fix, before_replace=backup,
                               validate=schema.make_validator(schema.STATE, st_fix))
        return cat, st

    def _create(self) -> None:
        assert self._files is not None
        self._files.ensure_folder()
        with self._transaction(refresh=False):
            self._files.remove_temp_files()
            catalogue, state = self._cat_load(), self._st.load()  # both valid before any write
            if not catalogue:
                self._cat.write(schema.empty(schema.CATALOGUE))
            if state is None:
                self._st.write(schema.empty(schema.STATE))

    def close(self) -> None:
        with self._mutex:
            self._cat.close()
            self._st.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # loading -------------------------------------------------------------
    def _need_catalogue(self) -> None:
        """Called first by whatever needs every paper in memory: all that reads the whole
        catalogue or writes it (an import, a merge, a deletion). Nothing to do here;
        quick.py's library, which knows only ids until then, parses the catalogue."""

    def _cat_load(self) -> object:
        """Read the catalogue file (parsed or, in quick.py, adopted); falsy when absent."""
        return self._cat.load()

    def _load_catalogue(self) -> None:
        with gc_paused():
            self._build_catalogue()

    def _build_catalogue(self) -> None:
        data = self._cat.read()
        loaded = records.papers_from_table((data or {}).get(schema.PAPERS_TABLE) or {},
                                           self._cat.path)
        self._invalid_papers, self._skipped_papers = loaded.invalid, loaded.skipped
        self._cat.release()
        self._keys_to_save = records.give_keys(loaded.papers)
        self._catalogue.reset(loaded.papers, self._states)

    @property
    def skipped(self) -> str | None:
        """One warning line when invalid records were skipped at the last load, else None.
        They stay in the files as they are; `reader check` names every one."""
        parts = [validate.summary(lines, path) for lines, path in (
            (self._skipped_papers, self._cat.path), (self._skipped_states, self._st.path))
            if lines]
        return "; ".join(parts) or None

    def _save_derived(self) -> None:
        """Write the catalogue's derived index (derived.py) for the file just loaded or
        written, from the papers in memory. Only a cache: a failure is ignored."""
        if self._keys_to_save:  # the file lacks keys the load generated: read it whole
            return  # until a writer stores them (a document read alone has none)
        if self._files is not None:
            from reader.store import derived

            derived.save_for(self._files.catalogue, self._cat, self._catalogue.papers,
                             self._skipped_papers)

    def _save_generated_keys(self) -> None:
        """Store the citation keys generated at load (importing.py)."""

    def _load_state(self) -> None:
        loaded = records.states_from_data(self._st.read() or {}, self._st.path)
        self._skipped_states = loaded.skipped
        changed = set(self._states) | set(loaded.states)
        changed = {p for p in changed if self._states.get(p) != loaded.states.get(p)}
        self._states, self._state_ids = loaded.states, loaded.state_ids
        self._docs = loaded.docs
        self._searches, self._search_ids = loaded.searches, loaded.search_ids
        self._catalogue.states_changed(changed, self._states)

    def _refresh(self) -> bool:
        changed = False
        if self._cat.changed_on_disk():
            self._cat_load()
            self._load_catalogue()
            changed = True
        if self._st.changed_on_disk():
            self._st.load()
            self._load_state()
            changed = True
        return changed

    @contextlib.contextmanager
    def _transaction(self, *, refresh: bool = True) -> Iterator[None]:
        with self._mutex:
            if self._files is None or self._lock is None:
                yield
                return
            self._files.ensure_folder()
            try:
                with locked(self._lock, self._files):
                    if refresh:
                        self._refresh()
                    yield
            finally:
                self._cat.close_stale()
                self._st.close_stale()

    def _now(self) -> str:
        self._wall = self._clock()
        return self._wall.isoformat(timespec="seconds")

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

    def entry(self, paper_id: str) -> Entry:
        with self._mutex:
            paper = self.paper(paper_id)
            return Entry(paper, copy_state(self._current(paper_id)))

    def _write_states(self, changes: dict[str, ReadingState], now: str | None = None) -> None:
        """Persist new states made here (one file write): each changed field gets a
        fresh sync stamp (mergeable.stamped) from this machine's clock at `now`."""
        hlc = self._hlc = self._hlc or Hlc(self.device)
        if now is None:
            wall = self._clock()
        elif self._wall.isoformat(timespec="seconds") == now:
            wall = self._wall  # the change's own time, to the millisecond
        else:
            wall = datetime.fromisoformat(now)
        docs: dict[str, dict[str, Any]] = {}
        for pid, state in changes.items():
            old = self._docs.get(pid)
            after = mergeable.newest_stamp(mergeable.meta_of(old)) if old else ""

            def tick(after: str = after) -> str:
                return hlc.tick(wall, after)
            docs[pid] = mergeable.stamped(old, state, self.device, tick)
        self._write_docs(docs)

    def _write_docs(self, docs: dict[str, dict[str, Any]]) -> None:
        """Persist state documents as given (one file write), then update the caches.
        A document is never removed: its stamps must outlive a state set back to the
        default, or a merge would bring the older value back."""
        ids = self._state_ids
        updates = {p: d for p, d in docs.items() if p in ids}
        inserts = [p for p in docs if p not in ids]
        with self._st.batch():
            if self._st.read() is None:
                self._st.write(schema.empty(schema.STATE))
            odd = self._set_aside_odd_ids()
            table = Table(self._st, schema.STATE_TABLE, cache_size=0)
            if updates:
                def update(doc: MutableMapping[str, Any]) -> None:
                    new = updates[doc["paper_id"]]
                    doc.clear()
                    doc.update(new)
                table.update(update, doc_ids=[ids[p] for p in updates])
            new_ids = (table.insert_multiple(docs[p] for p in inserts) if inserts else [])
            if odd:
                data = self._st.read()
                assert data is not None
                data[schema.STATE_TABLE].update(odd)
        for pid, doc in docs.items():
            self._docs[pid] = doc
            self._states[pid] = ReadingState.from_dict(doc)
        ids.update(zip(inserts, new_ids, strict=True))
        self._catalogue.states_changed(set(docs), self._states)

    def _set_aside_odd_ids(self) -> dict[str, Any]:
        """Take the records whose id is not a whole number out of the state table for
        TinyDB (which converts every id to int); the caller puts them back as they are."""
        data = self._st.read()
        table = data.get(schema.STATE_TABLE) if data else None
        if not table or all(map(str.isdigit, table)):
            return {}
        return {k: table.pop(k) for k in [k for k in table if not k.isdigit()]}

    # other processes ---------------------------------------------------
    def reload_if_changed(self) -> bool:
        """Re-read if another process wrote the library; True when something changed.

        Costs two `stat` calls when nothing changed: poll it (from a worker). When a
        file changed, it is read under the library lock if that is free at once, else
        at the next poll: a writer that is not atomic (git, during `reader sync`)
        holds the lock while a file is half written.
        """
        with self._mutex:
            if not (self._cat.changed_on_disk() or self._st.changed_on_disk()):
                return False
            held = False
            if self._lock is not None:
                try:
                    self._lock.acquire(timeout=0)
                    held = True
                except Timeout:
                    return False
                except OSError:
                    pass
            try:
                return self._refresh()
            finally:
                if held and self._lock is not None:
                    self._lock.release()
                self._cat.close_stale()
                self._st.close_stale()

    @staticmethod
    def check(path: Path) -> list[str]:
        """Problems found in the library at `path` (empty = healthy), plus backup info.

        Lines start with `error:`, `warning:` or `note:`/`ok:`.
        """
        from reader.store.check import check_library

        return check_library(Path(path))
