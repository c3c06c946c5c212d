"""The main screen: shelves, the paper list, the detail pane, and every key.

It composes widgets that own their state (the search bar posts `QueryChanged`,
the detail pane finds related papers, the library controller loads, polls and
writes the library and reports with messages), keeps what the list shows (shelf,
query, sort), and routes keys and messages to functions of the screen grouped by
topic: `paper_commands`, `note_commands`, `library_commands`, `search`,
`list_view` (what the list shows), `library_news` (what the controller reports).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from reader.config import Config
from reader.gcutil import end_startup
from reader.model import Entry
from reader.tui.controller import LibraryController
from reader.tui.screens import early_list as early
from reader.tui.screens import library_commands as library
from reader.tui.screens import library_news as news
from reader.tui.screens import list_view as listing
from reader.tui.screens import main_keys as keys
from reader.tui.screens import network, palette, search
from reader.tui.screens import note_commands as notes
from reader.tui.screens import paper_commands as papers_do
from reader.tui.state import LibraryView
from reader.tui.widgets import DetailPane, PaperList, ShelfList
from reader.tui.widgets.bib_export import BibExporter
from reader.tui.widgets.detail import DETAIL_DELAY, MIN_RELATED, RELATED_DELAY
from reader.tui.widgets.netjob import NetJobBar
from reader.tui.widgets.search_bar import FILTER_DELAY

if TYPE_CHECKING:
    from reader.search import Query
    from reader.store import Clock, Library
    from reader.tui.app import ReaderApp

__all__ = ["DETAIL_DELAY", "FILTER_DELAY", "LOADING_DELAY", "MIN_RELATED", "NARROW",
           "POLL_EVERY", "RELATED_DELAY", "WIDE", "MainScreen"]

NARROW = 110
"""Below this width the sidebar hides and the detail pane goes under the list."""
WIDE = 140
"""From this width the list takes the spare columns (the detail pane is capped)."""
POLL_EVERY = 1.5
"""Seconds between two looks for changes made by other processes (and sync copies)."""
LOADING_DELAY = news.LOADING_DELAY


class MainScreen(Screen[None]):
    """The screen a researcher keeps open all day, on the library `source`.

    `db_path`: the library's file, when known (the first-screen cache); `demo`: a
    throwaway copy (said in the title, nothing cached); `config` and `clock`: the
    user's settings and the time "today" is counted in."""

    AUTO_FOCUS = "#papers"
    """The keys work at once; focusing the list first (not the shelves, then the
    list) also spares two restyles before the first paint."""

    BINDINGS: ClassVar[list[BindingType]] = keys.KEYS

    app: ReaderApp

    def __init__(self, source: Library | Callable[[], Library], *, db_path: Path | None = None,
                 demo: bool = False, config: Config | None = None,
                 clock: Clock | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.demo = demo
        self.config = config if config is not None else Config()
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.controller = LibraryController(source, db_path=db_path, demo=demo,
                                            config=self.config, clock=self.clock)
        self.shelf_key = "status:new"
        self.sort = "default"
        self.query_text = ""
        self.search_query: Query | None = None
        self.progress = ""
        """The reading streak / daily goal line, when a goal is set."""
        self.elsewhere = False
        """The query shown finds nothing on the shelf but something on All."""
        self.preview: dict[str, Entry] = {}
        """Rows of the first-screen cache, shown until the library has loaded."""
        self.first_rows: tuple[str, ...] = ()
        """The ids of the first screen, in its order."""
        self.early_text: str | None = None
        """The query whose early answer (a big library not loaded yet) the list shows."""
        self.waiting: list[tuple[str | None, Callable[[], object]]] = []
        """Keys typed while the library loads: (paper highlighted then, the action)."""

    @property
    def view(self) -> LibraryView | None:
        """What the app knows of the library (the controller's; None while it loads)."""
        return self.controller.view

    @property
    def loaded(self) -> bool:
        return self.controller.loaded

    check_action = keys.typed_in_fields

    # layout --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="body"):
            yield ShelfList(id="shelves")
            with Vertical(id="center"):
                yield Static(id="query-errors")
                yield PaperList(self.entry, id="papers")
            yield DetailPane(self.entry, lambda: self.view, id="detail")
        yield NetJobBar(self.controller.open_library, id="netjob")
        yield Footer()
        yield self.controller

    def on_mount(self) -> None:
        self.query_one(PaperList).focus()
        preview = news.first_screen(self)
        self._layout_for(self.app.size.width)
        self.sub_title = "demo library (throwaway copy)" if self.demo else ""
        self.call_after_refresh(end_startup)  # the GC held off since run_app
        self.call_after_refresh(self.make_search_input)  # not in the first paint
        news.load(self, preview)
        self.set_interval(POLL_EVERY, self.controller.poll)
        if self.config.bib_export and not self.demo:  # a .bib kept in sync
            self.mount(BibExporter(self.config.bib_export, self.library_entries))

    def on_resize(self) -> None:
        self._layout_for(self.size.width)

    def _layout_for(self, width: int) -> None:
        body = self.query_one("#body")
        narrow = width < NARROW
        if body.has_class("-narrow") != narrow or body.has_class("-wide") != (width >= WIDE):
            body.set_class(narrow, "-narrow").set_class(width >= WIDE, "-wide")
            self.update_title()  # the shelf keys are named when the sidebar hides

    def show_loading(self) -> None:
        if not self.loaded:
            self.query_one(PaperList).loading = True

    @on(PaperList.Resized)
    def _list_resized(self) -> None:
        listing.remember_layout(self)

    # what the list shows --------------------------------------------------
    def refresh_all(self) -> None:
        self.refresh_shelves()
        self.refresh_list()

    def refresh_shelves(self) -> None:
        if self.view is not None:
            self.query_one(ShelfList).show(self.view.shelves(), self.shelf_key)

    refresh_list = listing.refresh_list
    show_ids = listing.show_ids
    update_title = listing.update_title

    def set_shelf(self, key: str) -> None:
        if key != self.shelf_key:
            self.shelf_key = key
            self.query_one(ShelfList).select_key(key)
            self.refresh_list()

    search_shelf = listing.search_shelf
    for_you = listing.for_you

    def show_detail(self, pid: str, *, related: bool = True) -> None:
        self.query_one(DetailPane).show_paper(pid, related=related, for_you=self.for_you())

    entry = listing.entry
    current_entry = listing.current_entry
    library_entries = listing.library_entries

    # the list's and the shelves' events -----------------------------------
    @on(ShelfList.OptionHighlighted, "#shelves")
    def _shelf_highlighted(self, event: ShelfList.OptionHighlighted) -> None:
        if event.option_id:
            self.set_shelf(event.option_id)

    @on(ShelfList.OptionSelected, "#shelves")
    def _shelf_selected(self) -> None:
        self.query_one(PaperList).focus()

    @on(PaperList.SelectionChanged, "#papers")
    def _selection_changed(self) -> None:
        self.update_title()

    @on(PaperList.Selected, "#papers")
    def _paper_selected(self) -> None:
        self.query_one(DetailPane).focus()

    @on(PaperList.PaperHighlighted)
    def _paper_highlighted(self, event: PaperList.PaperHighlighted) -> None:
        if event.paper_id is None:  # a paper the list no longer shows
            self.query_one(DetailPane).show_paper(None)
        else:
            self.show_detail(event.paper_id)

    # search (the search bar's messages) ---------------------------------------
    search_input = search.search_bar
    make_search_input = search.make_search_bar
    action_search = search.open_search
    action_back_to_list = search.back_to_list
    action_clear_search = search.back_to_list
    clear_search = search.clear_search
    on_search_bar_query_changed = search.query_changed
    on_search_bar_query_submitted = search.query_submitted
    on_list_filtered = search.list_filtered
    on_related_chosen = search.related_chosen

    # the commands, by topic (each a function of the screen) ---------------------
    action_move = listing.move
    action_shelf = listing.next_shelf
    action_cycle_sort = listing.cycle_sort
    set_sort = listing.set_sort
    action_toggle_sidebar = listing.toggle_sidebar
    action_mark = papers_do.mark
    action_rate = papers_do.rate
    action_skip_the_rest = papers_do.skip_the_rest
    action_delete = papers_do.delete
    action_move_in_queue = papers_do.move_in_queue
    action_undo = papers_do.undo
    action_redo = papers_do.redo
    action_add_tags = papers_do.add_tags
    action_remove_tags = papers_do.remove_tags
    action_edit_note = notes.edit_note
    action_edit_note_external = notes.edit_note_external
    save_note = notes.save_note
    on_note_done = notes.note_done
    on_note_not_saved = notes.note_not_saved
    action_open_link = library.open_link
    action_copy_keys = library.copy_keys
    action_copy_citation = library.copy_citation
    action_read = library.read
    on_reading_requested = library.read
    action_export = library.export
    action_stats = library.stats
    action_help = library.show_help
    save_current_search = library.save_search
    delete_saved_search = library.delete_saved_search
    rename_saved_search = library.rename_saved_search
    action_add_papers = library.add_papers
    on_net_job_finished = network.finished

    def action_select_all(self) -> None:
        self.query_one(PaperList).action_select_all()

    def action_clear_selection(self) -> None:
        self.query_one(PaperList).clear_selection()

    def action_save_note(self) -> None:
        """escape in the note editor: back to the list (leaving it saves the note)."""
        self.set_focus(self.query_one(PaperList))

    def action_quit(self) -> None:
        self.quit_when_saved()

    @work(group="quit", exit_on_error=False)
    async def quit_when_saved(self, return_code: int = 0) -> None:
        """Save the open note, wait for the writes in flight, then exit."""
        pending = notes.take_note(self)
        if pending is not None:
            notes.save_note(self, *pending)
        writes = [w for w in self.app.workers if w.group == "store"]
        if writes:
            await self.app.workers.wait_for_complete(writes)
        self.app.exit(return_code=return_code)

    palette_commands = palette.palette_commands

    # what the controller reports ----------------------------------------------
    on_library_loaded = news.library_loaded
    on_load_failed = news.load_failed
    on_library_indexed = news.library_indexed
    on_library_reloaded = news.library_reloaded
    on_copies_merged = news.copies_merged
    on_change_applied = news.change_applied
    on_change_failed = news.change_failed
    on_saved_search_changed = news.saved_search_changed
    on_progress_counted = news.progress_counted
    on_papers_added = news.papers_added
    on_papers_arrived = news.papers_arrived
    on_early_search_ready = early.search_ready
    on_early_list_filtered = early.filtered
    on_early_list_missed = early.missed
