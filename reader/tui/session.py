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

from reader.model import Entry
from reader.tui.state import LibraryView, build_index

if TYPE_CHECKING:
    from reader.store import Change, Library

T = TypeVar("T")


class Serial:
    """Run callables one at a time, in ticket order, from any thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._issued = 0
        self._serving = 0

    def ticket(self) -> int:
        """Take a place in the line (call on the UI thread, in key order)."""
        with self._cond:
            self._issued += 1
            return self._issued - 1

    def run(self, ticket: int, fn: Callable[[], T]) -> T:
        with self._cond:
            self._cond.wait_for(lambda: self._serving == ticket)
        try:
            return fn()
        finally:
            with self._cond:
                self._serving += 1
                self._cond.notify_all()

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

    def open(self) -> Library:
        if self.library is None:
            assert callable(self._source)
            self.library = self._source()
        return self.library

    def snapshot(self) -> Snapshot:
        lib = self.open()
        return Snapshot(lib.entries(), lib.saved_searches(), self.writes)

    def write(self, ticket: int, fn: Callable[[Library], Change | None]) -> Change | None:
        def run() -> Change | None:
            change = fn(self.open())
            self.writes += 1
            return change
        return self.serial.run(ticket, run)

    def reload(self, ticket: int) -> Snapshot | None:
        """A fresh snapshot when another process changed the library, else None."""
        def run() -> Snapshot | None:
            lib = self.library
            if lib is None or not lib.reload_if_changed():
                return None
            return Snapshot(lib.entries(), lib.saved_searches(), self.writes)
        return self.serial.run(ticket, run)

    @staticmethod
    def index(view: LibraryView) -> None:
        """Build the search index of `view` (slow at 100k: call in a worker)."""
        view.index = build_index(list(view.entries.values()))
