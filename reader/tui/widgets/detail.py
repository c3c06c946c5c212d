"""The detail pane: everything about the highlighted paper, and the note editor."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Entry
from reader.tui.render import (
    STATUS_LABEL,
    STATUS_STYLE,
    highlighted,
    naive_spans,
    paper_links,
    safe,
    stars,
)
from reader.tui.widgets.messages import NoteDone, ReadingRequested, RelatedChosen

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from reader.search import Query
    from reader.tui.app import ReaderApp


def abstract_spans(text: str, query: Query | None) -> list[tuple[int, int]]:
    """Where the search terms are in `text` (reader.search's highlighter)."""
    if query is None or not text:
        return []
    try:
        from reader.search import highlight_spans

        return [(int(a), int(b)) for a, b in highlight_spans(text, query)]
    except Exception:  # a highlighter bug must not take the pane down
        return naive_spans(text, query.highlight_terms)


class DetailPane(VerticalScroll, can_focus=True):
    """Title, authors, year, ids, links, abstract, tags, note, related papers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.up"),
        Binding("enter", "read", "Read it", show=False, id="detail.read"),
    ]

    shown_id: str | None = None
    """The paper shown (None: the placeholder)."""

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
        meta.update(_meta(entry))
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


def _meta(entry: Entry) -> Content:
    paper, state = entry.paper, entry.state
    lines: list[Content] = []
    if paper.authors:
        names = ", ".join(safe(a) for a in paper.authors[:12])
        if len(paper.authors) > 12:
            names += f" and {len(paper.authors) - 12} more"
        lines.append(Content(names))
    facts = [str(paper.year) if paper.year else "", safe(paper.venue or "")]
    ids = [f"arXiv:{safe(paper.arxiv_id)}" if paper.arxiv_id else "",
           f"doi:{safe(paper.doi)}" if paper.doi else ""]
    line = "  ·  ".join(x for x in facts + ids if x)
    if line:
        lines.append(Content.styled(line, "$text-muted"))
    if paper.categories:  # plain text, never markup (it came from the network)
        lines.append(Content.styled(" ".join(safe(c) for c in paper.categories[:12]),
                                    "$text-muted"))
    status = Content.assemble(
        (STATUS_LABEL[state.status], STATUS_STYLE[state.status]),
        "  ", (stars(state.rating).strip() or "unrated", "$rating-star"),
    )
    if state.tags:
        status = status.append("  ").append(
            Content.styled(" ".join("#" + safe(t) for t in state.tags), "$tag-foreground"))
    lines.append(status)
    for url in paper_links(entry)[:6]:
        lines.append(Content.styled(safe(url), "underline $text-primary"))
    return Content("\n").join(lines)
