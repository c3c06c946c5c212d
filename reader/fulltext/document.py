"""The document model of a paper's full text: plain dataclasses, no I/O.

A `Document` is what the HTML (LaTeXML) or PDF readers make and what the
Markdown, text and screen renderers read. Sections are a flat list in reading
order (each knows its `level`), which is what an outline, `[`/`]` and a jump
need; the blocks of a section are those before its first subsection.

Inline text is a list of spans: plain `Text` (with an emphasis style), `Math`
(the LaTeX from the page and a Unicode reading when one is safe), `Cite` (the
label shown and the keys of the references it points to) and `NoteRef` (a
footnote mark). All text is already sanitized (no control or escape sequences).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Style = Literal["", "em", "strong", "code"]


@dataclass(slots=True)
class Text:
    text: str
    style: Style = ""


@dataclass(slots=True)
class Math:
    latex: str
    unicode: str = ""
    """A readable Unicode form, or "" when the LaTeX is clearer (then shown as $...$)."""

    @property
    def shown(self) -> str:
        return self.unicode or f"${self.latex}$"


@dataclass(slots=True)
class Cite:
    label: str
    """As printed in the paper: `[12, 7]`, `(Ba et al., 2016)`."""
    keys: list[str] = field(default_factory=list)
    """Keys of the cited references (`bib.bib12`), in order."""


@dataclass(slots=True)
class NoteRef:
    number: str


Span = Text | Math | Cite | NoteRef


def spans_text(spans: list[Span]) -> str:
    """The spans as one plain line (math as shown, citations as labelled)."""
    parts: list[str] = []
    for span in spans:
        if isinstance(span, Text):
            parts.append(span.text)
        elif isinstance(span, Math):
            parts.append(span.shown)
        elif isinstance(span, Cite):
            parts.append(span.label)
        else:
            parts.append(f"[^{span.number}]")
    return "".join(parts)


# --- blocks -------------------------------------------------------------------------

@dataclass(slots=True)
class Paragraph:
    spans: list[Span]


@dataclass(slots=True)
class ListBlock:
    ordered: bool
    items: list[tuple[str, list[Block]]]
    """(marker as printed, e.g. `•`, `1.`, `(a)`; the item's blocks)."""


@dataclass(slots=True)
class Equation:
    rows: list[str]
    """The LaTeX of each row (one row for a plain equation)."""
    number: str = ""
    """`(1)`, or "" when unnumbered (several rows: the numbers joined)."""
    unicode: str = ""
    """A readable one-line form when every row converts, else ""."""


@dataclass(slots=True)
class Figure:
    label: str
    """`Figure 1`, or "" for an unnumbered figure."""
    caption: list[Span]


@dataclass(slots=True)
class Table:
    label: str
    caption: list[Span]
    rows: list[list[str]]
    """Cell text, row by row (math in its readable form)."""
    header_rows: int = 0


@dataclass(slots=True)
class Theorem:
    label: str
    """`Theorem 1.`, `Proof.`, `Definition 2 (Bottleneck).`"""
    blocks: list[Block]


@dataclass(slots=True)
class Code:
    text: str


Block = Paragraph | ListBlock | Equation | Figure | Table | Theorem | Code


# --- structure ------------------------------------------------------------------------

SectionKind = Literal["section", "appendix", "references", "acknowledgements", "pages"]


@dataclass(slots=True)
class Section:
    number: str
    """`3.1`, `A`, or "" (References, an unnumbered section)."""
    title: str
    level: int
    """1 section, 2 subsection, 3 subsubsection, 4 paragraph."""
    anchor: str = ""
    """The page's id (`S3.SS1`), used by links inside the paper."""
    kind: SectionKind = "section"
    blocks: list[Block] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title


@dataclass(slots=True)
class Footnote:
    number: str
    spans: list[Span]


@dataclass(slots=True)
class Reference:
    key: str
    """The page's id of the entry (`bib.bib12`): what citations point at."""
    label: str
    """As printed: `[12]` or `Ba et al. (2016)`."""
    text: str
    arxiv_id: str | None = None
    doi: str | None = None
    urls: list[str] = field(default_factory=list)
    title: str = ""
    """The best guess at the cited paper's title (for adding it by title)."""


Source = Literal["html", "pdf"]


@dataclass(slots=True)
class Document:
    title: str
    authors: list[str] = field(default_factory=list)
    abstract: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    source: Source = "html"
    warnings: list[str] = field(default_factory=list)
    """Shown above the text: a truncated conversion, PDF text order, unsupported parts."""

    def reference(self, key: str) -> Reference | None:
        for ref in self.references:
            if ref.key == key:
                return ref
        return None
