"""A PDF's text (pypdf) as a document of pages, for papers without arXiv HTML.

Text taken from a PDF may come out of order (two columns, figures, footnotes)
and loses its formulas: the document says so in its warnings. A PDF is parsed
only for text; nothing in it is run or fetched.
"""

from __future__ import annotations

import io
import re

from reader.fulltext.document import Block, Document, Paragraph, Section, Text
from reader.fulltext.errors import FulltextError
from reader.text import sanitize

PDF_WARNING = ("Text taken from the PDF: its order may be wrong (columns, figures, "
               "footnotes) and formulas are lost. O opens the PDF itself.")
MAX_PAGES = 400
_HYPHEN = re.compile(r"(\w)-\n(\w)")
_ENDS_SENTENCE = (".", ":", "?", "!", "”", '"')


def read_pdf(data: bytes, title: str) -> Document:
    """The text of every page; FulltextError when the PDF cannot be read."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise FulltextError("the PDF is not a PDF (the server sent something else)")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise FulltextError("the PDF is encrypted: open it with O instead")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
    except FulltextError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise FulltextError(f"the PDF could not be read ({type(exc).__name__}): "
                            "open it with O instead") from None
    sections = []
    for number, text in enumerate(pages, 1):
        blocks: list[Block] = [Paragraph([Text(p)]) for p in paragraphs(sanitize(text))]
        sections.append(Section(str(number), f"Page {number}", 1, f"page{number}", "pages",
                                blocks))
    if not any(s.blocks for s in sections):
        raise FulltextError("the PDF has no text layer (a scan?): open it with O instead")
    return Document(title=title, sections=sections, source="pdf", warnings=[PDF_WARNING])


def paragraphs(text: str) -> list[str]:
    """Lines joined into paragraphs: a blank line, or a short line that ends a
    sentence, ends one; a word hyphenated at a line end is joined."""
    text = _HYPHEN.sub(r"\1\2", text)
    lines = [line.strip() for line in text.splitlines()]
    longest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if line.endswith(_ENDS_SENTENCE) and len(line) < 0.7 * longest:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return [" ".join(p.split()) for p in out if p.strip()]
