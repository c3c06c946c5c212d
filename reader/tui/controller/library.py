"""The library controller: a widget with nothing to show that loads the library,
polls it for other writers (merging conflict copies) and runs the store changes.

It owns the in-memory `LibraryView` and the `Session` (one store thread, fed in
key order). Its workers report with messages (see `messages.py`); it takes each
piece of news into its view on the UI thread, and the message then bubbles up to
the screen, which shows it. It never calls into the screen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.widget import Widget

from reader.errors import ReaderError
from reader.gcutil import freeze_survivors
from reader.model import Entry
from reader.paths import prune_cache
from reader.store import first_screen
from reader.text import clean_line
from reader.tui.controller.changes import Changes
from reader.tui.controller.early import EarlyStart
from reader.tui.controller.messages import (
    ChangeApplied,
    ChangeWritten,
    CopiesMerged,
    EarlySearchReady,
    LibraryIndexed,
    LibraryLoaded,
    LibraryReloaded,
    LoadFailed,
    ProgressCounted,
    RebuildFailed,
    SavedSearchChanged,
    SearchesWritten,
)
from reader.tui.session import Session, Snapshot
from reader.tui.state import LibraryView
from reader.tui.widgets.messages import PapersAdded

if TYPE_CHECKING:
    from reader.config import Config
    from reader.early_search import EarlySearch
    from reader.store import Clock, Library

REMEMBERED = 200
"""This app's latest changes kept to replay onto a view read again meanwhile."""


