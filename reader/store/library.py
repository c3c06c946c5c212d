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

from collections.abc import Iterable
from dataclasses import dataclass, replace

from reader.citekeys import KEY_CHARS, MAX_KEY, fold_key, is_valid_key
from reader.errors import ReaderError, UnknownPaperError
from reader.model import Entry, ReadingState, Status
from reader.store import changes
from reader.store.changes import ImportReport
from reader.store.core import Clock
from reader.store.merging import MergeReport, MergingLibrary
from reader.store.records import copy_state
from reader.store.saved import SavedSearches

__all__ = ["Change", "Clock", "ImportReport", "Library", "MergeReport"]


@dataclass(slots=True)
class Change:
    """One persisted change, as the CLI prints it and the app toasts it."""

    paper_id: str
    description: str
    """e.g. 'status: new → read', 'rating: 4', 'tags: +ml', 'note saved'."""
    before: ReadingState
    after: ReadingState


class Library(MergingLibrary, SavedSearches):
    """The library API (see the module docstring): open, import, read, change, undo,
    saved searches, merge another copy. Split over core.py, importing.py, merging.py,
    saved.py and this module."""

    def queue(self) -> list[Entry]:
        """The to-read papers in queue order (queue_pos, then rating, then import order)."""
        self._need_catalogue()
        with self._mutex:
            return [self.entry(pid) for pid in self._queue_ids()]

    def _queue_ids(self) -> list[str]:
        order = self._index.order()
        todo = [s for s in self._states.values()
                if s.status is Status.TO_READ and s.paper_id in order]
        todo.sort(key=lambda s: (s.queue_pos is None, s.queue_pos or 0.0, -(s.rating or 0),
                                 order[s.paper_id]))
        return [s.paper_id for s in todo]

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
                self._write_states({paper_id: after}, now)
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

    def set_note(self, paper_id: str, note: str, base: str | None = None) -> Change:
        """`base`: the note when the editor opened; if the stored note changed since,
        both texts are kept (merged) and the description says so."""
        return self._change(paper_id, changes.set_note(note, base))

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
            self._write_states(changes, now)
            description = f"queue: moved to {j + 1} of {len(order)}"
            self._undo.append(([(pid, befores[pid], new) for pid, new in changes.items()],
                               description))
            return Change(paper_id, description, copy_state(before),
                          copy_state(self._current(paper_id)))

    def set_key(self, paper_id: str, key: str) -> str:
        """Give a paper a new citation key (`reader rekey`); returns the old one.
        ReaderError when `key` has unusable characters or another paper holds it."""
        key = key.strip()
        if not is_valid_key(key):
            allowed = KEY_CHARS.replace("\\", "")
            raise ReaderError(f"{key!r} cannot be a citation key: use 1 to {MAX_KEY} of "
                              f"the characters {allowed} (no spaces)")
        with self._transaction():
            self._need_catalogue()  # the catalogue is rewritten from the papers in memory
            paper = self.paper(paper_id)
            holder = self._index.keys().get(fold_key(key))
            if holder is not None and holder != paper_id:
                raise ReaderError(f"the key {key} is taken by {holder}; nothing was changed")
            if paper.key == key:
                return key
            self._index.add({}, {paper_id: replace(paper, key=key)})
            try:
                self._write_papers({}, {})
            except BaseException:
                self._index.add({}, {paper_id: paper})
                raise
            return paper.key

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
