"""The app's link to the store: one writer thread, fed in the order keys are pressed.

Every store operation (a change, an undo, a reload, merging conflict copies) is
handed to a single-thread executor from the UI thread, at the key: it runs after
the ones handed over before it, so "mark, then undo" is undone in that order.
Callers get a `Future`; the library controller waits for it in a worker and
reports the result with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from reader.model import Entry
from reader.tui.state import LibraryView, build_index

if TYPE_CHECKING:
    from pathlib import Path

    from reader.store import Change, Library

T = TypeVar("T")


@dataclass(slots=True)
class Snapshot:
    """What a (re)load read from the store."""

    entries: list[Entry]
    saved: dict[str, str]
    writes: int
    """Number of writes done when the snapshot was taken."""


class Session:
    """Owns the Library handle and the one thread that reads and writes it."""

    def __init__(self, source: Library | Callable[[], Library]) -> None:
        self._source = source
        self.library: Library | None = None if callable(source) else source
        self._line = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-store")
        self.writes = 0
        self._told: set[str] = set()
        """Conflict-copy problems already reported (a poll must not repeat them)."""

    def open(self) -> Library:
        if self.library is None:
            assert callable(self._source)
            self.library = self._source()
        return self.library

    def snapshot(self) -> Snapshot:
        """Read the whole library (in a worker; not through the line: a read)."""
        lib = self.open()
        return Snapshot(lib.entries(), lib.saved_searches(), self.writes)

    # the line -------------------------------------------------------------
    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Run `fn` on the store thread after everything submitted before it
        (call on the UI thread, in key order)."""
        return self._line.submit(fn)

    def change(self, fn: Callable[[Library], Change | None]) -> tuple[Change | None, int]:
        """Run a change now, on this thread (the store thread: inside a submitted job);
        the change and the number of writes done with it."""
        change = fn(self.open())
        self.writes += 1
        return change, self.writes

    def write(self, fn: Callable[[Library], Change | None]) -> Future[tuple[Change | None, int]]:
        """A store change, in line; its result: the change and the number of writes
        done with it (a reload read before that number misses it)."""
        return self.submit(lambda: self.change(fn))

    def poll(self) -> Future[tuple[list[str], Snapshot | None]]:
        """In line: merge the conflict copies a sync tool left beside the library,
        then a fresh snapshot when another process changed the library (or a copy
        was merged), else None. A fault is left for the next poll to meet."""
        from reader.errors import ReaderError

        def run() -> tuple[list[str], Snapshot | None]:
            try:
                lines = self._merge_copies()
            except ReaderError:
                lines = []
            merged = any(line.startswith("merged ") for line in lines)
            lib = self.library
            try:
                if lib is None or not (lib.reload_if_changed() or merged):
                    return lines, None
                return lines, Snapshot(lib.entries(), lib.saved_searches(), self.writes)
            except ReaderError:
                return lines, None
        return self.submit(run)

    def _merge_copies(self) -> list[str]:
        """Merge conflict copies (one listdir when there is none); the lines to tell
        the user, each problem only once."""
        from reader.sync.copies import merge_copies_quietly

        lib = self.library
        if lib is None:
            return []
        lines = [ln for ln in merge_copies_quietly(lib) if ln not in self._told]
        self._told.update(ln for ln in lines if not ln.startswith("merged "))
        return lines

    def close(self) -> None:
        """No new jobs; the ones already handed over still run (they are the user's
        changes)."""
        self._line.shutdown(wait=False)

    @staticmethod
    def index(view: LibraryView, cache: Path | None = None) -> None:
        """Build the search index of `view` (slow at 100k: call in a worker);
        `cache`: the file its word index is saved to and read back from."""
        view.index = build_index(list(view.entries.values()), cache)
