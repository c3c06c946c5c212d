"""Deleting papers: out of the catalogue with their reading state, undoable.

The catalogue is rewritten without them (one write) and their reading state
leaves the state file, which is first copied to a backup (whatever the time
since the last one), so `reader check` lists a backup that still holds it. The
undo step keeps the papers and their states in memory: undo puts them back
(after the other papers: library order is import order).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass

from reader.errors import ReaderError
from reader.model import Paper, ReadingState
from reader.store.catalogue import given_ids
from reader.store.changes import Change
from reader.store.files import rotate_backup
from reader.store.importing import ImportingLibrary
from reader.store.records import copy_state

__all__ = ["Deletion", "RemovingLibrary"]


@dataclass(slots=True)
class Deletion:
    """An undo step: papers deleted, with the reading state each had."""

    papers: dict[str, Paper]
    states: dict[str, ReadingState]
    description: str


class RemovingLibrary(ImportingLibrary):
    def delete_papers(self, paper_ids: Iterable[str]) -> Change:
        """Delete papers and their reading state (one catalogue write, one state
        write, one undo step); the Change lists every paper (`deleted`)."""
        ids = given_ids(paper_ids)
        with self._transaction():
            self._catalogue.require(ids)
            step = Deletion({pid: self._catalogue.papers[pid] for pid in ids},
                            {pid: copy_state(self._current(pid)) for pid in ids},
                            _deleted(len(ids)))
            self._delete(step)
            self._undo.append(step)
            self._redo.clear()
        return _change(step, step.description, deleted=True)

    def _delete(self, step: Deletion) -> None:
        self._need_catalogue()  # every paper in memory (a QuickLibrary parses them now)
        kept = [pid for pid, state in step.states.items() if not state.is_default]
        if kept and self._files is not None:
            with contextlib.suppress(OSError):  # a failed backup must not block the change
                rotate_backup(self._files, force=True)
        self._catalogue.remove(set(step.papers))
        self._write_papers({}, {})
        if kept:
            self._write_states({pid: ReadingState(pid) for pid in kept})

    def _restore(self, step: Deletion) -> Change:
        """Undo a deletion (under the transaction): the papers and their states back."""
        clash = [pid for pid in step.papers if pid in self._catalogue.papers]
        if clash:
            raise ReaderError(f"cannot undo {step.description!r}: {clash[0]} was "
                              "added again since")
        self._write_papers(dict(step.papers), {})
        kept = {pid: copy_state(s) for pid, s in step.states.items() if not s.is_default}
        if kept:
            self._write_states(kept)
        return _change(step, f"undone: {_count(len(step.papers))} back in the library",
                       deleted=False)

    def _delete_again(self, step: Deletion) -> Change:
        """Redo a deletion (under the transaction)."""
        missing = [pid for pid in step.papers if pid not in self._catalogue.papers]
        if missing:
            raise ReaderError(f"cannot redo {step.description!r}: {missing[0]} is gone")
        step.states = {pid: copy_state(self._current(pid)) for pid in step.papers}
        self._delete(step)
        return _change(step, f"redone: {step.description}", deleted=True)


def _count(n: int) -> str:
    return f"{n} paper{'s' if n != 1 else ''}"


def _deleted(n: int) -> str:
    return f"deleted {_count(n)}"


def _change(step: Deletion, description: str, *, deleted: bool) -> Change:
    done = [Change(pid, description, copy_state(state),
                   ReadingState(pid) if deleted else copy_state(state),
                   paper=None if deleted else step.papers[pid], deleted=deleted)
            for pid, state in step.states.items()]
    first = done[0]
    first.others = done[1:]
    return first
