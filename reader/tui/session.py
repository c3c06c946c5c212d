"""The app's link to the store, used from worker threads (never the UI thread).

Writes run one at a time in the order the keys were pressed (tickets), so
"mark, then undo" is undone in that order even though each runs in its own
worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from reader.errors import StoreError
from reader.model import Entry
from reader.tui.state import LibraryView, build_index

if TYPE_CHECKING:
    from pathlib import Path

    from reader.store import Change, Library

T = TypeVar("T")

WAIT = 20.0
"""Seconds a write waits for the earlier ones before it gives up (with an error)."""


class LineStuck(StoreError):
    """An earlier write did not finish in time; this one was not run."""


class Serial:
    """Run callables one at a time, in ticket order, from any thread.

    A ticket that is never served (its worker was cancelled before it started)
    must not block the line forever: `run` waits at most `timeout` seconds, then
    gives up its own place and raises `LineStuck` (a StoreError); `skip` gives a place up."""

    def __init__(self, timeout: float = WAIT) -> None:
        self._cond = threading.Condition()
        self._issued = 0
        self._serving = 0
        self._skipped: set[int] = set()
        self.timeout = timeout

    def ticket(self) -> int:
        """Take a place in the line (call on the UI thread, in key order)."""
        with self._cond:
            self._issued += 1
            return self._issued - 1

    def skip(self, ticket: int) -> None:
        """Give up `ticket`'s place (it will not run): later tickets go on."""
        with self._cond:
            if ticket >= self._serving:
                self._skipped.add(ticket)
                self._advance()

    def _advance(self) -> None:
        while self._serving in self._skipped:
            self._skipped.discard(self._serving)
            self._serving += 1
        self._cond.notify_all()

    def run(self, ticket: int, fn: Callable[[], T], timeout: float | None = None) -> T:
        wait = self.timeout if timeout is None else timeout
        with self._cond:
            if not self._cond.wait_for(lambda: self._serving == ticket, wait):
                self._skipped.add(ticket)
                self._advance()
                raise LineStuck(
                    f"An earlier change did not finish within {wait:g} s; "
                    "this change was not saved. Try again.")
        try:
            return fn()
        finally:
            with self._cond:
                self._serving += 1
                self._advance()

    @property
    def idle(self) -> bool:
        with self._cond:
            return self._serving == self._issued


@dataclass(slots=True)
class Snapshot:
    """What a (re)load read from the store."""

    entries: list[Entry]
    saved: dict[str, str]
    writes: int
    """Number of writes done when the snapshot was taken."""


class Session:
    """Owns the Library handle on behalf of the screen."""

    def __init__(self, source: Library | Callable[[], Library]) -> None:
        self._source = source
        self.library: Library | None = None if callable(source) else source
        self.serial = Serial()
        self.writes = 0
        self._told: set[str] = set()
        """Conflict-copy problems already reported (a poll must not repeat them)."""

    def open(self) -> Library:
        if self.library is None:
            assert callable(self._source)
            self.library = self._source()
        return self.library

    def snapshot(self) -> Snapshot:
        lib = self.open()
        return Snapshot(lib.entries(), lib.saved_searches(), self.writes)

    def write(self, ticket: int, fn: Callable[[Library], Change | None],
              timeout: float | None = None) -> Change | None:
        def run() -> Change | None:
            change = fn(self.open())
            self.writes += 1
            return change
        return self.serial.run(ticket, run, timeout)

    def write_now(self, fn: Callable[[Library], Change | None],
                  wait: float = 1.0) -> Change | None:
        """Write from the UI thread as the app exits: after the earlier writes
        when they finish within `wait` s, else at once (the library has its own
        lock; a write whose worker never started must not cost the change)."""
        try:
            return self.write(self.serial.ticket(), fn, wait)
        except LineStuck:
            change = fn(self.open())
            self.writes += 1
            return change

    def reload(self, ticket: int, *, force: bool = False) -> Snapshot | None:
        """A fresh snapshot when another process changed the library (or `force`),
        else None."""
        def run() -> Snapshot | None:
            lib = self.library
            if lib is None or not (lib.reload_if_changed() or force):
                return None
            return Snapshot(lib.entries(), lib.saved_searches(), self.writes)
        return self.serial.run(ticket, run)

    def merge_copies(self, ticket: int) -> list[str]:
        """Merge conflict copies a sync tool left beside the library (one listdir when
        there is none); the lines to tell the user, each problem only once."""
        def run() -> list[str]:
            from reader.sync.copies import merge_copies_quietly

            lib = self.library
            if lib is None:
                return []
            lines = [ln for ln in merge_copies_quietly(lib) if ln not in self._told]
            self._told.update(ln for ln in lines if not ln.startswith("merged "))
            return lines
        return self.serial.run(ticket, run)

    @staticmethod
    def index(view: LibraryView, cache: Path | None = None) -> None:
        """Build the search index of `view` (slow at 100k: call in a worker);
        `cache`: the file its word index is saved to and read back from."""
        view.index = build_index(list(view.entries.values()), cache)