class LibraryController(Widget):
    """Loads, polls and writes the library; `view` is what it knows (None while it loads)."""

    DEFAULT_CSS = "LibraryController { display: none; }"

    def __init__(self, source: Library | Callable[[], Library], *, db_path: Path | None,
                 demo: bool, config: Config, clock: Clock) -> None:
        super().__init__()
        self.session = Session(source)
        self.db_path = db_path
        self.demo = demo
        self.config = config
        self.clock = clock
        self.view: LibraryView | None = None
        self.loaded = False
        self.list_layout: tuple[int, int, int] | None = None
        """Terminal width, height and the list's row width, as last laid out (set by
        the screen on the UI thread; the first-screen cache keeps it)."""
        self._changes: list[tuple[int, Entry]] = []
        self._rebuilding = self._rebuild_again = False
        self.changes = Changes(self.session, self)
        """Store changes and saved searches: `controller.changes.write(...)`."""
        self.start = EarlyStart(None if demo else db_path)
        """A big library before its load: its glance and early search."""

    @property
    def library(self) -> Library | None:
        """The open library (None until the load opened it)."""
        return self.session.library

    def open_library(self) -> Library:
        """The library, opened if need be (a network job's worker calls it)."""
        return self.session.open()

    def on_unmount(self) -> None:
        if self.view is not None:
            self.remember_first_screen(self.view)
        self.session.close()

    # the first screen ------------------------------------------------------
    def cached_first_screen(self) -> first_screen.FirstScreen | None:
        """The first screen to show before the load (early.py), or None."""
        return self.start.first_screen(self.is_small())

    @property
    def early(self) -> EarlySearch | None:
        """Answers queries typed before the search index is built (early.py)."""
        return self.start.early

    def prepare_early_search(self) -> None:
        """A big library searchable before its load (EarlySearchReady; early.py)."""
        if self.start.begin(self.is_small()):
            self._early_worker(self.start)

    @work(thread=True, group="early", exit_on_error=False)
    def _early_worker(self, start: EarlyStart) -> None:
        early = start.prepare()
        if early is not None and start.early is early:
            self.post_message(EarlySearchReady(early))

    def remember_first_screen(self, view: LibraryView) -> None:
        """Remember the first rows of the Inbox for the next start (any thread)."""
        if self.db_path is None or self.demo:  # a throwaway library: no cache left behind
            return
        with contextlib.suppress(RuntimeError, KeyError):  # changed while read: next time
            first_screen.remember_view(self.db_path, view, self.list_layout)

    def is_small(self) -> bool:
        """A library small enough to read before the first paint."""
        try:
            return self.db_path is not None and (
                self.db_path.stat().st_size <= first_screen.SMALL_LIBRARY)
        except OSError:
            return False

    # loading ---------------------------------------------------------------
    def load_now(self) -> LibraryView | None:
        """Read the library on this thread (a small one); None when it failed (the
        load worker reports it). The caller shows the view; `load` indexes it."""
        try:
            snapshot = self.session.snapshot()
        except ReaderError:
            return None
        view = LibraryView(snapshot.entries, snapshot.saved, index=False)
        self._take_loaded(view)
        return view

    def _take_loaded(self, view: LibraryView) -> None:
        self.view = view
        self.loaded = True

    @work(thread=True, group="load", exit_on_error=False)
    def load(self, view: LibraryView | None = None) -> None:
        """Read the library (unless `view` was read already), then build its search
        index, off the UI thread: LibraryLoaded, then LibraryIndexed."""
        self.start.wait()  # not both at once: the early search first
        if view is None:
            try:
                snapshot = self.session.snapshot()
            except ReaderError as exc:
                self.post_message(LoadFailed(clean_line(f"reader: {exc}")))
                return
            view = LibraryView(snapshot.entries, snapshot.saved, index=False)
            library = self.session.library
            self.post_message(LibraryLoaded(view, (library.skipped or "") if library else ""))
        library = self.session.library
        token = library.catalogue_token if library is not None else None  # (read now)
        from reader.search import persist  # not needed for the first paint

        path = self.db_path
        # the slow part, after the first titles are on screen
        Session.index(view, persist.cache_file(path) if path is not None else None)
        self.start.forget()  # the full index answers from now on
        self.post_message(LibraryIndexed(view))
        self.remember_first_screen(view)
        index = view.index
        if view.order and index is not None:
            # the word index (read back from its cache file when the library is
            # unchanged, far quicker than building it) and the related-papers
            # model, now rather than on the first keystroke
            with contextlib.suppress(Exception):
                index.prepare()
                index.related(view.order[0], 1)
        self.start.after_load(library, token, index)
        freeze_survivors()  # no full collection walks the loaded library again
        prune_cache()  # the caches of libraries moved or deleted long ago
        # the first note shown would import the Markdown widget on the UI thread,
        # under the user's fingers: import it now, while nothing happens
        from textual.widgets import Markdown  # noqa: F401

    @on(LibraryLoaded)
    def _loaded(self, event: LibraryLoaded) -> None:
        self._take_loaded(event.view)

    # polling other writers --------------------------------------------------
    def poll(self) -> None:
        """Merge conflict copies and read the library again if another process
        changed it (the screen's interval timer calls this)."""
        if self.loaded and self.session.library is not None:
            self._poll_worker(self.session.poll())

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll_worker(self, future: Future[tuple[list[str], Snapshot | None]]) -> None:
        from reader.search import persist

        lines, snapshot = future.result()
        if lines:
            self.post_message(CopiesMerged(lines))
        if snapshot is not None:
            view = LibraryView(snapshot.entries, snapshot.saved, index=False)
            path = self.db_path  # the word index file still holds when only states changed
            Session.index(view, persist.cache_file(path) if path is not None else None)
            self.post_message(LibraryReloaded(view, snapshot.writes))

    @on(LibraryReloaded)
    def _reloaded(self, event: LibraryReloaded) -> None:
        for seq, entry in self._changes:
            if seq >= event.writes:  # written here maybe after the library was read again
                event.view.apply(entry)
        self.view = event.view
        if event.quiet:
            self._rebuild_ended()

    # papers written by this app's network jobs --------------------------------
    @on(PapersAdded)
    def _papers_added(self, event: PapersAdded) -> None:
        if self.view is not None:
            for added in event.entries:
                self.view.apply(added)

    def rebuild(self) -> None:
        """Show what a job wrote through this library (polling sees only other
        writers). One rebuild at a time (a big library keeps a core busy meanwhile):
        batches arriving meanwhile are shown by one more rebuild after it."""
        if self.session.library is None or not self.loaded:
            return
        self._rebuild_again = self._rebuilding
        if not self._rebuilding:
            self._rebuilding = True
            self._rebuild_worker()

    @work(thread=True, group="rebuild", exit_on_error=False)
    def _rebuild_worker(self) -> None:
        from reader.search import persist

        path = self.db_path
        try:
            snapshot = self.session.snapshot()
            view = LibraryView(snapshot.entries, snapshot.saved, index=False)
            Session.index(view, persist.cache_file(path) if path is not None else None)
        except Exception:  # the next poll says what is wrong with the file
            self.post_message(RebuildFailed())  # and the next rebuild may start
            return
        self.post_message(LibraryReloaded(view, snapshot.writes, quiet=True))

    @on(RebuildFailed)
    def _rebuild_ended(self) -> None:
        self._rebuilding = False
        if self._rebuild_again:
            self.rebuild()

    # changes (run by `changes`, in key order; reported back here) -------------
    @on(ChangeWritten)
    def _written(self, event: ChangeWritten) -> None:
        view, change = self.view, event.change
        if change is None:
            self.post_message(ChangeApplied(None, [], {}, nothing=event.nothing))
            return
        if view is None:
            return
        for entry in event.queue or []:  # other papers' queue places moved too
            if entry.paper.id in view.entries:
                view.apply(entry)
        titles = {c.paper_id: view.entries[c.paper_id].paper.title
                  for c in change.each if c.paper_id in view.entries}
        entries = view.take(change)
        self._changes += [(event.writes, entry) for entry in entries]
        del self._changes[:-REMEMBERED]
        self.post_message(ChangeApplied(change, entries, titles, relist=event.relist))

    @on(SearchesWritten)
    def _searches_written(self, event: SearchesWritten) -> None:
        if self.view is not None:
            self.view.rename_saved(event.old, event.new, event.text)
        self.post_message(SavedSearchChanged(event.old, event.new))

    # the daily goal ------------------------------------------------------------
    def count_progress(self) -> None:
        """The streak and daily goal line (only when a daily goal is set)."""
        if self.config.daily_goal > 0 and self.view is not None:
            self._progress_worker(self.view)

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def _progress_worker(self, view: LibraryView) -> None:
        from reader.stats import daily_progress, progress_text

        try:
            entries = list(view.entries.values())
            text = progress_text(*daily_progress(entries, self.clock()),
                                 self.config.daily_goal)
        except Exception:  # a bonus line: never crash for it
            return
        self.post_message(ProgressCounted(text))
