"""The core of Library on disk: opening the two files, loading them into the
library's contents (contents.py: what it holds and how it is read), the locked
transaction, persisting states (their documents: state_docs.py) and reloading
what another process wrote. Imports (importing.py), saved searches (saved.py) and
the changes with their undo (library.py) build on it. See library.py for the
guarantees."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from filelock import Timeout

from reader.gcutil import gc_paused
from reader.model import ReadingState
from reader.store import records, schema, state_docs, validate
from reader.store.contents import Clock, LibraryContents, utc_now
from reader.store.files import LibraryFiles, locked
from reader.store.opening import storages
from reader.store.stamps import Hlc
from reader.store.storage import AtomicJSONStorage, MemoryStorage

__all__ = ["Clock", "LibraryCore", "UndoStep"]

Storage = AtomicJSONStorage | MemoryStorage
UndoStep = tuple[list[tuple[str, ReadingState, ReadingState]], str]
"""([(paper id, state before, state written)], description) of one change."""


class LibraryCore(LibraryContents):
    def __init__(self, path: Path | None, clock: Clock, catalogue: Storage,
                 state: Storage, files: LibraryFiles | None, device: str | None = None) -> None:
        super().__init__(path, clock, device)
        self._cat = catalogue
        self._st = state
        self._files = files
        self._lock = files.make_lock() if files else None
        self._invalid_papers: dict[str, Any] = {}
        self._skipped_papers: list[str] = []
        self._skipped_states: list[str] = []
        self._keys_to_save = False
        """Citation keys were generated at load for papers the file stores without one."""

    @classmethod
    def open(cls, path: Path | None, *, clock: Clock | None = None,
             create: bool = True, device: str | None = None) -> Self:
        """Open (or create, 0600) the library at `path`; None = in memory.

        With create=False a missing library is an empty one and no file is
        written (read-only commands). An invalid file raises StoreError and is
        never overwritten. `device` names this machine in the sync stamps
        (default: stamps.device_id()).
        """
        clock = clock or utc_now
        if path is None:
            cat, st = MemoryStorage(), MemoryStorage()
            cat.write(schema.empty(schema.CATALOGUE))
            st.write(schema.empty(schema.STATE))
            return cls(None, clock, cat, st, None, device)
        path = Path(path)
        files = LibraryFiles.at(path)
        lib = cls(path, clock, *storages(files), files, device)
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
    def catalogue_token(self) -> str | None:
        """Names the catalogue file whose papers are in memory (device, inode, size,
        mtime): files derived from it (a vouched word index) name it with this."""
        sig = self._cat.signature
        return ":".join(map(str, sig)) if sig else None

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

    def keep_derived_index(self) -> None:
        """Write the catalogue's derived index unless one matches the file read (for a
        caller with time to spare, as the app after its load: the next start glances
        at the library through it, and the CLI's one-paper commands read by it)."""
        from reader.store import derived

        with self._mutex:
            sig = self._cat.signature
            if self._files is None or sig is None:
                return
            found = derived.load(derived.index_file(self._files.catalogue), sig)
            if found is None:
                self._save_derived()
            else:
                found.close()

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
        self._write_docs(state_docs.stamped_docs(changes, self._docs, hlc, self.device, wall))

    def _write_docs(self, docs: dict[str, dict[str, Any]]) -> None:
        """Persist state documents as given (one file write), then update the caches."""
        ids = self._state_ids
        inserts = [p for p in docs if p not in ids]
        new_ids = state_docs.write_docs(self._st, ids, docs)
        for pid, doc in docs.items():
            self._docs[pid] = doc
            self._states[pid] = ReadingState.from_dict(doc)
        ids.update(zip(inserts, new_ids, strict=True))
        self._catalogue.states_changed(set(docs), self._states)

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
