"""A document as a list of flows: paragraphs of plain text with style ranges,
independent of the width (wrapping them into lines is `layout.py`'s work).

Search runs over flows (a phrase broken across two lines is still found), and
each flow knows its section, the reference it shows and the citations it holds,
which is what the reading screen's outline, `a` and jumps need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reader.fulltext.document import (
    Block,
    Cite,
    Code,
    Document,
    Equation,
    Figure,
    ListBlock,
    Math,
    NoteRef,
    Paragraph,
    Span,
    Table,
    Text,
    Theorem,
)

Kind = Literal["title", "meta", "warning", "heading", "text", "equation", "caption", "table",
               "code", "reference", "footnote", "blank"]
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(slots=True)
class Flow:
    text: str
    kind: Kind = "text"
    section: int = -1
    """Index in `Document.sections` (-1: title, authors, abstract)."""
    indent: int = 0
    prefix: str = ""
    """Printed before the first line (a list marker, a reference label); the lines
    after it are indented to match."""
    styles: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, style) over `text`: em, strong, code, math, cite, note, heading..."""
    cites: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    """(start, end, reference keys) of each citation."""
    reference: int = -1
    """Index in `Document.references` for an entry of the reference list."""
    table: Table | None = None
    """A table is laid out at the width it is given (see layout.py)."""


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.flows: list[Flow] = []
        self.section = -1
        self.notes_seen: list[str] = []

    def add(self, flow: Flow) -> None:
        flow.section = self.section
        self.flows.append(flow)

    def blank(self) -> None:
        if self.flows and self.flows[-1].kind != "blank":
            self.add(Flow("", "blank"))

    def spans(self, items: list[Span], kind: Kind = "text", *, indent: int = 0,
              prefix: str = "", lead: tuple[str, str] | None = None) -> None:
        parts: list[str] = []
        styles: list[tuple[int, int, str]] = []
        cites: list[tuple[int, int, tuple[str, ...]]] = []
        pos = 0

        def put(text: str, style: str = "") -> int:
            nonlocal pos
            start = pos
            parts.append(text)
            pos += len(text)
            if style and text:
                styles.append((start, pos, style))
            return start

        if lead is not None:
            put(lead[0], lead[1])
        for span in items:
            if isinstance(span, Text):
                put(span.text, span.style)
            elif isinstance(span, Math):
                put(span.shown, "math")
            elif isinstance(span, Cite):
                start = put(span.label, "cite")
                cites.append((start, pos, tuple(span.keys)))
            elif isinstance(span, NoteRef):
                self.notes_seen.append(span.number)
                mark = span.number.translate(_SUPERSCRIPT)
                put(mark if mark != span.number else f"[{span.number}]", "note")
        self.add(Flow("".join(parts), kind, indent=indent, prefix=prefix, styles=styles,
                      cites=cites))

    def blocks(self, blocks: list[Block], indent: int = 0) -> None:
        for block in blocks:
            self.block(block, indent)

    def block(self, block: Block, indent: int) -> None:
        if isinstance(block, Paragraph):
            self.spans(block.spans, indent=indent)
            self.blank()
        elif isinstance(block, ListBlock):
            for marker, items in block.items:
                first, *rest = items or [Paragraph([])]
                if isinstance(first, Paragraph):
                    self.spans(first.spans, indent=indent, prefix=f"{marker} ")
                else:
                    self.add(Flow("", indent=indent, prefix=f"{marker} "))
                    rest = [first, *rest]
                self.blocks(rest, indent + len(marker) + 1)
            self.blank()
        elif isinstance(block, Equation):
            lines = [block.unicode] if block.unicode else [f"$${row}$$" for row in block.rows]
            for n, line in enumerate(lines):
                number = f"   {block.number}" if block.number and n == len(lines) - 1 else ""
                self.add(Flow(line + number, "equation", indent=indent + 4,
                              styles=[(0, len(line), "math")]))
            self.blank()
        elif isinstance(block, Figure):
            lead = (f"{block.label}: " if block.label else "Figure: ", "strong")
            self.spans(block.caption, "caption", indent=indent, lead=lead)
            self.blank()
        elif isinstance(block, Table):
            if block.label or block.caption:
                lead = (f"{block.label}: " if block.label else "", "strong")
                self.spans(block.caption, "caption", indent=indent, lead=lead)
            self.add(Flow("\n".join(" ".join(r) for r in block.rows), "table", indent=indent,
                          table=block))
            self.blank()
        elif isinstance(block, Theorem):
            first, *rest = block.blocks or [Paragraph([])]
            lead = (block.label + " ", "strong")
            if isinstance(first, Paragraph):
                self.spans(first.spans, lead=lead, indent=indent)
            else:
                self.add(Flow(lead[0], indent=indent, styles=[(0, len(lead[0]), "strong")]))
                rest = [first, *rest]
            self.blank()
            self.blocks(rest, indent)
        elif isinstance(block, Code):
            for line in block.text.splitlines() or [""]:
                self.add(Flow(line, "code", indent=indent + 2, styles=[(0, len(line), "code")]))
            self.blank()

    def footnotes(self) -> None:
        by_number = {f.number: f for f in self.doc.footnotes}
        for number in self.notes_seen:
            note = by_number.pop(number, None)
            if note is not None:
                mark = number.translate(_SUPERSCRIPT)
                self.spans(note.spans, "footnote", indent=2, prefix=f"{mark} ")
        if self.notes_seen:
            self.blank()
        self.notes_seen = []


def flows(doc: Document) -> list[Flow]:
    """The document in reading order: title, authors, warnings, abstract, then each
    section (its footnotes after it), the reference list last in its section."""
    b = _Builder(doc)
    b.add(Flow(doc.title, "title", styles=[(0, len(doc.title), "title")]))
    if doc.authors:
        names = ", ".join(doc.authors)
        b.add(Flow(names, "meta", styles=[(0, len(names), "muted")]))
    for warning in doc.warnings:
        b.blank()
        b.add(Flow(warning, "warning", styles=[(0, len(warning), "warning")]))
    b.blank()
    if doc.abstract:
        b.add(Flow("Abstract", "heading", styles=[(0, 8, "heading")]))
        b.blank()
        b.blocks(doc.abstract, 2)
        b.footnotes()
    for index, section in enumerate(doc.sections):
        b.section = index
        heading = section.heading
        b.add(Flow(heading, "heading", styles=[(0, len(heading), f"heading{section.level}")]))
        b.blank()
        if section.kind == "references":
            for n, ref in enumerate(doc.references):
                flow = Flow(ref.text, "reference", indent=2, prefix=f"{ref.label} ",
                            reference=n)
                b.add(flow)
                b.blank()
            continue
        b.blocks(section.blocks)
        b.footnotes()
    return b.flows
