"""LaTeXML's equations, tables (element or span tabulars) and listings -> blocks."""

from __future__ import annotations

from reader.fulltext.document import Block, Code, Equation, Span, Table
from reader.fulltext.htmltree import Node
from reader.fulltext.inline import math_span, plain, plain_label, tidy
from reader.text import sanitize


def equation(node: Node) -> Equation:
    rows: list[str] = []
    numbers: list[str] = []
    for row in node.iter():
        if row.tag != "tr":
            continue
        maths = [math_span(m) for m in row.iter() if m.tag == "math"]
        if maths:
            rows.append(" ".join(m.latex for m in maths))
        tag = row.find("ltx_tag_equation") or row.find("ltx_tag") or row.find("ltx_eqn_eqno")
        if tag is not None:
            numbers.append(plain_label(tag))
    if not rows:  # an equation without rows: its formulas in order
        rows = [" ".join(math_span(m).latex for m in node.iter() if m.tag == "math")]
    readable = [math_span(Node("math", {"alttext": r})).unicode for r in rows]
    unicode = "  ".join(readable) if all(readable) else ""
    return Equation(rows, " ".join(n for n in numbers if n), unicode)


def code(node: Node) -> list[Block]:
    """A listing line by line (LaTeXML puts each in an ltx_listingline), or its text."""
    lines = [plain(n) for n in node.iter() if n.has("ltx_listingline")]
    text = "\n".join(lines) if lines else sanitize(node.text()).strip("\n")
    return [Code(text)] if text.strip() else []


def table(node: Node, label: str, caption: list[Span]) -> Table:
    rows: list[list[str]] = []
    header = 0
    for row in node.iter():  # an inline tabular is made of spans: ltx_tr, ltx_td
        if row.tag != "tr" and "ltx_tr" not in row.classes:
            continue
        cells = [c for c in row.elements() if c.tag in ("td", "th") or "ltx_td" in c.classes]
        if not cells:
            continue
        texts = [plain(c) for c in cells]
        if all(c.tag == "th" or "ltx_th" in c.classes for c in cells) and header == len(rows):
            header += 1
        rows.append(texts)
    return Table(label, tidy(caption), rows, header)
