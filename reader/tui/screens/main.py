"""The main screen: shelves, the paper list, the detail pane, and every key.

Store writes and loads run in thread workers (through `Session`); the UI thread
only updates widgets. Paper actions that open dialogs live in `actions.py`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.model import Entry
from reader.text import clean_line
from reader.tui import first_screen
from reader.tui.render import safe
from reader.tui.screens.actions import PaperActions
from reader.tui.session import Session, Snapshot
from reader.tui.state import SORTS, STATUS_SHELVES, LibraryView, Shelf
from reader.tui.widgets import DetailPane, PaperList, ShelfList
from reader.tui.widgets.messages import NoteDone, RelatedChosen

if TYPE_CHECKING:
    from reader.search import Query
    from reader.store import Change, Library
    from reader.tui.app import ReaderApp
    from reader.tui.commands import Command

NARROW = 110
"""Below this width the sidebar hides and the detail pane goes under the list."""
WIDE = 140
"""From this width the list takes the spare columns (the detail pane is capped)."""
FILTER_DELAY = 0.12
POLL_EVERY = 1.5
DETAIL_DELAY = 0.15
"""While a query is typed, the detail pane follows the list after this pause."""
SMALL_LIBRARY = 2_000_000
"""Bytes of catalogue read before the first paint (about 1,500 papers, ~20 ms)."""
LOADING_DELAY = 0.4
"""A loading indicator appears when the library takes longer than this to load."""
RELATED_DELAY = 0.3
"""Related papers are computed once the cursor rests this long on a paper."""
MIN_RELATED = 0.01
"""Related papers scoring less are noise, not shown."""


class MainScreen(PaperActions):
    """The screen a researcher keeps open all day."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move(1)", "Down", show=False, id="nav.down"),
        Binding("k", "move(-1)", "Up", show=False, id="nav.up"),
        Binding("t", "mark('to-read')", "To read", id="paper.mark_to_read"),
        Binding("r", "mark('reading')", "Reading", show=False, id="paper.mark_reading"),
        Binding("d", "mark('read')", "Read", id="paper.mark_read"),
        Binding("x", "mark('skipped')", "Skip", id="paper.mark_skipped"),
        Binding("N", "mark('new')", "Back to new", show=False, id="paper.mark_new"),
        *[Binding(str(n), f"rate({n})", f"Rate {n}", show=False, id=f"paper.rate_{n}")
          for n in range(1, 6)],
        Binding("0", "rate(0)", "Clear rating", show=False, id="paper.rate_clear"),
        Binding("plus", "add_tags", "Add tag", show=False, id="paper.tag_add"),
        Binding("minus", "remove_tags", "Remove tag", show=False, id="paper.tag_remove"),
        Binding("n", "edit_note", "Note", id="paper.note"),
        Binding("E", "edit_note_external", "Note in $EDITOR", show=False,
                id="paper.note_editor"),
        Binding("o", "open_link", "Open", show=False, id="paper.open_link"),
        Binding("u", "undo", "Undo", show=False, id="paper.undo"),
        Binding("K", "move_in_queue(-1)", "Up the queue", show=False, id="paper.queue_up"),
        Binding("J", "move_in_queue(1)", "Down the queue", show=False, id="paper.queue_down"),
        Binding("slash", "search", "Search", id="view.search"),
        Binding("S", "cycle_sort", "Sort", show=False, id="view.sort"),
        Binding("right_square_bracket", "shelf(1)", "Next shelf", show=False,
                id="view.shelf_next"),
        Binding("left_square_bracket", "shelf(-1)", "Previous shelf", show=False,
                id="view.shelf_previous"),
        Binding("b", "toggle_sidebar", "Shelves", show=False, id="view.sidebar"),
        Binding("e", "export", "Export", show=False, id="library.export"),
        Binding("s", "stats", "Stats", show=False, id="library.stats"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    app: ReaderApp

    def __init__(self) -> None:
        super().__init__()
        self.view: LibraryView | None = None
        self.shelf_key = "status:new"
        self.sort = "default"
        self.query_text = ""
        self.search_query: Query | None = None
        self._filter_timer: Timer | None = None
        self._pending_query = ""
        self._related_timer: Timer | None = None
        self._detail_timer: Timer | None = None
        self._changes: list[tuple[int, Entry]] = []
        self.session: Session | None = None
        self.loaded = False
        self.progress = ""
        """The reading streak / daily goal line, when a goal is set."""
        self._preview: dict[str, Entry] = {}
        """Rows of the first-screen cache, shown until the library has loaded."""

    # layout --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="body"):
            yield ShelfList(id="shelves")
            with Vertical(id="center"):
                yield Input(placeholder="/ search: words, status:to-read, tag:x, rating:>=4",
                            id="search", compact=True)
                yield Static(id="query-errors")
                yield PaperList(self._entry, id="papers")
            yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.session = Session(self.app.library or self.app.source)
        self.query_one("#search").display = False
        self.query_one("#query-errors").display = False
        papers = self.query_one(PaperList)
        papers.focus()
        small = self._small_library()  # read at once below: titles in the first paint
        if not small and not self._show_preview():
            papers.border_title = Content.styled("Loading the library…", "$text-muted")
            # the spinner only for a slow load (mounting it costs a repaint)
            self.set_timer(LOADING_DELAY, self._show_loading)
        self._layout_for(self.app.size.width)
        self.sub_title = "demo library (throwaway copy)" if self.app.demo else ""
        self._load(self._load_now() if small else None)
        self.set_interval(POLL_EVERY, self._poll)

    def on_resize(self) -> None:
        self._layout_for(self.size.width)

    def _layout_for(self, width: int) -> None:
        body = self.query_one("#body")
        narrow = width < NARROW
        if body.has_class("-narrow") != narrow or body.has_class("-wide") != (width >= WIDE):
            body.set_class(narrow, "-narrow").set_class(width >= WIDE, "-wide")
            self._update_title()  # the shelf keys are named when the sidebar hides

    def _show_loading(self) -> None:
        if not self.loaded:
            self.query_one(PaperList).loading = True

    def _entry(self, pid: str) -> Entry | None:
        if self.view is not None:
            return self.view.entries.get(pid)
        return self._preview.get(pid)

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
        papers.show(list(self._preview))
        papers.border_title = Content.assemble(("Inbox", "bold"), " · loading…")
        return True

    def _save_first_screen(self, view: LibraryView) -> None:
        """Remember the first rows of the Inbox for the next start (any thread)."""
        path = self.app.db_path
        if path is None:
            return
        try:
            ids, _ = view.visible(view.shelf("status:new"))
            counts = {shelf.key: n for shelf, n in view.shelves() if n is not None}
            first_screen.save(path, [view.entries[p] for p in ids[:first_screen.ROWS]], counts)
        except (RuntimeError, KeyError):  # changed while we read it: skip this time
            pass

    def on_unmount(self) -> None:
        if self.view is not None:
            self._save_first_screen(self.view)

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
        Session.index(view)  # slow part after the first titles are on screen
        self.app.call_from_thread(self._indexed, view)
        self._save_first_screen(view)
        if view.order and view.index is not None:
            # warm the related-papers model now rather than on the first keystroke
            with contextlib.suppress(Exception):
                view.index.related(view.order[0], 1)

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
        if len(view) == 0 and not self.app.demo:
            self.show_welcome()

    def _indexed(self, view: LibraryView) -> None:
        if view is self.view and self.query_text:
            self.refresh_list()

    # polling other processes ---------------------------------------------
    def _poll(self) -> None:
        if self.session is not None and self.loaded and self.session.library is not None:
            self._poll_worker(self.session.serial.ticket())

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll_worker(self, ticket: int) -> None:
        assert self.session is not None
        try:
            snapshot = self.session.reload(ticket)
        except ReaderError:
            return
        if snapshot is not None:
            view = LibraryView(snapshot.entries, snapshot.saved)
            self.app.call_from_thread(self._replace_view, view, snapshot)

    def _replace_view(self, view: LibraryView, snapshot: Snapshot) -> None:
        for seq, entry in self._changes:
            if seq >= snapshot.writes:  # written here after the snapshot was read
                view.apply(entry)
        self.view = view
        self.refresh_all()
        self._update_progress()
        self.notify("The library changed on disk; reloaded.", markup=False, timeout=3)
        if len(view) and self.app.screen is not self and type(self.app.screen).__name__ == (
                "WelcomeScreen"):
            self.app.screen.dismiss(None)  # papers were imported from another terminal

    # store writes ----------------------------------------------------------
    def write(self, fn: Callable[[Library], Change | None], *, undo: bool = False,
              reorder: bool = False) -> None:
        """Run a store change in a worker, in key order; show it when it lands."""
        if self.session is None:
            return
        self._write_worker(self.session.serial.ticket(), fn, undo or reorder, undo, reorder)

    @work(thread=True, group="store", exit_on_error=False)
    def _write_worker(self, ticket: int, fn: Callable[[Library], Change | None],
                      relist: bool, undo: bool, reorder: bool) -> None:
        assert self.session is not None
        try:
            change = self.session.write(ticket, fn)
            if reorder and change is not None:  # other papers' queue places moved too
                queue = self.session.open().queue()
                self.app.call_from_thread(self._requeue, queue)
        except ReaderError as exc:
            self.app.call_from_thread(self.notify, clean_line(str(exc)), severity="error",
                                      markup=False)
            return
        seq = self.session.writes
        self.app.call_from_thread(self._applied, change, seq, relist, undo)

    def _requeue(self, queue: list[Entry]) -> None:
        if self.view is not None:
            for entry in queue:
                if entry.paper.id in self.view.entries:
                    self.view.apply(entry)

    def _applied(self, change: Change | None, seq: int, relist: bool, undo: bool) -> None:
        view = self.view
        if change is None:
            self.notify("Nothing to undo." if undo else "No change.", markup=False, timeout=2)
            return
        if view is None or change.paper_id not in view.entries:
            return
        entry = Entry(view.entries[change.paper_id].paper, change.after)
        view.apply(entry)
        self._changes.append((seq, entry))
        del self._changes[:-200]
        title = safe(entry.paper.title)
        short = title if len(title) <= 40 else title[:39] + "…"
        self.notify(f"{change.description} — {short}", markup=False, timeout=2.5)
        self.refresh_shelves()
        papers = self.query_one(PaperList)
        shelf = self.search_shelf()
        self._update_progress()
        if relist:  # undo or a queue move: the paper's place may have changed
            self.refresh_list(keep=entry.paper.id)
        elif shelf.holds(entry):
            papers.refresh_paper(entry.paper.id)
            self._update_title()
        else:
            papers.drop(entry.paper.id)  # marking advances to the next paper
            self._update_title()
        if papers.current_id == entry.paper.id:
            self.show_detail(entry.paper.id, related=False)

    # views -----------------------------------------------------------------
    def refresh_all(self) -> None:
        self.refresh_shelves()
        self.refresh_list()

    def refresh_shelves(self) -> None:
        if self.view is not None:
            self.query_one(ShelfList).show(self.view.shelves(), self.shelf_key)

    def refresh_list(self, keep: str | None = None) -> None:
        view = self.view
        if view is None:
            return
        ids, query = view.visible(self.search_shelf(), self.query_text, self.sort)
        self._show_ids(ids, query, keep)

    def search_shelf(self) -> Shelf:
        """The shelf a query runs on: the current one, or All when the query has a
        `status:` term (a status filter on a status shelf would find nothing)."""
        assert self.view is not None
        if _STATUS_TERM.search(self.query_text):
            return self.view.shelf("all")
        return self.view.shelf(self.shelf_key)

    def _elsewhere_hint(self) -> str:
        """When a query finds nothing on the shelf, how many it finds on All."""
        view = self.view
        if view is None or not self.query_text.strip():
            return ""
        shelf = self.search_shelf()
        if shelf.key == "all":
            return ""
        try:
            count = len(view.visible(view.shelf("all"), self.query_text)[0])
        except RuntimeError:
            return ""
        if not count:
            return ""
        narrow = self.query_one("#body").has_class("-narrow")
        where = "press ] to reach All" if narrow else "click All"
        return f"0 in {safe(shelf.label)} · {count:,} in All — {where}"

    def _show_ids(self, ids: list[str], query: Query | None, keep: str | None = None) -> None:
        papers = self.query_one(PaperList)
        keep = keep if keep is not None else papers.current_id
        self.search_query = query
        papers.show(ids, keep)
        if papers.current_id is not None and papers.current_id == keep:
            self.show_detail(keep, related=False)  # same paper, new search terms
        errors = self.query_one("#query-errors", Static)
        problems = list(query.errors) if query is not None else []
        if problems:
            text = "could not understand: " + "; ".join(safe(p) for p in problems)
        elif self.query_text and self.view is not None and self.view.index is None:
            text = "indexing the library… (the search applies when it is ready)"
        else:
            text = "" if ids else self._elsewhere_hint()
        errors.display = bool(text)
        errors.update(Content.styled(text, "$text-warning"))
        self._update_title()

    def save_current_search(self) -> None:
        """Save the typed query as a shelf named after it."""
        text = self.query_text.strip()
        if not text:
            self.notify("Type a search first (/), then save it.", markup=False, timeout=3)
            return
        name = text[:40]
        if self.session is not None:  # the ticket on the UI thread: key order
            self._saved_worker(self.session.serial.ticket(), name, text)

    @work(thread=True, group="store", exit_on_error=False)
    def _saved_worker(self, ticket: int, name: str, text: str) -> None:
        session = self.session
        assert session is not None
        try:
            session.serial.run(ticket, lambda: session.open().save_search(name, text))
        except ReaderError as exc:
            self.app.call_from_thread(self.notify, clean_line(str(exc)), severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self._saved, name, text)

    def _saved(self, name: str, text: str) -> None:
        if self.view is not None:
            self.view.saved[name] = text
            self.refresh_shelves()
        self.notify(f"Saved search: {clean_line(name)}", markup=False, timeout=2)

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

    def _update_title(self) -> None:
        view = self.view
        papers = self.query_one(PaperList)
        if view is None:
            return
        shelf = self.search_shelf()
        count = len(papers.ids)
        parts: list[str | tuple[str, str]] = [
            (safe(shelf.label), "bold"), f" · {count:,} paper{'s' if count != 1 else ''}"]
        if self.sort != "default":
            parts.append((f" · by {self.sort}", "$text-muted"))
        if self.query_one("#body").has_class("-narrow"):
            parts.append((" · [ ] shelf", "$text-muted"))  # no sidebar at this width
        papers.border_title = Content.assemble(*parts)
        if len(view) == 0:
            papers.border_subtitle = Content("empty library: reader import FILE")
        elif self.progress:
            papers.border_subtitle = Content.styled(self.progress, "$text-accent")
        else:
            papers.border_subtitle = None

    def set_shelf(self, key: str) -> None:
        if key != self.shelf_key:
            self.shelf_key = key
            self.query_one(ShelfList).select_key(key)
            self.refresh_list()

    # events --------------------------------------------------------------
    @on(PaperList.PaperHighlighted)
    def _paper_highlighted(self, event: PaperList.PaperHighlighted) -> None:
        if event.paper_id is None:
            if self._detail_timer is not None:  # a paper the list no longer shows
                self._detail_timer.stop()
                self._detail_timer = None
            self.query_one(DetailPane).show(None, None)
        else:
            self.show_detail(event.paper_id)

    def show_detail(self, pid: str, *, related: bool = True) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if self.query_one("#search", Input).has_focus:
            # while typing, the list is redrawn first and the detail a moment later
            self._detail_timer = self.set_timer(
                DETAIL_DELAY, lambda: self._show_detail_now(pid, related))
        else:
            self._show_detail_now(pid, related)

    def _show_detail_now(self, pid: str, related: bool) -> None:
        self._detail_timer = None
        entry = self._entry(pid)
        detail = self.query_one(DetailPane)
        if entry is None or detail.editing:
            return
        detail.show(entry, self.search_query)
        if related:
            detail.set_related([])
            if self._related_timer is not None:
                self._related_timer.stop()
            self._related_timer = self.set_timer(RELATED_DELAY, lambda: self._related(pid))

    def _related(self, pid: str) -> None:
        view = self.view
        if self.query_one("#search", Input).has_focus:
            return  # typing a query: keep the CPU for the filter (shown on leaving)
        if view is not None and view.index is not None:
            self._related_worker(view, pid)

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def _related_worker(self, view: LibraryView, pid: str) -> None:
        try:
            assert view.index is not None
            pairs = view.index.related(pid, 10)
        except Exception:  # related papers are a bonus; never crash for them
            return
        rows = [(rid, view.entries[rid].paper.title, score)
                for rid, score in pairs
                if rid in view.entries and rid != pid and score >= MIN_RELATED]
        self.app.call_from_thread(self._show_related, pid, rows)

    def _show_related(self, pid: str, rows: list[tuple[str, str, float]]) -> None:
        if self.query_one(PaperList).current_id == pid:
            self.query_one(DetailPane).set_related(rows)

    @on(RelatedChosen)
    def _related_chosen(self, event: RelatedChosen) -> None:
        self.shelf_key = "all"
        self.query_one(ShelfList).select_key("all")
        self._clear_search()
        self.refresh_list(keep=event.paper_id)
        self.query_one(PaperList).focus()

    @on(ShelfList.OptionHighlighted, "#shelves")
    def _shelf_highlighted(self, event: ShelfList.OptionHighlighted) -> None:
        if event.option_id:
            self.set_shelf(event.option_id)

    @on(ShelfList.OptionSelected, "#shelves")
    def _shelf_selected(self, event: ShelfList.OptionSelected) -> None:
        self.query_one(PaperList).focus()

    @on(PaperList.OptionSelected, "#papers")
    def _paper_selected(self, event: PaperList.OptionSelected) -> None:
        self.query_one(DetailPane).focus()

    @on(NoteDone)
    def _note_done(self, event: NoteDone) -> None:
        self.save_note(event.paper_id, event.text)
        self.query_one(PaperList).focus()

    # search --------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._pending_query = event.value
        if self._filter_timer is None:  # leading edge: filter at once, then throttle
            self._apply_filter()
            self._filter_timer = self.set_timer(FILTER_DELAY, self._filter_tick)

    def _filter_tick(self) -> None:
        self._filter_timer = None
        if self._pending_query != self.query_text:
            self._apply_filter()
            self._filter_timer = self.set_timer(FILTER_DELAY, self._filter_tick)

    def _apply_filter(self) -> None:
        """Filter off the UI thread; only the latest query's result is shown."""
        self.query_text = self._pending_query
        view = self.view
        if view is not None:
            self._filter_worker(view, self.search_shelf(), self.query_text, self.sort)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _filter_worker(self, view: LibraryView, shelf: Shelf, text: str, sort: str) -> None:
        try:
            ids, query = view.visible(shelf, text, sort)
        except RuntimeError:  # the view changed under us; the next refresh covers it
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filtered, view, text, ids, query)

    def _filtered(self, view: LibraryView, text: str, ids: list[str],
                  query: Query | None) -> None:
        if view is self.view and text == self.query_text:
            self._show_ids(ids, query)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        papers = self.query_one(PaperList)
        papers.focus()
        if papers.current_id is not None:
            self.show_detail(papers.current_id)

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus or search.value:
            self._clear_search()
            self.refresh_list()
        self.query_one(PaperList).focus()

    def _clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        with search.prevent(Input.Changed):
            search.value = ""
        search.display = False
        self._pending_query = self.query_text = ""

    # navigation ------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        papers = self.query_one(PaperList)
        if not papers.has_focus:
            papers.focus()
        if delta > 0:
            papers.action_cursor_down()
        else:
            papers.action_cursor_up()

    def action_shelf(self, delta: int) -> None:
        if self.view is None:
            return
        keys = [shelf.key for shelf, _ in self.view.shelves()]
        index = keys.index(self.shelf_key) if self.shelf_key in keys else 0
        self.set_shelf(keys[(index + delta) % len(keys)])

    def action_cycle_sort(self) -> None:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self.refresh_list()
        self.notify(f"Sorted by {sort}", markup=False, timeout=1.5)

    def action_toggle_sidebar(self) -> None:
        shelves = self.query_one(ShelfList)
        shelves.display = not shelves.display

    # the palette -----------------------------------------------------------
    def palette_commands(self) -> list[Command]:
        from reader.tui.commands import Command

        commands: list[Command] = []
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if not binding.id or binding.id.startswith("nav."):
                continue
            namespace = binding.id.split(".")[0]
            action = binding.action
            key = self.app.get_key_display(binding)
            commands.append(Command(
                f"{namespace}: {binding.description.lower()}", f"key {key}",
                _run_action(self, action)))
        commands.append(Command("search: save this search as a shelf",
                                "the typed query appears in the sidebar",
                                self.save_current_search))
        for name in SORTS:
            commands.append(Command(f"view: sort by {name}", "order of the paper list",
                                    _sort_switch(self, name)))
        shelves = self.view.shelves() if self.view else [(s, 0) for s in STATUS_SHELVES]
        for shelf, _ in shelves:
            commands.append(Command(f"shelf: {safe(shelf.label)}", "show this shelf",
                                    _shelf_switch(self, shelf)))
        for theme in self.app.theme_names():
            commands.append(Command(f"theme: {theme}", "switch theme (remembered)",
                                    _theme_switch(self, theme)))
        return commands


_STATUS_TERM = re.compile(r"(?:^|\s)-?status:", re.IGNORECASE)
"""A `status:` term in a query: it searches All, whatever the shelf."""


def _preview_shelves(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    labels = {shelf.key: shelf.label for shelf in STATUS_SHELVES}
    return [(key, labels.get(key, key), n) for key, n in counts.items()
            if key in labels or key.startswith("tag:")]


def _run_action(screen: MainScreen, action: str) -> Callable[[], object]:
    return lambda: screen.call_later(screen.run_action, action)


def _sort_switch(screen: MainScreen, name: str) -> Callable[[], None]:
    return lambda: screen.set_sort(name)


def _shelf_switch(screen: MainScreen, shelf: Shelf) -> Callable[[], None]:
    return lambda: screen.set_shelf(shelf.key)


def _theme_switch(screen: MainScreen, name: str) -> Callable[[], None]:
    def switch() -> None:
        screen.app.theme = name
    return switch
