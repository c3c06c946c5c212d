"""The reading screen: the paper's outline, its text at a readable measure, and the
note beside it (below it on a small terminal).

The text is loaded in a worker that posts `DocumentLoaded` or `DocumentFailed`;
the widgets own their state (`PaperText`: lines, cursor, hits; `Outline`) and post
messages; the library is reached only through the `LibraryLink` given to the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, TextArea

from reader.fulltext.citing import describe, matches, references_at
from reader.fulltext.document import Document
from reader.fulltext.flow import Flow, flows
from reader.fulltext.pieces import section_at, section_starts
from reader.fulltext.references import LibraryIndex
from reader.model import Entry, Status
from reader.text import clean_line, sanitize
from reader.tui.render import safe
from reader.tui.screens.reading_link import LibraryLink
from reader.tui.widgets.messages import NoteDone
from reader.tui.widgets.note import NoteEditor
from reader.tui.widgets.outline import Outline
from reader.tui.widgets.paper_text import PaperText

NARROW = 120
"""Below this width the note goes under the text."""
SAVE_DELAY = 1.0
"""Seconds after the last move (or keystroke in the note) before it is saved."""


class DocumentLoaded(Message):
    def __init__(self, doc: Document, flows: list[Flow], index: LibraryIndex) -> None:
        super().__init__()
        self.doc = doc
        self.flows = flows
        self.index = index


class DocumentFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class ReferenceAdded(Message):
    def __init__(self, reference: int, entry: Entry | None, reason: str) -> None:
        super().__init__()
        self.reference = reference
        self.entry = entry
        self.reason = reason


class PdfReady(Message):
    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__()
        self.path = path
        self.reason = reason


class ReadingScreen(Screen[None]):
    """Read one paper; escape goes back to the library."""

    AUTO_FOCUS = "#paper-text"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="reading.close"),
        Binding("slash", "search", "Search", id="reading.search"),
        Binding("n", "next_hit(1)", "Next hit", id="reading.next_hit"),
        Binding("N", "next_hit(-1)", "Previous hit", show=False, id="reading.previous_hit"),
        Binding("right_square_bracket", "section(1)", "Next section", id="reading.next_section"),
        Binding("left_square_bracket", "section(-1)", "Previous section", show=False,
                id="reading.previous_section"),
        Binding("e", "edit_note", "Note", id="reading.note"),
        Binding("a", "add_reference", "Add cited", id="reading.add_reference"),
        Binding("enter", "follow", "To reference", show=False, id="reading.follow"),
        Binding("backspace", "back", "Back to the text", show=False, id="reading.back"),
        Binding("m", "mark_reading", "Mark reading", show=False, id="reading.mark"),
        Binding("O", "open_pdf", "PDF", id="reading.pdf"),
        Binding("o", "open_abstract", "Abstract page", show=False, id="reading.abstract"),
        Binding("t", "toggle_outline", "Outline", show=False, id="reading.outline"),
    ]

    DEFAULT_CSS = """
    ReadingScreen { layout: vertical; }
    #reading-title { height: 1; padding: 0 1; background: $panel; }
    #reading-body { height: 1fr; }
    #outline { width: 30; height: 1fr; }
    #reading-body.-narrow #outline { width: 18; }
    #reading-center { width: 1fr; height: 1fr; }
    #reading-offer { height: 1; padding: 0 1; background: $boost; }
    #paper-text { height: 1fr; }
    #reading-info { height: 1; padding: 0 1; background: $panel; }
    #reading-search { dock: bottom; }
    #note-side { width: 44; height: 1fr; border-left: solid $primary-muted; }
    #reading-body.-narrow #note-side { dock: bottom; width: 100%; height: 7;
                                       border-left: none; border-top: solid $primary-muted; }
    #note-title { height: 1; padding: 0 1; }
    #reading-note { height: 1fr; border: none; padding: 0 1; }
    """

    def __init__(self, entry: Entry, link: LibraryLink) -> None:
        super().__init__()
        self.entry = entry
        self.link = link
        self.doc: Document | None = None
        self.flows: list[Flow] = []
        self.starts: list[tuple[int, int]] = []
        self.matched: dict[int, str] = {}
        self.trail: list[int] = []
        """Flows the reader jumped from (backspace returns)."""
        self._save_timer: Timer | None = None
        self._note_timer: Timer | None = None
        self._saved_note = entry.state.note
        self.editor = NoteEditor(entry.state.note, id="reading-note", soft_wrap=True)
        self.editor.paper_id = entry.paper.id

    @property
    def paper_id(self) -> str:
        return self.entry.paper.id

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Reading ", "$text-muted"),
                                      (safe(self.entry.paper.title), "bold")), id="reading-title")
        with Horizontal(id="reading-body"):
            yield Outline(id="outline")
            with Vertical(id="reading-center"):
                yield Static(id="reading-offer")
                yield PaperText(id="paper-text")
                yield Static(id="reading-info")
                yield Input(placeholder="search in the paper (enter; n/N move)",
                            id="reading-search")
            with Vertical(id="note-side"):
                yield Static(Content.styled("Note · e edits, esc leaves", "bold $text-accent"),
                             id="note-title")
                yield self.editor
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reading-search").display = False
        self._offer()
        self._layout_for(self.app.size.width)
        text = self.query_one(PaperText)
        text.loading = True
        text.focus()
        entries = self.link.entries()  # copied here: the view changes on this thread only
        self.run_worker(lambda: self._load(entries), thread=True, group="fulltext",
                        exit_on_error=False)

    def _load(self, entries: list[Entry]) -> None:
        """In a worker: the text (cache, then network), laid out as flows."""
        from reader.fulltext.errors import FulltextError
        from reader.fulltext.loader import load_document

        try:
            doc = load_document(self.entry.paper, cache=self.link.cache,
                                download=self.link.download)
            self.post_message(DocumentLoaded(doc, flows(doc), LibraryIndex.build(entries)))
        except FulltextError as exc:
            self.post_message(DocumentFailed(clean_line(str(exc))))
        except Exception as exc:  # a parser bug must not take the app down
            self.post_message(DocumentFailed(f"could not read the text ({type(exc).__name__})"))

    @on(DocumentLoaded)
    def _loaded(self, event: DocumentLoaded) -> None:
        self.doc, self.flows = event.doc, event.flows
        self.starts = section_starts(self.flows)
        self.matched = matches(event.doc, event.index)
        text = self.query_one(PaperText)
        text.loading = False
        self.query_one(Outline).show_sections(event.doc.sections)
        text.set_reference_marks({n: True for n in self.matched})
        position = self.link.cache.position(self.paper_id)
        text.show_flows(self.flows, position if position < len(self.flows) else 0)
        for warning in event.doc.warnings:
            self.notify(warning, severity="warning", markup=False, timeout=6)

    @on(DocumentFailed)
    def _failed(self, event: DocumentFailed) -> None:
        text = self.query_one(PaperText)
        text.loading = False
        self.query_one("#reading-info", Static).update(Content.styled(
            f"No text: {event.reason}", "$text-error"))
        self.notify(f"{event.reason} — O opens the PDF elsewhere, o the abstract page.",
                    severity="error", markup=False, timeout=10)

    # layout ------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._layout_for(self.size.width)

    def _layout_for(self, width: int) -> None:
        self.query_one("#reading-body").set_class(width < NARROW, "-narrow")

    def _offer(self) -> None:
        current = self.link.entry(self.paper_id) or self.entry
        status = current.state.status
        offer = self.query_one("#reading-offer", Static)
        offer.display = status not in (Status.READING, Status.READ)
        offer.update(Content.assemble(("Reading this paper? ", "$text-accent"),
                                      ("m", "bold"), (f" marks it reading (now {status.value})",
                                                      "$text-muted")))

    # the cursor --------------------------------------------------------------------
    @on(PaperText.CursorMoved)
    def _moved(self, event: PaperText.CursorMoved) -> None:
        self.query_one(Outline).follow(section_at(self.starts, event.flow))
        self._show_info()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_position)

    def _save_position(self) -> None:
        flow = self.query_one(PaperText).cursor_flow
        cache, pid = self.link.cache, self.paper_id
        self.run_worker(lambda: cache.save_position(pid, flow), thread=True,
                        group="position", exit_on_error=False)

    def _show_info(self) -> None:
        info = self.query_one("#reading-info", Static)
        text = self.query_one(PaperText)
        line = text.cursor_line
        if self.doc is None or line is None:
            return
        refs = references_at(self.doc, self.flows[line.flow], line)
        if refs:
            parts = [describe(self.doc, n, self._cited_entry(n)) for n in refs[:3]]
            more = f" (+{len(refs) - 3} more)" if len(refs) > 3 else ""
            tail = "" if self.flows[line.flow].reference >= 0 else " · enter: go to it"
            info.update(Content(" · ".join(parts) + more + tail))
            return
        section = section_at(self.starts, line.flow)
        heading = self.doc.sections[section].heading if section >= 0 else self.doc.title
        percent = 100 * (text.cursor + 1) // max(1, len(text.lines))
        hits = f" · hit {text.current_hit + 1} of {len(text.hits)}" if text.hits else ""
        info.update(Content.styled(f"{heading} · {percent}%{hits}", "$text-muted"))

    def _cited_entry(self, n: int) -> Entry | None:
        pid = self.matched.get(n)
        return self.link.entry(pid) if pid is not None else None

    # the note ------------------------------------------------------------------------
    @on(TextArea.Changed, "#reading-note")
    def _note_changed(self, event: TextArea.Changed) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(SAVE_DELAY, self.save_note)

    @on(NoteDone)
    def _note_done(self, event: NoteDone) -> None:
        event.stop()
        self.save_note()

    def save_note(self) -> None:
        text = sanitize(self.editor.text)
        if text.strip() != self._saved_note.strip():
            self._saved_note = text
            self.link.save_note(self.paper_id, text)

    def on_unmount(self) -> None:
        self.save_note()

    # keys ------------------------------------------------------------------------------
    def action_close(self) -> None:
        self.save_note()
        if self.doc is not None:
            self._save_position()
        self.dismiss(None)

    def action_search(self) -> None:
        box = self.query_one("#reading-search", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#reading-search")
    def _searched(self, event: Input.Submitted) -> None:
        event.input.display = False
        text = self.query_one(PaperText)
        text.focus()
        query = clean_line(event.value)
        found = text.search(query)
        self._show_info()
        if query:
            self.notify(f"{found} hit{'s' if found != 1 else ''} for {query!r}"
                        if found else f"Not found: {query!r}", markup=False, timeout=2)

    def action_next_hit(self, delta: int) -> None:
        if not self.query_one(PaperText).next_hit(delta):
            self.notify("No search: press / first.", markup=False, timeout=2)

    def action_section(self, delta: int) -> None:
        text = self.query_one(PaperText)
        if not self.starts:
            return
        here = text.cursor_flow
        firsts = [flow for _, flow in self.starts]
        if delta > 0:
            target = next((f for f in firsts if f > here), None)
        else:
            current = max((f for f in firsts if f <= here), default=None)
            earlier = [f for f in firsts if f < here and f != current]
            target = current if current is not None and current < here and \
                text.cursor != text.map.line_of(current) else (earlier[-1] if earlier else None)
        if target is not None:
            text.go_to_flow(target)

    @on(Outline.OptionSelected, "#outline")
    def _outline_chosen(self, event: Outline.OptionSelected) -> None:
        event.stop()
        section = int(event.option_id or 0)
        first = next((flow for s, flow in self.starts if s == section), None)
        text = self.query_one(PaperText)
        if first is not None:
            self.trail.append(text.cursor_flow)
            text.go_to_flow(first)
            text.focus()

    def action_edit_note(self) -> None:
        self.editor.focus()

    def action_toggle_outline(self) -> None:
        outline = self.query_one(Outline)
        outline.display = not outline.display

    def action_follow(self) -> None:
        """Go to the (first) reference cited on the cursor line."""
        text = self.query_one(PaperText)
        line = text.cursor_line
        if self.doc is None or line is None:
            return
        refs = references_at(self.doc, self.flows[line.flow], line)
        target = next((n for n, f in enumerate(self.flows) if refs and f.reference == refs[0]),
                      None)
        if target is None or self.flows[line.flow].reference >= 0:
            return
        self.trail.append(text.cursor_flow)
        text.go_to_flow(target)

    def action_back(self) -> None:
        if self.trail:
            self.query_one(PaperText).go_to_flow(self.trail.pop())

    def action_mark_reading(self) -> None:
        self.link.set_status(self.paper_id, Status.READING)
        self.query_one("#reading-offer").display = False

    def action_add_reference(self) -> None:
        text = self.query_one(PaperText)
        line = text.cursor_line
        if self.doc is None or line is None:
            return
        refs = references_at(self.doc, self.flows[line.flow], line)
        if not refs:
            self.notify("Move to a reference (or a line citing one) to add it.",
                        markup=False, timeout=3)
            return
        if len(refs) > 1:
            self.notify("This line cites several papers: enter goes to the first; "
                        "add it from the reference list.", markup=False, timeout=4)
            return
        n = refs[0]
        cited = self._cited_entry(n)
        if cited is not None:
            self.notify(f"Already in your library ({cited.state.status.value}): "
                        f"{safe(cited.paper.title)[:60]}", markup=False, timeout=3)
            return
        def done(entry: Entry | None, why: str) -> None:  # from a worker thread
            self.post_message(ReferenceAdded(n, entry, why))

        self.notify("Adding the cited paper…", markup=False, timeout=2)
        self.link.add_reference(self.doc.references[n], self.entry.paper, done)

    @on(ReferenceAdded)
    def _reference_added(self, event: ReferenceAdded) -> None:
        if event.entry is None:
            self.notify(f"Not added: {event.reason}", severity="error", markup=False)
            return
        self.matched[event.reference] = event.entry.paper.id
        text = self.query_one(PaperText)
        text.set_reference_marks({n: True for n in self.matched})
        self._show_info()
        self.notify(f"{event.reason.capitalize()}: {safe(event.entry.paper.title)[:60]} "
                    f"({event.entry.state.status.value})", markup=False, timeout=4)

    def action_open_pdf(self) -> None:
        self.notify("Getting the PDF…", markup=False, timeout=2)
        self.run_worker(self._pdf, thread=True, group="pdf", exit_on_error=False)

    def _pdf(self) -> None:
        from reader.fulltext.errors import FulltextError
        from reader.fulltext.loader import fetch_pdf

        try:
            path = fetch_pdf(self.entry.paper, cache=self.link.cache,
                             download=self.link.download)
        except FulltextError as exc:
            self.post_message(PdfReady(None, clean_line(str(exc))))
            return
        opened = self.link.open_file(path)
        self.post_message(PdfReady(path, "" if opened else "no PDF viewer found"))

    @on(PdfReady)
    def _pdf_ready(self, event: PdfReady) -> None:
        if event.reason:
            where = f" (saved as {event.path})" if event.path is not None else ""
            self.notify(f"PDF: {event.reason}{where}", severity="warning", markup=False,
                        timeout=8)
        else:
            self.notify("Opening the PDF in your viewer.", markup=False, timeout=2)

    def action_open_abstract(self) -> None:
        from reader.net import endpoints

        paper = self.entry.paper
        if paper.arxiv_id:
            self.link.open_url(endpoints.arxiv_abs_url(paper.arxiv_id))
        elif paper.doi:
            self.link.open_url(endpoints.doi_url(paper.doi))
        else:
            self.notify("This paper has no arXiv id or DOI.", markup=False, timeout=2)
