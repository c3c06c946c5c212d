"""Library: catalogue + reading state, atomic, locked, fast at 100k papers.

Two TinyDB files (see schema.py and files.py): the large catalogue, written
only by imports, and the small reading-state file, which holds only papers
whose state is not the default. A status change therefore rewrites a file
whose size depends on how many papers the user touched, not on the library.

Every change is one transaction: take the in-process lock and the file lock,
re-read whichever file another process replaced (one `stat` each), apply the
change through TinyDB, write atomically (storage.py), release. No lock is held
between changes, so the app and `reader mark` in another terminal can both
write. `reload_if_changed()` lets the app pick up changes made elsewhere.

Undo is per process and in memory: `undo()` reverts the last change *this*
Library object made (not changes made by another process), and the history
is gone when the process exits.

Objects returned (Paper, Entry, ReadingState inside entries) are shared with
the cache: treat them as read-only and change state only through the methods.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb.table import Table

from reader.errors import ReaderError, UnknownPaperError
from reader.gcutil import gc_paused
from reader.model import Entry, Paper, ReadingState, Status
from reader.store import changes, records, schema
from reader.store.changes import ImportReport
from reader.store.files import LibraryFiles, locked, rotate_backup
from reader.store.index import CatalogueIndex
from reader.store.records import clean_tags, copy_state, paper_doc
from reader.store.storage import AtomicJSONStorage, MemoryStorage
from reader.text import clean_line, sanitize

__all__ = ["Change", "Clock", "ImportReport", "Library"]

Clock = Callable[[], datetime]
"""Returns an aware UTC datetime. Injected by tests (stats need known times)."""

Storage = AtomicJSONStorage | MemoryStorage
UndoStep = tuple[list[tuple[str, ReadingState, ReadingState]], str]
"""([(paper id, state before, state written)], description) of one change."""


@dataclass(slots=True)
class Change:
    """One persisted change, as the CLI prints it and the app toasts it."""

    paper_id: str
    description: str
    """e.g. 'status: new → read', 'rating: 4', 'tags: +ml', 'note saved'."""
    before: ReadingState
    after: ReadingState


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Library:
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

    @classmethod
    def open(cls, path: Path | None, *, clock: Clock | None = None,
             create: bool = True) -> Library:
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

    def __enter__(self) -> Library:
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
        self._index.reset(papers, self._states)

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

    def add_papers(self, papers: Iterable[Paper],
                   states: dict[str, ReadingState] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Merge: new ids added, missing metadata filled, reading state untouched.
        `states` (only from Reader's own JSON) are applied to papers without state."""
        incoming = list(papers)
        with self._transaction():
            plan = changes.plan_import(self._index.papers, incoming, self._now(), progress)
            if plan.fresh or plan.fills:
                self._write_papers(plan.fresh, plan.fills)
            if states:
                self._apply_import_states(states)
        if progress is not None:
            progress(len(incoming), len(incoming))
        return plan.report

    def _write_papers(self, fresh: dict[str, Paper], fills: dict[str, dict[str, Any]]) -> None:
        """One catalogue write through TinyDB. The table is rebuilt from the papers in
        memory (current: the transaction re-read the file if another process changed
        it), sharing their strings, instead of parsing the file a second time."""
        index = self._index
        with gc_paused(), self._cat.batch():
            data = schema.empty(schema.CATALOGUE)
            docs = data[schema.PAPERS_TABLE]
            for i, paper in enumerate(index.papers.values(), 1):
                docs[str(i)] = paper_doc(paper)
            self._cat.write(data)  # inside batch(): becomes the cache, written once below
            table = Table(self._cat, schema.PAPERS_TABLE, cache_size=0)
            if fills:
                targets = [int(k) for k, doc in docs.items() if doc["id"] in fills]

                def fill(doc: MutableMapping[str, Any]) -> None:
                    doc.update(fills[doc["id"]])
                table.update(fill, doc_ids=targets)
            if fresh:
                table.insert_multiple(paper_doc(p) for p in fresh.values())
            del docs, data
        self._cat.release()
        index.add(fresh, {pid: replace(index.papers[pid], **f) for pid, f in fills.items()})

    def _apply_import_states(self, states: dict[str, ReadingState]) -> None:
        todo: dict[str, ReadingState] = {}
        for pid, state in states.items():
            if pid in self._index.papers and pid not in self._states:
                new = copy_state(state)
                new.paper_id = pid
                new.note = sanitize(new.note)
                new.tags = clean_tags(new.tags)
                if not new.is_default:
                    todo[pid] = new
        if todo:
            self._write_states(todo)

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

    def queue(self) -> list[Entry]:
        """The to-read papers in queue order (queue_pos, then rating, then import order)."""
        with self._mutex:
            return [self.entry(pid) for pid in self._queue_ids()]

    def _queue_ids(self) -> list[str]:
        order = self._index.order()
        todo = [s for s in self._states.values()
                if s.status is Status.TO_READ and s.paper_id in order]
        todo.sort(key=lambda s: (s.queue_pos is None, s.queue_pos or 0.0, -(s.rating or 0),
                                 order[s.paper_id]))
        return [s.paper_id for s in todo]

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

    def _change(self, paper_id: str, mutate: changes.Mutation) -> Change:
        with self._transaction():
            if paper_id not in self._index.papers:
                raise UnknownPaperError(f"no paper {paper_id!r} in the library")
            now = self._now()
            before = self._current(paper_id)
            after = copy_state(before)
            description = mutate(after, now)
            if after != before:
                after.updated_at = now
                self._write_states({paper_id: after})
                self._undo.append(([(paper_id, before, after)], description))
            return Change(paper_id, description, copy_state(before), copy_state(after))

    def set_status(self, paper_id: str, status: Status) -> Change:
        return self._change(paper_id, changes.set_status(Status(status)))

    def set_rating(self, paper_id: str, rating: int | None) -> Change:
        return self._change(paper_id, changes.set_rating(rating))

    def add_tags(self, paper_id: str, tags: Iterable[str]) -> Change:
        return self._change(paper_id, changes.add_tags(tags))

    def remove_tags(self, paper_id: str, tags: Iterable[str]) -> Change:
        return self._change(paper_id, changes.remove_tags(tags))

    def set_note(self, paper_id: str, note: str) -> Change:
        return self._change(paper_id, changes.set_note(note))

    def move_in_queue(self, paper_id: str, delta: int) -> Change:
        """Move a to-read paper up (delta<0) or down in the to-read queue."""
        with self._transaction():
            order = self._queue_ids()
            if paper_id not in order:
                raise ReaderError(f"{paper_id} is not in the to-read queue")
            i = order.index(paper_id)
            j = max(0, min(len(order) - 1, i + delta))
            before = self._current(paper_id)
            if i == j:
                where = "top" if delta < 0 else "bottom"
                return Change(paper_id, f"queue: already at the {where}",
                              copy_state(before), copy_state(before))
            order.insert(j, order.pop(i))
            now = self._now()
            changes: dict[str, ReadingState] = {}
            for pos, pid in enumerate(order):
                current = self._current(pid)
                if current.queue_pos != float(pos):
                    new = copy_state(current)
                    new.queue_pos = float(pos)
                    new.updated_at = now
                    changes[pid] = new
            befores = {pid: self._current(pid) for pid in changes}
            self._write_states(changes)
            description = f"queue: moved to {j + 1} of {len(order)}"
            self._undo.append(([(pid, befores[pid], new) for pid, new in changes.items()],
                               description))
            return Change(paper_id, description, copy_state(before),
                          copy_state(self._current(paper_id)))

    def undo(self) -> Change | None:
        """Revert this process's last change; None when there is nothing to undo.

        Refused (ReaderError) when another process changed the same paper since:
        undo must never throw away someone else's note.
        """
        with self._transaction():
            if not self._undo:
                return None
            step, description = self._undo.pop()
            pid = step[0][0]
            for other, _, written in step:
                now = self._current(other)
                if now != written and not (now.is_default and written.is_default):
                    raise ReaderError(f"cannot undo {description!r}: {other} was changed "
                                      "elsewhere since")
            current = copy_state(self._current(pid))
            self._write_states({p: copy_state(before) for p, before, _ in step})
            return Change(pid, f"undone: {description}", current,
                          copy_state(self._current(pid)))

    # saved searches --------------------------------------------------
    def saved_searches(self) -> dict[str, str]:
        with self._mutex:
            return dict(self._searches)

    def save_search(self, name: str, query: str) -> None:
        name, query = clean_line(name), clean_line(query)
        if not name:
            raise ReaderError("a saved search needs a name")
        with self._transaction():
            table = Table(self._st, schema.SEARCHES_TABLE, cache_size=0)
            with self._st.batch():
                if self._st.read() is None:
                    self._st.write(schema.empty(schema.STATE))
                if name in self._search_ids:
                    table.update({"query": query}, doc_ids=[self._search_ids[name]])
                else:
                    self._search_ids[name] = table.insert({"name": name, "query": query})
            self._searches[name] = query

    def delete_search(self, name: str) -> None:
        with self._transaction():
            doc_id = self._search_ids.get(name)
            if doc_id is None:
                return
            with self._st.batch():
                Table(self._st, schema.SEARCHES_TABLE, cache_size=0).remove(doc_ids=[doc_id])
            del self._search_ids[name]
            self._searches.pop(name, None)

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
