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

from tinydb.table import Table

from reader.errors import UnknownPaperError
from reader.gcutil import gc_paused
from reader.model import Entry, Paper, ReadingState
from reader.store import records, schema
from reader.store.files import LibraryFiles, locked, rotate_backup
from reader.store.index import CatalogueIndex
from reader.store.records import copy_state
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
                 state: Storage, files: LibraryFiles | None) -> None:
        self.path = path
        self._clock = clock
        self._cat = catalogue
        self._st = state
        self._files = files
        self._lock = files.make_lock() if files else None
        self._mutex = threading.RLock()
        self._index = CatalogueIndex()
        self._states: dict[str, ReadingState] = {}
        self._state_ids: dict[str, int] = {}
        self._searches: dict[str, str] = {}
        self._search_ids: dict[str, int] = {}
        self._undo: list[UndoStep] = []
        self._keys_to_save = False
        """Citation keys were generated at load for papers the file stores without one."""

    @classmethod
    def open(cls, path: Path | None, *, clock: Clock | None = None,
             create: bool = True) -> Self:
        """Open (or create, 0600) the library at `path`; None = in memory.

        With create=False a missing library is an empty one and no file is
        written (read-only commands). An invalid file raises StoreError and is
        never overwritten.
        """
        clock = clock or _utc_now
        if path is None:
            cat, st = MemoryStorage(), MemoryStorage()
            cat.write(schema.empty(schema.CATALOGUE))
            st.write(schema.empty(schema.STATE))
            return cls(None, clock, cat, st, None)
        path = Path(path)
        files = LibraryFiles(path)
        lib = cls(path, clock, *cls._storages(files), files)
        try:
            if create:
                lib._create()
            else:
                lib._cat.load()
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
        st_fix = (f"restore a backup: cp {backups[0]} {files.state}; `reader check` lists "
                  "them all" if backups else
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
            catalogue, state = self._cat.load(), self._st.load()  # both valid before any write
            if catalogue is None:
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
    def _load_catalogue(self) -> None:
        with gc_paused():
            self._build_catalogue()

    def _build_catalogue(self) -> None:
        data = self._cat.read()
        papers = records.papers_from_table((data or {}).get(schema.PAPERS_TABLE) or {},
                                           self._cat.path)
        self._cat.release()
        self._keys_to_save = records.give_keys(papers)
        self._index.reset(papers, self._states)

    def _save_generated_keys(self) -> None:
        """Store the keys generated at load (a library from before citation keys): once,
        so that they are the file's from then on. Each process generates the same keys
        from the same file, so a reader that opened it meanwhile saw these keys too."""
        with self._transaction():
            if self._keys_to_save:
                self._write_catalogue()

    def _write_catalogue(self) -> None:
        """Rewrite the papers table from the papers in memory (one atomic write)."""
        with gc_paused(), self._cat.batch():
            data = schema.empty(schema.CATALOGUE)
            docs = data[schema.PAPERS_TABLE]
            for i, paper in enumerate(self._index.papers.values(), 1):
                docs[str(i)] = records.paper_doc(paper)
            self._cat.write(data)
            del docs, data
        self._cat.release()
        self._keys_to_save = False

    def _load_state(self) -> None:
        loaded = records.states_from_data(self._st.read() or {}, self._st.path)
        changed = set(self._states) | set(loaded.states)
        changed = {p for p in changed if self._states.get(p) != loaded.states.get(p)}
        self._states, self._state_ids = loaded.states, loaded.state_ids
        self._searches, self._search_ids = loaded.searches, loaded.search_ids
        self._index.states_changed(changed, self._states)

    def _refresh(self) -> bool:
        changed = False
        if self._cat.changed_on_disk():
            self._cat.load()
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
        return self._clock().isoformat(timespec="seconds")

    # catalogue -------------------------------------------------------
    def __len__(self) -> int:
        return len(self._index.papers)

    def papers(self) -> list[Paper]:
        with self._mutex:
            return list(self._index.papers.values())

    def paper(self, paper_id: str) -> Paper:
        with self._mutex:
            try:
                return self._index.papers[paper_id]
            except KeyError:
                raise UnknownPaperError(f"no paper {paper_id!r} in the library") from None

    def resolve(self, prefix: str) -> str:
        """Full id from any unique prefix (with or without `arxiv:`); UnknownPaperError."""
        with self._mutex:
            return self._index.resolve(prefix)

    # reading state ---------------------------------------------------
    def _current(self, paper_id: str) -> ReadingState:
        return self._states.get(paper_id) or self._index.default_state(paper_id)

    def state(self, paper_id: str) -> ReadingState:
        with self._mutex:
            if paper_id not in self._index.papers and paper_id not in self._states:
                raise UnknownPaperError(f"no paper {paper_id!r} in the library")
            return copy_state(self._current(paper_id))

    def entries(self) -> list[Entry]:
        """Every paper with its state, in import order (cached; O(n) copy of a list)."""
        with self._mutex:
            return list(self._index.entries())

    def entry(self, paper_id: str) -> Entry:
        with self._mutex:
            paper = self.paper(paper_id)
            return Entry(paper, copy_state(self._current(paper_id)))

    def _write_states(self, changes: dict[str, ReadingState]) -> None:
        """Persist new states (one file write), then update the caches."""
        ids = self._state_ids
        removes = [ids[p] for p, s in changes.items() if s.is_default and p in ids]
        updates = {p: s.to_dict() for p, s in changes.items() if not s.is_default and p in ids}
        inserts = [p for p, s in changes.items() if not s.is_default and p not in ids]
        with self._st.batch():
            if self._st.read() is None:
                self._st.write(schema.empty(schema.STATE))
            table = Table(self._st, schema.STATE_TABLE, cache_size=0)
            if removes:
                table.remove(doc_ids=removes)
            if updates:
                def update(doc: MutableMapping[str, Any]) -> None:
                    new = updates[doc["paper_id"]]
                    doc.clear()
                    doc.update(new)
                table.update(update, doc_ids=[ids[p] for p in updates])
            new_ids = (table.insert_multiple(changes[p].to_dict() for p in inserts)
                       if inserts else [])
        for pid, state in changes.items():
            if state.is_default:
                self._states.pop(pid, None)
                ids.pop(pid, None)
            else:
                self._states[pid] = state
        ids.update(zip(inserts, new_ids, strict=True))
        self._index.states_changed(set(changes), self._states)

    # other processes ---------------------------------------------------
    def reload_if_changed(self) -> bool:
        """Re-read if another process wrote the library; True when something changed.

        Costs two `stat` calls when nothing changed: poll it (from a worker).
        """
        with self._mutex:
            try:
                return self._refresh()
            finally:
                self._cat.close_stale()
                self._st.close_stale()

    @staticmethod
    def check(path: Path) -> list[str]:
        """Problems found in the library at `path` (empty = healthy), plus backup info.

        Lines start with `error:`, `warning:` or `note:`/`ok:`.
        """
        from reader.store.check import check_library

        return check_library(Path(path))
