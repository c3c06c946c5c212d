"""The reading screen: the paper's outline, its text at a readable measure, and the
note beside it (below it on a small terminal).

The text is loaded in a worker that posts `msg.DocumentLoaded` or `msg.DocumentFailed`;
the widgets own their state (`PaperText`: lines, cursor, hits; `Outline`) and post
messages; the library is reached only through the `LibraryLink` given to the screen.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.fulltext.citing import describe, info_line, matches, references_at, refusal
from reader.fulltext.document import Document
from reader.fulltext.flow import Flow
from reader.fulltext.pieces import section_at, section_starts, section_target
from reader.model import Entry, Status
from reader.tui.dismissal import dismiss_once
from reader.tui.render import safe
from reader.tui.screens import reading_messages as msg
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.reading_link import LibraryLink, load_text, open_pdf, reading_commands
from reader.tui.widgets.find_bar import FindBar
from reader.tui.widgets.note_pane import NotePane
from reader.tui.widgets.outline import Outline
from reader.tui.widgets.paper_text import PaperText
from reader.tui.widgets.reading_offer import ReadingOffer

NARROW = 120  # below this width the note goes under the text


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
        Binding("t", "app.toggle_class('#outline', '-hidden')", "Outline", show=False,
                id="reading.outline"),
        Binding("question_mark", "help", "Help", show=False, id="reading.help"),
    ]

    CSS_PATH = "reading.tcss"
    palette_commands = reading_commands

    def __init__(self, entry: Entry, link: LibraryLink) -> None:
        super().__init__()
        self.entry = entry
        self.link = link
        self.doc: Document | None = None
        self.flows: list[Flow] = []
        self.starts: list[tuple[int, int]] = []
        self.matched: dict[int, str] = {}
        self.paper_id = entry.paper.id
        self.trail: list[int] = []  # flows the reader jumped from (backspace returns)
        self.note = NotePane(entry.paper.id, entry.state.note, id="note-side")

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Reading ", "$text-muted"),
                                      (safe(self.entry.paper.title), "bold")), id="reading-title")
        with Horizontal(id="reading-body"):
            yield Outline(id="outline")
            with Vertical(id="reading-center"):
                yield ReadingOffer(id="reading-offer")
                yield PaperText(id="paper-text")
                yield Static(id="reading-info")
                yield FindBar(placeholder="search in the paper (enter; n/N move)",
                                id="reading-search")
            yield self.note
        yield Footer()

    def on_mount(self) -> None:
        current = self.link.entry(self.paper_id) or self.entry
        self.query_one(ReadingOffer).show_for(current.state.status)
        self.on_resize()
        self.query_one(PaperText).wait()
        entries = self.link.entries()  # copied here: the view changes on this thread only
        self.run_worker(lambda: self.post_message(load_text(self.link, self.entry.paper, entries)),
                        thread=True, group="fulltext", exit_on_error=False)

    @on(msg.DocumentLoaded)
    def _loaded(self, event: msg.DocumentLoaded) -> None:
        self.doc, self.flows = event.doc, event.flows
        self.starts = section_starts(self.flows)
        self.matched = matches(event.doc, event.index)
        text = self.query_one(PaperText)
        self.query_one(Outline).show_sections(event.doc.sections)
        text.set_reference_marks({n: True for n in self.matched})
        position = self.link.cache.position(self.paper_id)
        text.show_flows(self.flows, position if position < len(self.flows) else 0)
        for warning in event.doc.warnings:
            self.notify(warning, severity="warning", markup=False, timeout=6)

    @on(msg.DocumentFailed)
    def _failed(self, event: msg.DocumentFailed) -> None:
        self.query_one(PaperText).stop_waiting()
        self.query_one(Outline).show_sections([])
        self.query_one("#reading-info", Static).update(Content.styled(event.reason, "$error"))
        self.notify(f"{event.reason} — O opens the PDF elsewhere, o the abstract page.",
                    severity="error", markup=False, timeout=10)

    def on_resize(self) -> None:
        self.query_one("#reading-body").set_class(self.app.size.width < NARROW, "-narrow")

    # the cursor --------------------------------------------------------------------
    @on(PaperText.CursorMoved)
    def _moved(self, event: PaperText.CursorMoved) -> None:
        self.query_one(Outline).follow(section_at(self.starts, event.flow))
        self._show_info()

    @on(PaperText.Settled)
    def _save_position(self) -> None:
        self.run_worker(partial(self.link.cache.save_position, self.paper_id,
                                self.query_one(PaperText).cursor_flow),
                        thread=True, group="position", exit_on_error=False)

    def _show_info(self) -> None:
        text = self.query_one(PaperText)
        line = text.cursor_line
        if self.doc is None or line is None:
            return
        refs = references_at(self.doc, self.flows[line.flow], line)
        section = section_at(self.starts, line.flow)
        heading = self.doc.sections[section].heading if section >= 0 else self.doc.title
        percent = 100 * (text.cursor + 1) // max(1, len(text.lines))
        hits = f" · hit {text.current_hit + 1} of {len(text.hits)}" if text.hits else ""
        shown = info_line(self.doc, self.flows, line, refs,
                          [self._cited_entry(n) for n in refs[:3]],
                          f"{heading} · {percent}%{hits}")
        self.query_one("#reading-info", Static).update(
            Content(shown) if refs else Content.styled(shown, "$text-muted"))

    def _cited_entry(self, n: int) -> Entry | None:
        pid = self.matched.get(n)
        return self.link.entry(pid) if pid is not None else None

    # the note ------------------------------------------------------------------------
    @on(NotePane.NoteEdited)
    def _note_edited(self, event: NotePane.NoteEdited) -> None:
        self.link.save_note(event.paper_id, event.text, event.base, self._note_stored)

    def _note_stored(self, note: str) -> None:
        """From the write worker: what the library now holds (maybe merged)."""
        self.note.post_message(NotePane.NoteStored(note))

    # keys ------------------------------------------------------------------------------
    def action_close(self) -> None:
        if (taken := self.note.take()) is not None:
            self.link.save_note(self.paper_id, *taken, None)
        if self.doc is not None:
            self._save_position()
        dismiss_once(self, None)

    def action_search(self) -> None:
        self.query_one(FindBar).open()

    @on(FindBar.Searched)
    def _searched(self, event: FindBar.Searched) -> None:
        text = self.query_one(PaperText)
        text.focus()
        found = text.search(event.query)
        self._show_info()
        if event.query:
            self.notify(f"{found} hit{'s' if found != 1 else ''} for {event.query!r}"
                        if found else f"Not found: {event.query!r}", markup=False, timeout=2)

    def action_next_hit(self, delta: int) -> None:
        if not self.query_one(PaperText).next_hit(delta):
            self.notify("No search: press / first.", markup=False, timeout=2)

    def action_section(self, delta: int) -> None:
        text = self.query_one(PaperText)
        here = text.cursor_flow
        first = text.map.first.get(here)
        at_start = first == text.cursor and here in {f for _, f in self.starts}
        target = section_target(self.starts, here, at_start, delta)
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
        self.note.editor.focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def _refs_here(self) -> list[int]:
        """The references the cursor line shows or cites."""
        line = self.query_one(PaperText).cursor_line
        if self.doc is None or line is None:
            return []
        return references_at(self.doc, self.flows[line.flow], line)

    def action_follow(self) -> None:
        """Go to the (first) reference cited on the cursor line."""
        text, refs = self.query_one(PaperText), self._refs_here()
        target = next((n for n, f in enumerate(self.flows) if refs and f.reference == refs[0]),
                      None)
        if target is not None and self.flows[text.cursor_flow].reference < 0:
            self.trail.append(text.cursor_flow)
            text.go_to_flow(target)

    def action_back(self) -> None:
        if self.trail:
            self.query_one(PaperText).go_to_flow(self.trail.pop())

    def action_mark_reading(self) -> None:
        self.link.set_status(self.paper_id, Status.READING)
        self.query_one("#reading-offer").display = False

    def action_add_reference(self) -> None:
        refs = self._refs_here()
        if len(refs) > 1 and self.doc is not None:  # a line citing several: which one?
            from reader.tui.dialogs.cited import CitedChooser

            rows = [(n, describe(self.doc, n, self._cited_entry(n))) for n in refs]
            self.app.push_screen(CitedChooser(rows), lambda n: None if n is None else
                                 self._add(n))
        else:
            self._add(refs[0] if refs else -1)

    def _add(self, n: int) -> None:
        why_not = refusal([n] if n >= 0 else [], self._cited_entry(n) if n >= 0 else None)
        if why_not or self.doc is None:
            self.notify(why_not, markup=False, timeout=4)
            return

        def done(entry: Entry | None, why: str) -> None:  # from a worker thread
            self.post_message(msg.ReferenceAdded(n, entry, why))

        self.notify("Adding the cited paper…", markup=False, timeout=2)
        self.link.add_reference(self.doc.references[n], self.entry.paper, done)

    @on(msg.ReferenceAdded)
    def _reference_added(self, event: msg.ReferenceAdded) -> None:
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
        self.run_worker(lambda: self.post_message(open_pdf(self.link, self.entry.paper)),
                        thread=True, group="pdf", exit_on_error=False)

    @on(msg.PdfFetched)
    def _pdf_ready(self, event: msg.PdfFetched) -> None:
        if event.reason:
            where = f" (saved as {event.path})" if event.path is not None else ""
            self.notify(f"PDF: {event.reason}{where}", severity="warning", markup=False,
                        timeout=8)
        else:
            self.notify("Opening the PDF in your viewer.", markup=False, timeout=2)

    def action_open_abstract(self) -> None:
        from reader.fulltext.loader import abstract_url

        url = abstract_url(self.entry.paper)
        if url:
            self.link.open_url(url)
        else:
            self.notify("This paper has no arXiv id or DOI.", markup=False, timeout=2)
