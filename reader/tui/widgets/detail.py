"""The detail pane: everything about the highlighted paper, and the note editor."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from reader.model import Entry
from reader.search import Query
from reader.tui.render import (
    STATUS_LABEL,
    STATUS_STYLE,
    highlighted,
    naive_spans,
    paper_links,
    safe,
    stars,
)

try:  # added by the search engineer; naive highlighting until then
    from reader.search import highlight_spans as _highlight_spans  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the search module's progress
    _highlight_spans = None


def abstract_spans(text: str, query: Query | None) -> list[tuple[int, int]]:
    if query is None or not text:
        return []
    if _highlight_spans is not None:
        try:
            return [(int(a), int(b)) for a, b in _highlight_spans(text, query)]
        except Exception:  # a highlighter bug must not take the pane down
            pass
    return naive_spans(text, query.highlight_terms)


class NoteEditor(TextArea):
    """The note, edited in place; saved when it loses focus (or on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "done", "Save note", id="note.done")]

    class Done(Message):
        def __init__(self, paper_id: str, text: str) -> None:
            super().__init__()
            self.paper_id = paper_id
            self.text = text

    paper_id: str = ""

    def action_done(self) -> None:
        self.screen.focus_next()  # leaving the editor saves (see _on_blur)

    def _on_blur(self, event: events.Blur) -> None:
        if self.display:
            self.post_message(self.Done(self.paper_id, self.text))


class DetailPane(VerticalScroll, can_focus=True):
    """Title, authors, year, ids, links, abstract, tags, note, related papers."""

    class RelatedChosen(Message):
        def __init__(self, paper_id: str) -> None:
            super().__init__()
            self.paper_id = paper_id

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.up"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        yield Static(id="detail-meta")
        yield Static(id="detail-abstract")
        yield Static(Content.styled("Note", "bold $text-accent"), id="note-heading")
        yield Markdown(id="detail-note", open_links=False)
        yield NoteEditor(id="note-editor", soft_wrap=True)
        yield Static(Content.styled("Related", "bold $text-accent"), id="related-heading")
        yield OptionList(id="related", markup=False)

    def on_mount(self) -> None:
        self.query_one(NoteEditor).display = False
        self.show(None, None)

    def show(self, entry: Entry | None, query: Query | None) -> None:
        """Fill the pane for `entry` (None: an empty placeholder)."""
        title = self.query_one("#detail-title", Static)
        meta = self.query_one("#detail-meta", Static)
        abstract = self.query_one("#detail-abstract", Static)
        note = self.query_one("#detail-note", Markdown)
        self.query_one(NoteEditor).display = False
        if entry is None:
            title.update(Content.styled("No paper selected", "$text-muted"))
            meta.update("")
            abstract.update("")
            note.display = False
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
        note.display = has_note
        self.query_one("#note-heading").display = has_note
        if has_note:
            note.update(safe(state.note, multiline=True))
        self.scroll_home(animate=False)

    def set_related(self, rows: list[tuple[str, str, float]]) -> None:
        """Rows of (paper id, title, score)."""
        related = self.query_one("#related", OptionList)
        self.query_one("#related-heading").display = bool(rows)
        related.display = bool(rows)
        related.set_options(
            Option(Content.assemble((f"{score:4.2f} ", "$text-muted"), Content(safe(t))), id=pid)
            for pid, t, score in rows
        )

    def edit_note(self, entry: Entry) -> None:
        editor = self.query_one(NoteEditor)
        editor.paper_id = entry.paper.id
        editor.load_text(entry.state.note)
        editor.display = True
        self.query_one("#detail-note").display = False
        editor.focus()

    @on(NoteEditor.Done)
    def _note_done(self, event: NoteEditor.Done) -> None:
        self.query_one(NoteEditor).display = False

    @on(OptionList.OptionSelected, "#related")
    def _related(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(self.RelatedChosen(event.option_id))

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        href = event.href
        if href.lower().startswith("https://"):
            self.app.open_url(href)
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
