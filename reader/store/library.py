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

from collections.abc import Callable, Iterable
from dataclasses import replace

from reader.citekeys import KEY_CHARS, MAX_KEY, fold_key, is_valid_key
from reader.errors import ReaderError
from reader.model import Entry, ReadingState, Status
from reader.store import changes
from reader.store.catalogue import given_ids
from reader.store.changes import Change
from reader.store.core import Clock, UndoStep
from reader.store.import_plan import ImportReport
from reader.store.merging import MergeReport, MergingLibrary
from reader.store.records import copy_state
from reader.store.removal import Deletion, RemovingLibrary
from reader.store.saved import SavedSearches

__all__ = ["Change", "Clock", "ImportReport", "Library", "MergeReport"]


class Library(RemovingLibrary, MergingLibrary, SavedSearches):
    """The library API (see the module docstring): open, import, read, change, undo,
    saved searches, deletion, merge another copy. Split over contents.py, core.py,
    importing.py, merging.py, removal.py, saved.py and this module."""

    def queue(self) -> list[Entry]:
        """The to-read papers in queue order (queue_pos, then rating, then import order)."""
        self._need_catalogue()
        with self._mutex:
            return [self.entry(pid) for pid in self._queue_ids()]

    def _queue_ids(self) -> list[str]:
        order = self._catalogue.order()
        todo = [s for s in self._states.values()
                if s.status is Status.TO_READ and s.paper_id in order]
        todo.sort(key=lambda s: (s.queue_pos is None, s.queue_pos or 0.0, -(s.rating or 0),
                                 order[s.paper_id]))
        return [s.paper_id for s in todo]

    def _change(self, paper_id: str, mutate: changes.Mutation) -> Change:
        return self._change_many([paper_id], mutate, "")

    def _change_many(self, paper_ids: Iterable[str], mutate: changes.Mutation,
                     summary: str) -> Change:
        """Apply `mutate` to every paper in one transaction: one lock, one write,
        one undo step. A change to several papers comes back as the first paper's
        Change with the others in `others` and `summary` in its description."""
        ids = given_ids(paper_ids)
        with self._transaction():
            self._catalogue.require(ids)
            now = self._now()
            done: list[Change] = []
            written: dict[str, ReadingState] = {}
            befores: dict[str, ReadingState] = {}
            for pid in ids:
                before = self._current(pid)
                after = copy_state(before)
                description = mutate(after, now)
                if after != before:
                    after.updated_at = now
                    written[pid], befores[pid] = after, before
                done.append(Change(pid, description, copy_state(before), copy_state(after)))
            if len(ids) > 1:
                summary = changes.batch_summary(summary, len(written), len(ids))
            else:
                summary = done[0].description
            if written:
                self._write_states(written, now)
                self._remember(([(p, befores[p], s) for p, s in written.items()], summary))
        first = done[0]
        first.others = done[1:]
        first.description = summary
        return first

    def _remember(self, step: UndoStep | Deletion) -> None:
        """A new change: undoable; what was undone can no longer be redone."""
        self._undo.append(step)
        self._redo.clear()

    def set_status_many(self, paper_ids: Iterable[str], status: Status) -> Change:
        status = Status(status)
        return self._change_many(paper_ids, changes.set_status(status),
                                 f"status → {status.value}")

    def set_rating_many(self, paper_ids: Iterable[str], rating: int | None) -> Change:
        return self._change_many(paper_ids, changes.set_rating(rating),
                                 f"rating: {rating}" if rating else "rating cleared")

    def add_tags_many(self, paper_ids: Iterable[str], tags: Iterable[str]) -> Change:
        tags = list(tags)
        return self._change_many(paper_ids, changes.add_tags(tags),
                                 "tags: " + " ".join(f"+{t}" for t in tags))

    def remove_tags_many(self, paper_ids: Iterable[str], tags: Iterable[str]) -> Change:
        tags = list(tags)
        return self._change_many(paper_ids, changes.remove_tags(tags),
                                 "tags: " + " ".join(f"-{t}" for t in tags))

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

    def append_note(self, paper_id: str, text: str) -> Change:
        return self._change(paper_id, changes.append_note(text))

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
            self._remember(([(pid, befores[pid], new) for pid, new in changes.items()],
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
            holder = self._catalogue.keys().get(fold_key(key))
            if holder is not None and holder != paper_id:
                raise ReaderError(f"the key {key} is taken by {holder}; nothing was changed")
            if paper.key == key:
                return key
            self._catalogue.add({}, {paper_id: replace(paper, key=key)})
            try:
                self._write_papers({}, {})
            except BaseException:
                self._catalogue.add({}, {paper_id: paper})
                raise
            return paper.key

    def undo(self) -> Change | None:
        """Revert this process's last change; None when there is nothing to undo.
        The description says what was restored ("status back to new").

        Refused (ReaderError) when another process changed the same paper since:
        undo must never throw away someone else's note.
        """
        return self._travel(self._undo, self._redo, back=True)

    def redo(self) -> Change | None:
        """Make again the change the last undo reverted; None when there is none."""
        return self._travel(self._redo, self._undo, back=False)

    def _travel(self, source: list[UndoStep | Deletion], target: list[UndoStep | Deletion],
                *, back: bool) -> Change | None:
        with self._transaction():
            if not source:
                return None
            step = source[-1]
            if isinstance(step, Deletion):
                change = self._restore(step) if back else self._delete_again(step)
                target.append(source.pop())
                return change
            moves, description = step
            expected: Callable[[tuple[str, ReadingState, ReadingState]], ReadingState] = (
                (lambda m: m[2]) if back else (lambda m: m[1]))
            for move in moves:
                now, wanted = self._current(move[0]), expected(move)
                if now != wanted and not (now.is_default and wanted.is_default):
                    verb = "undo" if back else "redo"
                    raise ReaderError(f"cannot {verb} {description!r}: {move[0]} was "
                                      "changed elsewhere since")
            target.append(source.pop())
            currents = {pid: copy_state(self._current(pid)) for pid, _, _ in moves}
            self._write_states({pid: copy_state(before if back else after)
                                for pid, before, after in moves})
        done = [Change(pid, "", currents[pid], copy_state(self._current(pid)))
                for pid, _, _ in moves]
        first = done[0]
        first.others = done[1:]
        if back:
            first.description = changes.describe_restore(done)
        else:
            first.description = f"redone: {description}"
        return first
