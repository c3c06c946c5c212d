"""The detail pane: everything about the highlighted paper, its related papers
(found in a worker once the cursor rests on a paper), and the note editor.

The screen tells it which paper to show (`show_paper`); it looks the paper up
through the callables it was given, waits while a query is being typed, and
owns the related-papers timer and worker (their result: `RelatedFound`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Entry
from reader.tui.render import highlighted, safe
from reader.tui.widgets.messages import NoteDone, ReadingRequested, RelatedChosen
from reader.tui.widgets.paper_facts import abstract_spans, paper_facts

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from reader.search import Query
    from reader.tui.app import ReaderApp
    from reader.tui.state import LibraryView

DETAIL_DELAY = 0.15
"""While a query is typed, the detail pane follows the list after this pause."""
RELATED_DELAY = 0.3
"""Related papers are computed once the cursor rests this long on a paper."""
MIN_RELATED = 0.01
"""Related papers scoring less are noise, not shown."""


class RelatedFound(Message):
    """The related papers of `paper_id`: rows of (paper id, title, score), closest
    first, and why the paper is where it is in the for-you order ("" if not);
    `for_you`: whether that reason was asked for (the order the paper was shown in)."""

    def __init__(self, paper_id: str, rows: list[tuple[str, str, float]], reason: str,
                 for_you: bool = False) -> None:
        super().__init__()
        self.paper_id = paper_id
        self.rows = rows
        self.reason = reason
        self.for_you = for_you


class DetailPane(VerticalScroll, can_focus=True):
    """Title, authors, year, ids, links, abstract, tags, note, related papers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.up"),
        Binding("enter", "read", "Read it", show=False, id="detail.read"),
    ]

    shown_id: str | None = None
    """The paper shown (None: the placeholder)."""
    related_id: str | None = None
    """The paper whose related papers (perhaps none) are shown; None while they are
    being found (or not looked for)."""

    def __init__(self, entry: Callable[[str], Entry | None],
                 view: Callable[[], LibraryView | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entry = entry
        """A paper by id, as the screen knows it now (None: not known)."""
        self._view = view
        """The library with its search index (for related papers), None while loading."""
        self.search_query: Query | None = None
        """The search the list shows (its terms are highlighted); set by the screen."""
        self._detail_timer: Timer | None = None
        self._related_timer: Timer | None = None
        self._related_asked: tuple[str, bool] | None = None
        """(paper id, for_you) of the related papers last asked for: a worker's result
        for anything else is stale (a thread keeps running when a newer one replaces
        it, and may report last) and is dropped."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        yield Static(id="detail-reason")
        yield Static(id="detail-meta")
        yield Static(id="detail-abstract")
        yield Static(Content.styled("Note", "bold $text-accent"), id="note-heading")
        yield Vertical(id="note-box")  # the Markdown view and the editor, made on demand
        yield Static(Content.assemble(("Related", "bold $text-accent"),
                                      (" · closest first, enter opens", "$text-muted")),
                     id="related-heading")
        yield OptionList(id="related", markup=False)

    def on_mount(self) -> None:
        self.show(None, None)

    def action_read(self) -> None:
        self.post_message(ReadingRequested())

    @property
    def editing(self) -> bool:
        """True while the note editor has the focus."""
        focused = self.screen.focused
        return focused is not None and focused.id == "note-editor"

    def _note_view(self) -> Markdown:
        """The Markdown widget of the note (imported and mounted on first use)."""
        from textual.widgets import Markdown

        found = self.query("#detail-note")
        if found:
            return found.first(Markdown)
        view = Markdown(id="detail-note", open_links=False)
        self.query_one("#note-box").mount(view)
        return view

    def _hide_editor(self) -> None:
        for editor in self.query("#note-editor"):
            editor.display = False

    def show(self, entry: Entry | None, query: Query | None) -> None:
        """Fill the pane for `entry` (None: an empty placeholder)."""
        title = self.query_one("#detail-title", Static)
        meta = self.query_one("#detail-meta", Static)
        abstract = self.query_one("#detail-abstract", Static)
        self._hide_editor()
        shown = entry.paper.id if entry is not None else None
        if shown != self.shown_id:  # another paper's reason comes with its related papers
            self.set_reason("")
            self.related_id = None
        self.shown_id = shown
        if entry is None:
            title.update(Content.styled("No paper selected", "$text-muted"))
            meta.update("")
            abstract.update("")
            self.query_one("#note-box").display = False
            self.query_one("#note-heading").display = False
            self.set_related([])
            return
        paper, state = entry.paper, entry.state
        title.update(Content.styled(safe(paper.title) or "(untitled)", "bold"))
        meta.update(paper_facts(entry))
        text = safe(paper.abstract, multiline=True)
        abstract.update(highlighted(text, abstract_spans(text, query))
                        if text else Content.styled("No abstract.", "italic $text-muted"))
        has_note = bool(state.note.strip())
        self.query_one("#note-box").display = has_note
        self.query_one("#note-heading").display = has_note
        if has_note:
            note = self._note_view()
            note.display = True
            note.update(safe(state.note, multiline=True))
        self.scroll_home(animate=False)

    # following the list ---------------------------------------------------------
    def show_paper(self, pid: str | None, *, related: bool = True,
                   for_you: bool = False) -> None:
        """Show paper `pid` (None: the placeholder); while a query is typed, a moment
        later (the list is redrawn first). `related`: find its related papers anew
        once the cursor rests (`for_you`: and why it is where it is in that order)."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if pid is None:
            self.show(None, None)
        elif self._typing():
            self._detail_timer = self.set_timer(
                DETAIL_DELAY, lambda: self._show_now(pid, related, for_you))
        else:
            self._show_now(pid, related, for_you)

    def _typing(self) -> bool:
        """Whether a query is being typed (the search field has the focus)."""
        from reader.tui.widgets.search_bar import SearchBar

        return isinstance(self.screen.focused, SearchBar)

    def _show_now(self, pid: str, related: bool, for_you: bool) -> None:
        self._detail_timer = None
        entry = self._entry(pid)
        if entry is None or self.editing:
            return
        self.show(entry, self.search_query)
        if related:
            self.set_related([])
            self.related_id = None
            self._related_asked = (pid, for_you)
            if self._related_timer is not None:
                self._related_timer.stop()
            self._related_timer = self.set_timer(
                RELATED_DELAY, lambda: self.find_related(pid, for_you=for_you))

    def find_related(self, pid: str, *, for_you: bool = False) -> None:
        """Find `pid`'s related papers in a worker (what the timer does once the
        cursor rests); not while a query is typed (the CPU is the filter's)."""
        view = self._view()
        if not self._typing() and view is not None and view.index is not None:
            self._related_worker(view, pid, for_you)

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def _related_worker(self, view: LibraryView, pid: str, for_you: bool) -> None:
        reason = ""
        try:
            assert view.index is not None
            pairs = view.index.related(pid, 10)
            if for_you:
                reason = view.index.for_you_reason(pid)
        except Exception:  # related papers are a bonus; never crash for them
            return
        rows = [(rid, view.entries[rid].paper.title, score)
                for rid, score in pairs
                if rid in view.entries and rid != pid and score >= MIN_RELATED]
        self.post_message(RelatedFound(pid, rows, reason, for_you))

    @on(RelatedFound)
    def _related_found(self, event: RelatedFound) -> None:
        # The same paper shown first in another order (before a sort to for-you took
        # effect) has an older worker whose result may come last: without its reason.
        asked = self._related_asked
        if self.shown_id == event.paper_id and asked in (None, (event.paper_id, event.for_you)):
            self.set_related(event.rows)
            self.set_reason(event.reason)
            self.related_id = event.paper_id

    def set_reason(self, text: str) -> None:
        """Why the paper is where it is in the for-you order (one line; "" hides it)."""
        reason = self.query_one("#detail-reason", Static)
        reason.display = bool(text)
        reason.update(Content.styled("for you: " + safe(text), "italic $text-accent")
                      if text else "")

    def set_related(self, rows: list[tuple[str, str, float]]) -> None:
        """Rows of (paper id, title, score), closest first. The scores (a cosine,
        0.04 for a fair match) mean nothing to a reader: only the order is shown."""
        related = self.query_one("#related", OptionList)
        self.query_one("#related-heading").display = bool(rows)
        related.display = bool(rows)
        related.set_options(Option(Content(safe(t)), id=pid) for pid, t, _ in rows)

    def edit_note(self, entry: Entry, text: str | None = None,
                  original: str | None = None) -> None:
        """Open the note editor on `entry`'s note, or on `text` (a note that could not
        be saved) whose stored version was `original` when first opened. Focused
        before the next key is handled (keys typed right after `n` are the note's),
        as soon as it is mounted, not once the mount completed: awaiting that here,
        in a key's handler, can stall the app."""
        from reader.tui.widgets.note import NoteEditor

        found = self.query("#note-editor")
        if found:
            editor = found.first(NoteEditor)
        else:
            editor = NoteEditor(id="note-editor", soft_wrap=True)
            self.query_one("#note-box").mount(editor)
        if text is None:
            editor.open_note(entry.paper.id, entry.state.note, entry.state.note)
        else:
            editor.open_note(entry.paper.id, text, original)
        editor.move_cursor(editor.document.end)  # new text goes after the old note
        editor.display = True
        self.query_one("#note-box").display = True
        self.query_one("#note-heading").display = True
        for view in self.query("#detail-note"):
            view.display = False
        self.screen.set_focus(editor)  # it scrolls itself into view once laid out

    @on(NoteDone)
    def _note_done(self, event: NoteDone) -> None:
        self._hide_editor()

    @on(OptionList.OptionSelected, "#related")
    def _related(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(RelatedChosen(event.option_id))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        href = event.href
        if href.lower().startswith("https://"):
            cast("ReaderApp", self.app).open_link(href)  # off the UI thread, http(s) only
        else:
            self.notify(f"Not opening a non-https link: {safe(href)[:80]}",
                        severity="warning", markup=False)
