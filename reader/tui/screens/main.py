"""The main screen: shelves, the paper list, the detail pane, and every key.

Loading, polling and store writes are the library controller's (a widget with
nothing to show, mounted here: `reader/tui/controller/`); its workers report with
messages, handled here. Search is in `search.py`, the palette entries in
`palette.py`, and paper actions that open dialogs in `actions.py`; this module
keeps layout, view refresh, events and navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from reader.config import Config
from reader.gcutil import end_startup
from reader.model import Entry
from reader.text import clean_line
from reader.tui.controller import LibraryController
from reader.tui.controller.messages import (
    ChangeApplied,
    ChangeFailed,
    CopiesMerged,
    EarlySearchReady,
    LibraryIndexed,
    LibraryLoaded,
    LibraryReloaded,
    LoadFailed,
    ProgressCounted,
    SavedSearchChanged,
)
from reader.tui.render import safe
from reader.tui.screens.actions import PaperActions
from reader.tui.screens.detail import DETAIL_DELAY, MIN_RELATED, RELATED_DELAY, DetailMixin
from reader.tui.screens.palette import PaletteCommands
from reader.tui.screens.search import FILTER_DELAY, SearchMixin
from reader.tui.state import SORTS, STATUS_SHELVES, LibraryView, Shelf
from reader.tui.widgets import DetailPane, PaperList, ShelfList
from reader.tui.widgets.bib_export import BibExporter
from reader.tui.widgets.messages import NoteDone, NoteNotSaved, PapersAdded
from reader.tui.widgets.netjob import NetJobBar, PapersArrived

if TYPE_CHECKING:
    from textual.message import Message

    from reader.errors import ReaderError
    from reader.search import Query
    from reader.store import Change, Clock, Library
    from reader.tui.app import ReaderApp

__all__ = ["DETAIL_DELAY", "FILTER_DELAY", "LOADING_DELAY", "MIN_RELATED", "NARROW",
           "POLL_EVERY", "RELATED_DELAY", "WIDE", "MainScreen"]

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


class MainScreen(SearchMixin, DetailMixin, PaletteCommands, PaperActions):
    """The screen a researcher keeps open all day, on the library `source`.

    `db_path`: the library's file, when known (the first-screen cache); `demo`: a
    throwaway copy (said in the title, nothing cached); `config` and `clock`: the
    user's settings and the time "today" is counted in."""

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
        self._filter_timer: Timer | None = None
        self._pending_query = ""
        self.filter_cost = 0.0
        self._related_timer: Timer | None = None
        self._detail_timer: Timer | None = None
        self.progress = ""
        """The reading streak / daily goal line, when a goal is set."""
        self._preview: dict[str, Entry] = {}
        """Rows of the first-screen cache, shown until the library has loaded."""
        self.waiting: list[tuple[str | None, Callable[[], object]]] = []
        self.elsewhere = False
        """The query shown finds nothing on the shelf but something on All."""

    @property
    def view(self) -> LibraryView | None:
        """What the app knows of the library (None while it loads)."""
        return self.controller.view

    @property
    def loaded(self) -> bool:
        return self.controller.loaded

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
        yield NetJobBar(self.controller.open_library, id="netjob")
        yield Footer()
        yield self.controller

    def on_mount(self) -> None:
        papers = self.query_one(PaperList)
        papers.focus()
        # The first paint shows titles without waiting for the store: the cached
        # first screen when the library is unchanged since the last run (read in a
        # worker started after that paint, so it does not compete with it), else a
        # small library read at once, else a loading line while a worker reads it.
        controller = self.controller
        preview = self._show_preview()
        small = not preview and controller.is_small()
        if not preview and not small:
            papers.border_title = Content.styled("Loading the library…", "$text-muted")
            # the spinner only for a slow load (mounting it costs a repaint)
            self.set_timer(LOADING_DELAY, self._show_loading)
        self._layout_for(self.app.size.width)
        self.sub_title = "demo library (throwaway copy)" if self.demo else ""
        self.call_after_refresh(end_startup)  # the GC held off since run_app
        self.call_after_refresh(self.make_search_input)  # not in the first paint
        if preview:  # a big library: searchable early, then loaded
            self.call_after_refresh(controller.prepare_early_search)
            self.call_after_refresh(controller.load)
        else:
            view = controller.load_now() if small else None
            if view is not None:
                self.show_loaded(view, controller.library.skipped if controller.library
                                 else None)
            controller.load(view)
        self.set_interval(POLL_EVERY, controller.poll)
        if self.config.bib_export and not self.demo:  # a .bib kept in sync
            self.mount(BibExporter(self.config.bib_export, self.library_entries))

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
            self.controller.list_layout = (size.width, size.height, papers.row_width)

    @on(PaperList.Resized)
    def _list_resized(self, event: PaperList.Resized) -> None:
        self._remember_layout(self.query_one(PaperList))

    # views -----------------------------------------------------------------
    def refresh_all(self) -> None:
        self.refresh_shelves()
        self.refresh_list()

    def refresh_shelves(self) -> None:
        if self.view is not None:
            self.query_one(ShelfList).show(self.view.shelves(), self.shelf_key)

    def refresh_list(self, keep: str | None = None) -> None:
        view = self.view
        if view is None or view.index is None:
            if self.query_text and self.early_filter():
                return
            if view is None:
                self.early_withdrawn()
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
        elif (self.query_text and self.view is not None and self.view.index is None
              and self.early_text != self.query_text):
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
            if self.early_text is not None and self.early_text == self.query_text:
                count = len(papers.ids)  # an early answer, on a status shelf or All
                label = {s.key: s.label for s in STATUS_SHELVES}.get(self.shelf_key, "")
                papers.border_title = Content.assemble(
                    (label or "#" + self.shelf_key[4:], "bold"),
                    f" · {count:,} paper{'s' if count != 1 else ''}")
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

    # the library, as the controller reports it ------------------------------
    def _show_preview(self) -> bool:
        """Show the cached first screen of a library that has not changed since."""
        cached = self.controller.cached_first_screen()
        if cached is None:
            return False
        self._preview = {e.paper.id: e for e in cached.entries}
        labels = {shelf.key: shelf.label for shelf in STATUS_SHELVES}
        rows: list[tuple[Shelf, int | None]] = [
            (Shelf(key, "#" + key[4:] if key.startswith("tag:") else labels.get(key, key)), n)
            for key, n in cached.counts.items() if key in labels or key.startswith("tag:")]
        self.query_one(ShelfList).show(rows, self.shelf_key)
        papers = self.query_one(PaperList)
        size = self.app.size
        if cached.layout is not None and cached.layout[:2] == (size.width, size.height):
            papers.width_hint = cached.layout[2]  # rows built once, at the right width
        self.first_rows = tuple(self._preview)
        papers.show(list(self.first_rows))
        papers.border_title = Content.assemble(("Inbox", "bold"), " · loading…")
        return True

    @on(LibraryLoaded)
    def _library_loaded(self, event: LibraryLoaded) -> None:
        self.show_loaded(event.view, event.skipped)

    def show_loaded(self, view: LibraryView, skipped: str | None) -> None:
        """The library was read: show it, then run the keys typed meanwhile."""
        self._preview = {}
        self.query_one(PaperList).loading = False
        if len(view) == 0:
            self.shelf_key = "all"
        self.refresh_all()
        self.controller.count_progress()
        self.export_bib()
        if skipped:  # hand-edited records that are not valid: shown once, left as they are
            self.notify(clean_line(skipped), title="Invalid records skipped",
                        severity="warning", markup=False, timeout=10)
        if len(view) == 0 and not self.demo:
            self.show_welcome()
        self.replay_waiting()

    @on(LoadFailed)
    def _load_failed(self, event: LoadFailed) -> None:
        self.app.exit(None, 1, event.error)

    @on(EarlySearchReady)
    def _early_search_ready(self) -> None:
        if self.query_text:  # typed before it was ready
            self.early_filter()

    @on(LibraryIndexed)
    def _library_indexed(self, event: LibraryIndexed) -> None:
        if event.view is self.view and self.query_text:
            self.refresh_list()

    @on(LibraryReloaded)
    def _library_reloaded(self, event: LibraryReloaded) -> None:
        if self.app.return_code is not None:  # exiting: nothing to show
            return
        self.refresh_all()
        self.controller.count_progress()
        self.export_bib()
        if not event.quiet:
            self.notify("The library changed on disk; reloaded.", markup=False, timeout=3)
        if len(event.view) and self.app.screen is not self:
            from reader.tui.screens.welcome import WelcomeScreen

            if isinstance(self.app.screen, WelcomeScreen):
                self.app.screen.dismiss(None)  # papers were imported from another terminal

    @on(CopiesMerged)
    def _copies_merged(self, event: CopiesMerged) -> None:
        for line in event.lines:
            self.notify(line[:1].upper() + line[1:], markup=False, timeout=8,
                        severity="information" if line.startswith("merged ") else "warning")

    @on(PapersArrived)
    def _papers_arrived(self) -> None:
        self.controller.rebuild()

    @on(PapersAdded)  # cited papers added from the reading screen (the controller took them)
    def _papers_added(self, event: PapersAdded) -> None:
        if self.view is not None:
            self.refresh_all()

    @on(ProgressCounted)
    def _progress_counted(self, event: ProgressCounted) -> None:
        self.progress = event.text
        self._update_title()

    def export_bib(self) -> None:
        """Tell the bib_export widget (mounted when the config names a file) that the
        library changed."""
        for exporter in self.query(BibExporter):
            exporter.library_changed()

    @on(ChangeFailed)
    def _change_failed(self, event: ChangeFailed) -> None:
        self.notify(event.error, severity="error", markup=False)

    @on(SavedSearchChanged)
    def _saved_search_changed(self, event: SavedSearchChanged) -> None:
        if event.old is None:  # saved
            if self.view is not None:
                self.refresh_shelves()
            self.notify(f"Saved search: {clean_line(event.new or '')}", markup=False,
                        timeout=2)
            return
        if self.view is not None:
            if self.shelf_key == f"search:{event.old}":
                self.shelf_key = f"search:{event.new}" if event.new is not None else "status:new"
            self.refresh_shelves()
            self.refresh_list()
        what = f"renamed to {clean_line(event.new)}" if event.new is not None else "deleted"
        self.notify(f"Saved search {clean_line(event.old)} {what}", markup=False, timeout=2)

    @on(ChangeApplied)
    def _change_applied(self, event: ChangeApplied) -> None:
        change = event.change
        if self.app.return_code is not None:  # exiting (the change is saved): nothing to show
            return
        if change is None:
            self.notify(event.nothing or "No change.", markup=False, timeout=2)
            return
        if self.view is None:
            return
        if len(change.each) > 1 or change.deleted or change.paper is not None:
            self._applied_to_many(event)
            return
        if not event.entries:
            return
        entry = event.entries[0]
        title = safe(entry.paper.title)
        short = title if len(title) <= 40 else title[:39] + "…"
        self.notify(f"{change.description} — {short}", markup=False, timeout=2.5)
        self.refresh_shelves()
        papers = self.query_one(PaperList)
        shelf = self.search_shelf()
        self.controller.count_progress()
        self.export_bib()
        if event.relist:  # undo or a queue move: the paper's place may have changed
            self.refresh_list(keep=entry.paper.id)
        elif shelf.holds(entry):
            papers.refresh_paper(entry.paper.id)
            self._update_title()
        else:
            papers.drop(entry.paper.id)  # marking advances to the next paper
            self._update_title()
        if papers.current_id == entry.paper.id:
            self.show_detail(entry.paper.id, related=False)

    def _applied_to_many(self, event: ChangeApplied) -> None:
        """A change to several papers (a selection, a deletion, their undo): one
        toast, the list shown again with the cursor on the nearest paper it keeps."""
        change = event.change
        assert change is not None
        text = change.description
        if len(change.each) == 1 and event.titles:
            title = safe(next(iter(event.titles.values())))
            text += " — " + (title if len(title) <= 40 else title[:39] + "…")
        if change.deleted:
            text += " (u undoes)"
        self.notify(text, markup=False, timeout=3)
        self.refresh_shelves()
        self.controller.count_progress()
        papers = self.query_one(PaperList)
        changed = {c.paper_id for c in change.each}
        shelf = self.search_shelf()
        view = self.view
        assert view is not None

        def stays(pid: str) -> bool:
            entry = view.entries.get(pid)
            return entry is not None and (pid not in changed or shelf.holds(entry))

        ids, cursor = papers.ids, papers.cursor
        keep = next((pid for pid in [*ids[cursor:], *reversed(ids[:cursor])] if stays(pid)),
                    None)
        back = [c.paper_id for c in change.each if c.paper is not None]
        self.refresh_list(keep=back[0] if back else keep)

    def write(self, fn: Callable[[Library], Change | None], *, undo: bool = False,
              reorder: bool = False, nothing: str = "Nothing to undo.",
              failed: Callable[[ReaderError], Message] | None = None) -> None:
        """Run a store change in key order (the controller's); shown when it lands."""
        self.controller.changes.write(fn, relist=undo, reorder=reorder,
                                      nothing=nothing if undo else "", failed=failed)

    def save_current_search(self) -> None:
        """Save the typed query as a shelf named after it."""
        text = self.query_text.strip()
        if not text:
            self.notify("Type a search first (/), then save it.", markup=False, timeout=3)
            return
        self.controller.changes.save_search(text[:40], text)

    def delete_saved_search(self, name: str) -> None:
        """Palette: forget a saved search (its shelf goes; papers are untouched)."""
        self.controller.changes.delete_search(name)

    def rename_saved_search(self, name: str) -> None:
        """Palette: ask for a new name, then rename the saved search."""
        from reader.tui.dialogs.prompt import PromptDialog

        def answered(new: str | None) -> None:
            new = clean_line(new or "")
            if new and new != name:
                self.controller.changes.rename_search(name, new)

        self.app.push_screen(PromptDialog(f"New name for the saved search {name!r}:", name),
                             answered)
