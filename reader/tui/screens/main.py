"""The main screen: shelves, the paper list, the detail pane, and every key.

Loading, polling and store writes live in `sync.py`, search in `search.py`,
the palette entries in `palette.py`, and paper actions that open dialogs in
`actions.py`; this module keeps layout, view refresh, events and navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from reader.gcutil import end_startup
from reader.model import Entry
from reader.text import clean_line
from reader.tui.render import safe
from reader.tui.screens.actions import PaperActions
from reader.tui.screens.detail import DETAIL_DELAY, MIN_RELATED, RELATED_DELAY, DetailMixin
from reader.tui.screens.palette import PaletteCommands
from reader.tui.screens.search import FILTER_DELAY, SearchMixin
from reader.tui.screens.sync import SMALL_LIBRARY, LibrarySync
from reader.tui.screens.writes import StoreWrites
from reader.tui.session import Session
from reader.tui.state import SORTS, LibraryView
from reader.tui.widgets import DetailPane, PaperList, ShelfList
from reader.tui.widgets.bib_export import BibExporter
from reader.tui.widgets.messages import NoteDone, NoteNotSaved
from reader.tui.widgets.netjob import NetJobBar

if TYPE_CHECKING:
    from reader.search import Query
    from reader.tui.app import ReaderApp

__all__ = ["DETAIL_DELAY", "FILTER_DELAY", "LOADING_DELAY", "MIN_RELATED", "NARROW",
           "POLL_EVERY", "RELATED_DELAY", "SMALL_LIBRARY", "WIDE", "MainScreen"]

NARROW = 110
"""Below this width the sidebar hides and the detail pane goes under the list."""
WIDE = 140
"""From this width the list takes the spare columns (the detail pane is capped)."""
TYPED_IN_FIELDS = frozenset({"search", "edit_note", "add_tags", "remove_tags", "delete",
                             "add_papers", "export"})
"""Actions of priority keys that are text while a field has the focus."""
TEXT_FIELDS = frozenset({"search", "note-editor"})
"""The text fields of the main screen (ids)."""
POLL_EVERY = 1.5
LOADING_DELAY = 0.4
"""A loading indicator appears when the library takes longer than this to load."""


class MainScreen(LibrarySync, StoreWrites, SearchMixin, DetailMixin, PaletteCommands, PaperActions):
    """The screen a researcher keeps open all day."""

    AUTO_FOCUS = "#papers"
    """The keys work at once; focusing the list first (not the shelves, then the
    list) also spares two restyles before the first paint."""

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
        # keys that move the focus (to a field or a dialog) are priority bindings:
        # they run as they arrive, before the keys typed after them are handed to
        # the list (which would run them as list keys: "/concept" opening a link,
        # a note, an export); a dialog's action awaits its mount, so the keys that
        # follow reach the dialog's focused field
        Binding("plus", "add_tags", "Add tag", show=False, id="paper.tag_add", priority=True),
        Binding("minus", "remove_tags", "Remove tag", show=False, id="paper.tag_remove",
                priority=True),
        Binding("n", "edit_note", "Note", id="paper.note", priority=True),
        Binding("E", "edit_note_external", "Note in $EDITOR", show=False,
                id="paper.note_editor"),
        Binding("o", "open_link", "Open", show=False, id="paper.open_link"),
        Binding("y", "copy_keys", "Copy citation key", show=False, id="paper.copy_key"),
        Binding("Y", "copy_citation", "Copy citation", show=False, id="paper.copy_citation"),
        Binding("R", "read", "Read it", show=False, id="paper.read"),
        Binding("u", "undo", "Undo", show=False, id="paper.undo"),
        Binding("U,ctrl+r", "redo", "Redo", show=False, id="paper.redo"),
        Binding("D", "delete", "Delete", show=False, id="paper.delete", priority=True),
        Binding("K", "move_in_queue(-1)", "Up the queue", show=False, id="paper.queue_up"),
        Binding("J", "move_in_queue(1)", "Down the queue", show=False, id="paper.queue_down"),
        Binding("slash", "search", "Search", id="view.search", priority=True),
        Binding("escape", "save_note", "Save note", id="paper.note_done", priority=True),
        Binding("escape", "back_to_list", "Back to the list", show=False, id="nav.back",
                priority=True),
        Binding("S", "cycle_sort", "Sort", show=False, id="view.sort"),
        Binding("right_square_bracket", "shelf(1)", "Next shelf", show=False,
                id="view.shelf_next"),
        Binding("left_square_bracket", "shelf(-1)", "Previous shelf", show=False,
                id="view.shelf_previous"),
        Binding("b", "toggle_sidebar", "Shelves", show=False, id="view.sidebar"),
        Binding("a", "add_papers", "Add papers", show=False, id="library.add", priority=True),
        Binding("e", "export", "Export", show=False, id="library.export", priority=True),
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
        self.filter_cost = 0.0
        self._related_timer: Timer | None = None
        self._detail_timer: Timer | None = None
        self._changes: list[tuple[int, Entry]] = []
        self.session: Session | None = None
        self.loaded = False
        self.progress = ""
        """The reading streak / daily goal line, when a goal is set."""
        self._preview: dict[str, Entry] = {}
        self.waiting: list[tuple[str | None, Callable[[], object]]] = []
        self.list_layout: tuple[int, int, int] | None = None
        self.elsewhere = False
        """The query shown finds nothing on the shelf but something on All."""
        """Rows of the first-screen cache, shown until the library has loaded."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The priority keys type themselves while a text field has the focus."""
        focused = self.focused
        field = focused.id if focused is not None and focused.id in TEXT_FIELDS else None
        if action in TYPED_IN_FIELDS and field is not None:
            return False
        if action == "save_note":  # escape in the note editor (else: back_to_list)
            return field == "note-editor"
        return True

    # layout --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="body"):
            yield ShelfList(id="shelves")
            with Vertical(id="center"):
                yield Static(id="query-errors")
                yield PaperList(self._entry, id="papers")
            yield DetailPane(id="detail")
        yield NetJobBar(self.open_library, id="netjob")
        yield Footer()

    def on_mount(self) -> None:
        self.session = Session(self.app.library or self.app.source)
        papers = self.query_one(PaperList)
        papers.focus()
        # The first paint shows titles without waiting for the store: the cached
        # first screen when the library is unchanged since the last run (read in a
        # worker started after that paint, so it does not compete with it), else a
        # small library read at once, else a loading line while a worker reads it.
        preview = self._show_preview()
        small = not preview and self._small_library()
        if not preview and not small:
            papers.border_title = Content.styled("Loading the library…", "$text-muted")
            # the spinner only for a slow load (mounting it costs a repaint)
            self.set_timer(LOADING_DELAY, self._show_loading)
        self._layout_for(self.app.size.width)
        self.sub_title = "demo library (throwaway copy)" if self.app.demo else ""
        self.call_after_refresh(end_startup)  # the GC held off since run_app
        self.call_after_refresh(self.make_search_input)  # not in the first paint
        if preview:
            self.call_after_refresh(self._load, None)
        else:
            self._load(self._load_now() if small else None)
        self.set_interval(POLL_EVERY, self._poll)
        if self.app.config.bib_export and not self.app.demo:  # a .bib kept in sync
            self.mount(BibExporter(self.app.config.bib_export, self.library_entries))

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

    def _remember_layout(self, papers: PaperList) -> None:
        if papers.size.width:
            size = self.app.size
            self.list_layout = (size.width, size.height, papers.row_width)

    @on(PaperList.Resized)
    def _list_resized(self, event: PaperList.Resized) -> None:
        self._remember_layout(self.query_one(PaperList))

    def on_unmount(self) -> None:
        if self.view is not None:
            self._save_first_screen(self.view)

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
        shelf = self.search_shelf()
        if view.sorts_for_you(self.sort, shelf.query + " " + self.query_text):
            self.query_one(PaperList).border_subtitle = Content.styled(
                "ordering for you…", "$text-muted")
            self._filter_worker(view, shelf, self.query_text, self.sort, keep)
            return
        ids, query = view.visible(shelf, self.query_text, self.sort)
        self._show_ids(ids, query, keep)

    def _show_ids(self, ids: list[str], query: Query | None, keep: str | None = None, *,
                  elsewhere: int | None = None) -> None:
        papers = self.query_one(PaperList)
        self._remember_layout(papers)
        keep = keep if keep is not None else papers.current_id
        self.search_query = query
        papers.show(ids, keep)
        if papers.current_id is not None and papers.current_id == keep:
            # same paper, new search terms (in the for-you order: its reason, anew)
            self.show_detail(keep, related=self._for_you())
        errors = self.query_one("#query-errors", Static)
        problems = list(query.errors) if query is not None else []
        self.elsewhere = False
        notes = list(query.notes) if query is not None else []
        if problems:
            text = "could not understand: " + "; ".join(safe(p) for p in problems)
        elif notes and ids:
            text = "; ".join(safe(n) for n in notes)
        elif self.query_text and self.view is not None and self.view.index is None:
            text = "indexing the library… (the search applies when it is ready)"
        else:
            text = "" if ids else self._elsewhere_hint(elsewhere)
            self.elsewhere = bool(text)
        style = "$text-warning"
        if not ids and not text and self.view is not None and len(self.view):
            from reader.tui.empty import empty_hint

            text, style = empty_hint(self.view, self.search_shelf(), query), "$text-muted"
        errors.display = bool(text)
        errors.update(Content.styled(text, style))
        self._update_title()

    def _for_you(self) -> bool:
        """Whether the list is in the for-you order (the detail pane says why)."""
        return self.view is not None and self.view.sorts_for_you(
            self.sort, self.search_shelf().query + " " + self.query_text)

    def _update_title(self) -> None:
        view = self.view
        papers = self.query_one(PaperList)
        if view is None:
            return
        shelf = self.search_shelf()
        count = len(papers.ids)
        parts: list[str | tuple[str, str]] = [
            (safe(shelf.label), "bold"), f" · {count:,} paper{'s' if count != 1 else ''}"]
        selected = len(papers.selected_ids)
        if selected:
            parts.append((f" · {selected:,} selected", "bold $text-accent"))
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
    @on(ShelfList.OptionHighlighted, "#shelves")
    def _shelf_highlighted(self, event: ShelfList.OptionHighlighted) -> None:
        if event.option_id:
            self.set_shelf(event.option_id)

    @on(ShelfList.OptionSelected, "#shelves")
    def _shelf_selected(self, event: ShelfList.OptionSelected) -> None:
        self.query_one(PaperList).focus()

    @on(PaperList.SelectionChanged, "#papers")
    def _selection_changed(self, event: PaperList.SelectionChanged) -> None:
        self._update_title()

    @property
    def selected_ids(self) -> list[str]:
        """The papers selected in the list (`v`, space, `V`), in list order."""
        return self.query_one(PaperList).selected_ids

    @on(PaperList.Selected, "#papers")
    def _paper_selected(self, event: PaperList.Selected) -> None:
        self.query_one(DetailPane).focus()

    def action_save_note(self) -> None:
        """escape in the note editor: back to the list (leaving it saves the note)."""
        self.set_focus(self.query_one(PaperList))

    @on(NoteDone)
    def _note_done(self, event: NoteDone) -> None:
        self.save_note(event.paper_id, event.text, event.original)
        self.set_focus(self.query_one(PaperList))

    @on(NoteNotSaved)
    def _note_not_saved(self, event: NoteNotSaved) -> None:
        """The text goes back into the editor (when its paper is still shown) and the
        message names the rescue file holding a copy."""
        entry = self.current_entry()
        reopened = entry is not None and entry.paper.id == event.paper_id
        if entry is not None and reopened:
            self.query_one(DetailPane).edit_note(entry, event.text, event.original)
        where = (f" A copy is in {clean_line(str(event.rescued))}." if event.rescued else
                 " No copy could be written anywhere: copy the text out of the editor.")
        kept = " Your text is still in the editor." if reopened else ""
        self.notify(f"The note was not saved: {event.error}.{kept}{where}",
                    title="Note not saved", severity="error", markup=False, timeout=30)

    # navigation ------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        papers = self.query_one(PaperList)
        if not papers.has_focus:
            self.set_focus(papers)
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
