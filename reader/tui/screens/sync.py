"""Loading, polling and store writes of the main screen, kept apart from layout.

Store writes and loads run in thread workers (through `Session`); the UI thread
only updates widgets.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.screen import Screen

from reader.errors import ReaderError
from reader.gcutil import freeze_survivors
from reader.model import Entry
from reader.paths import prune_cache
from reader.text import clean_line
from reader.tui import first_screen
from reader.tui.session import Session, Snapshot
from reader.tui.state import STATUS_SHELVES, LibraryView, Shelf
from reader.tui.widgets import PaperList, ShelfList
from reader.tui.widgets.bib_export import BibExporter
from reader.tui.widgets.netjob import PapersArrived

if TYPE_CHECKING:
    from reader.store import Library
    from reader.tui.app import ReaderApp

SMALL_LIBRARY = first_screen.SMALL_LIBRARY


class ViewRebuilt(Message):
    """A worker read the library again and indexed it (papers a job wrote)."""

    def __init__(self, view: LibraryView | None, snapshot: Snapshot | None) -> None:
        super().__init__()
        self.view = view
        self.snapshot = snapshot
        """Both None when the library could not be read (the next poll says why)."""


class LibrarySync(Screen[None]):
    """Mixed into MainScreen, which provides the view refresh methods."""

    app: ReaderApp
    view: LibraryView | None
    session: Session | None
    loaded: bool
    shelf_key: str
    query_text: str
    progress: str
    _preview: dict[str, Entry]
    list_layout: tuple[int, int, int] | None
    """Terminal width, height and the list's row width, as last laid out (kept by
    the UI thread: workers and on_unmount, when the widgets are gone, read it)."""
    _changes: list[tuple[int, Entry]]

    if TYPE_CHECKING:
        def refresh_all(self) -> None: ...
        def refresh_shelves(self) -> None: ...
        def refresh_list(self, keep: str | None = None) -> None: ...
        def search_shelf(self) -> Shelf: ...
        def show_detail(self, pid: str, *, related: bool = True) -> None: ...
        def show_welcome(self) -> None: ...
        def replay_waiting(self) -> None: ...
        def _update_title(self) -> None: ...

    def _show_preview(self) -> bool:
        """Show the cached first screen of a library that has not changed since."""
        path = self.app.db_path
        cached = first_screen.load(path) if path is not None else None
        if cached is None or not cached.entries:
            return False
        self._preview = {e.paper.id: e for e in cached.entries}
        rows: list[tuple[Shelf, int | None]] = [
            (Shelf(key, "#" + key[4:] if key.startswith("tag:") else label), n)
            for key, label, n in _preview_shelves(cached.counts)]
        self.query_one(ShelfList).show(rows, self.shelf_key)
        papers = self.query_one(PaperList)
        size = self.app.size
        if cached.layout is not None and cached.layout[:2] == (size.width, size.height):
            papers.width_hint = cached.layout[2]  # rows built once, at the right width
        papers.show(list(self._preview))
        papers.border_title = Content.assemble(("Inbox", "bold"), " · loading…")
        return True

    def _save_first_screen(self, view: LibraryView) -> None:
        """Remember the first rows of the Inbox for the next start (any thread)."""
        path = self.app.db_path
        if path is None or self.app.demo:  # a throwaway library: no cache left behind
            return
        with contextlib.suppress(RuntimeError, KeyError):  # changed while read: next time
            first_screen.remember_view(path, view, self.list_layout)

    # loading -------------------------------------------------------------
    def _small_library(self) -> bool:
        """A library small enough to read before the first paint (a few ms)."""
        path = self.app.db_path
        if path is None or self._preview:
            return False
        try:
            return path.stat().st_size <= SMALL_LIBRARY
        except OSError:
            return False

    def _load_now(self) -> LibraryView | None:
        assert self.session is not None
        try:
            snapshot = self.session.snapshot()
        except ReaderError:
            return None  # the worker reports it
        view = LibraryView(snapshot.entries, snapshot.saved, index=False)
        self._loaded(view)
        return view

    def _load(self, view: LibraryView | None) -> None:
        """Read the library (unless already read) and build the search index."""
        self._load_worker(view)

    @work(thread=True, group="load", exit_on_error=False)
    def _load_worker(self, view: LibraryView | None) -> None:
        assert self.session is not None
        if view is None:
            try:
                snapshot = self.session.snapshot()
            except ReaderError as exc:
                self.app.call_from_thread(self.app.exit, None, 1, clean_line(f"reader: {exc}"))
                return
            view = LibraryView(snapshot.entries, snapshot.saved, index=False)
            self.app.call_from_thread(self._loaded, view)
        from reader.search import persist  # not needed for the first paint

        path = self.app.db_path
        # the slow part, after the first titles are on screen
        Session.index(view, persist.cache_file(path) if path is not None else None,
                      ahead=True, library=path)  # prepared below
        self.app.call_from_thread(self._indexed, view)
        self._save_first_screen(view)
        index = view.index
        if view.order and index is not None:
            # the word index (read back from its cache file when the library is
            # unchanged: ~1 s instead of ~12 s at 100k) and the related-papers
            # model, now rather than on the first keystroke
            with contextlib.suppress(Exception):
                index.prepare()
                index.related(view.order[0], 1)
        freeze_survivors()  # no full collection walks the loaded library again
        prune_cache()  # the caches of libraries moved or deleted long ago
        # the first note shown would import the Markdown widget (~60-90 ms) on the UI
        # thread, under the user's fingers: import it now, while nothing happens
        from textual.widgets import Markdown  # noqa: F401

    def _loaded(self, view: LibraryView) -> None:
        self.view = view
        self.loaded = True
        self._preview = {}
        papers = self.query_one(PaperList)
        papers.loading = False
        if len(view) == 0:
            self.shelf_key = "all"
        self.refresh_all()
        self._update_progress()
        self.export_bib()
        library = self.session.library if self.session is not None else None
        skipped = library.skipped if library is not None else None
        if skipped:  # hand-edited records that are not valid: shown once, left as they are
            self.notify(clean_line(skipped), title="Invalid records skipped",
                        severity="warning", markup=False, timeout=10)
        if len(view) == 0 and not self.app.demo:
            self.show_welcome()
        self.replay_waiting()

    def _indexed(self, view: LibraryView) -> None:
        if view is self.view and self.query_text:
            self.refresh_list()

    # polling other processes ---------------------------------------------
    class CopiesMerged(Message):
        """Conflict copies left by a sync tool were merged (or could not be): `lines`
        say what happened, one line each."""

        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    def _poll(self) -> None:
        if self.session is not None and self.loaded and self.session.library is not None:
            serial = self.session.serial
            self._poll_worker(serial.ticket(), serial.ticket())

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll_worker(self, copies_ticket: int, ticket: int) -> None:
        assert self.session is not None
        try:
            lines = self.session.merge_copies(copies_ticket)
        except ReaderError:
            lines = []
        if lines:
            self.post_message(self.CopiesMerged(lines))
        merged = any(line.startswith("merged ") for line in lines)
        try:  # a merge here changed the library: a new view even though the files are ours
            snapshot = self.session.reload(ticket, force=merged)
        except ReaderError:
            return
        if snapshot is not None:
            from reader.search import persist

            view = LibraryView(snapshot.entries, snapshot.saved, index=False)
            path = self.app.db_path  # the word index file still holds when only states changed
            Session.index(view, persist.cache_file(path) if path is not None else None)
            self.app.call_from_thread(self._replace_view, view, snapshot)

    @on(CopiesMerged)
    def _copies_merged(self, event: CopiesMerged) -> None:
        for line in event.lines:
            self.notify(line[:1].upper() + line[1:], markup=False, timeout=8,
                        severity="information" if line.startswith("merged ") else "warning")

    def _replace_view(self, view: LibraryView, snapshot: Snapshot, *,
                      quiet: bool = False) -> None:
        for seq, entry in self._changes:
            if seq >= snapshot.writes:  # written here after the snapshot was read
                view.apply(entry)
        self.view = view
        self.refresh_all()
        self._update_progress()
        self.export_bib()
        if not quiet:
            self.notify("The library changed on disk; reloaded.", markup=False, timeout=3)
        if len(view) and self.app.screen is not self and type(self.app.screen).__name__ == (
                "WelcomeScreen"):
            self.app.screen.dismiss(None)  # papers were imported from another terminal

    # the config's bib_export ---------------------------------------------
    def export_bib(self) -> None:
        """Tell the bib_export widget (mounted when the config names a file) that the
        library changed."""
        for exporter in self.query(BibExporter):
            exporter.library_changed()

    # papers written by this app's network jobs ------------------------------
    _rebuilding = _rebuild_again = False

    def open_library(self) -> Library:
        assert self.session is not None  # a job's worker opens it, if not open yet
        return self.session.open()

    @on(PapersArrived)
    def refresh_from_library(self) -> None:
        """Show what a job wrote through the session's library (polling sees only other
        writers). One rebuild at a time (at 100k papers it takes seconds of a core):
        batches arriving meanwhile are shown by one more rebuild after it."""
        if self.session is None or self.session.library is None or not self.loaded:
            return
        self._rebuild_again = self._rebuilding
        if not self._rebuilding:
            self._rebuilding = True
            self._rebuild_worker()

    @work(thread=True, group="rebuild", exit_on_error=False)
    def _rebuild_worker(self) -> None:
        from reader.search import persist

        assert self.session is not None
        path = self.app.db_path
        try:
            snapshot = self.session.snapshot()
            view = LibraryView(snapshot.entries, snapshot.saved, index=False)
            Session.index(view, persist.cache_file(path) if path is not None else None)
        except Exception:  # the next poll says what is wrong with the file
            self.post_message(ViewRebuilt(None, None))  # and the next rebuild may start
            return
        self.post_message(ViewRebuilt(view, snapshot))

    @on(ViewRebuilt)
    def _view_rebuilt(self, event: ViewRebuilt) -> None:
        self._rebuilding = False
        if event.view is not None and event.snapshot is not None:
            self._replace_view(event.view, event.snapshot, quiet=True)
        if self._rebuild_again:
            self.refresh_from_library()

    def _update_progress(self) -> None:
        """The streak and daily goal line (only when a daily goal is set)."""
        if self.app.config.daily_goal > 0 and self.view is not None:
            self._progress_worker(self.view)

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def _progress_worker(self, view: LibraryView) -> None:
        from reader.stats import daily_progress, progress_text

        try:
            entries = list(view.entries.values())
            text = progress_text(*daily_progress(entries, self.app.clock()),
                                 self.app.config.daily_goal)
        except Exception:  # a bonus line: never crash for it
            return
        self.app.call_from_thread(self._show_progress, text)

    def _show_progress(self, text: str) -> None:
        self.progress = text
        self._update_title()


def _preview_shelves(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    labels = {shelf.key: shelf.label for shelf in STATUS_SHELVES}
    return [(key, labels.get(key, key), n) for key, n in counts.items()
            if key in labels or key.startswith("tag:")]
