"""LaTeXML inline content -> spans: text with emphasis, formulas, citations, footnotes."""

from __future__ import annotations

import re

from reader.fulltext.document import Cite, Footnote, Math, NoteRef, Span, Style, Text
from reader.fulltext.htmltree import Node
from reader.fulltext.mathtext import math_to_unicode
from reader.text import sanitize

_SPACES = re.compile(r"\s+")
_EM = frozenset({"em", "i", "cite_title"})
_STRONG = frozenset({"b", "strong"})
_CODE = frozenset({"code", "tt", "kbd", "samp"})
# Footnote machinery and page furniture that is never part of the sentence.
_DROP = frozenset({"ltx_note_mark", "ltx_tag_note", "ltx_ERROR", "ltx_rule"})


class Notes:
    """The footnotes met while reading the page, in order."""

    def __init__(self) -> None:
        self.footnotes: list[Footnote] = []


_LINE_BREAK = re.compile(r"(?<!\\)%[ \t]*\n")  # LaTeXML wraps a long alttext with `%` + newline


def math_span(node: Node) -> Math:
    latex = " ".join(_LINE_BREAK.sub("", sanitize(node.attrs.get("alttext", ""))).split())
    return Math(latex, math_to_unicode(latex))


def _style(node: Node, current: Style) -> Style:
    classes = node.classes
    if node.tag in _CODE or "ltx_font_typewriter" in classes:
        return "code"
    if node.tag in _STRONG or "ltx_font_bold" in classes:
        return "strong"
    if node.tag in _EM or "ltx_font_italic" in classes or "ltx_emph" in classes:
        return "em"
    return current


def plain(node: Node) -> str:
    """The node's text on one line: formulas as read, citations as printed."""
    return " ".join(_flat(node).split())


def _flat(node: Node) -> str:
    parts: list[str] = []
    for span in spans(node, None):
        if isinstance(span, Text):
            parts.append(span.text)
        elif isinstance(span, Math):
            parts.append(span.shown)
        elif isinstance(span, Cite):
            parts.append(span.label)
    return sanitize("".join(parts))


def spans(node: Node, notes: Notes | None, style: Style = "") -> list[Span]:
    """The inline content of `node`, whitespace collapsed, neighbours merged."""
    out: list[Span] = []
    _walk(node, notes, style, out)
    return tidy(out)


def _walk(node: Node, notes: Notes | None, style: Style, out: list[Span]) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(Text(child, style))
            continue
        classes = child.classes
        if classes & _DROP:
            continue
        if child.tag == "math":
            out.append(math_span(child))
        elif child.tag == "cite" or "ltx_cite" in classes:
            keys = [a.attrs["href"][1:] for a in child.iter()
                    if a.tag == "a" and a.attrs.get("href", "").startswith("#")]
            out.append(Cite(plain_label(child), keys))
        elif "ltx_note" in classes:
            _note(child, notes, out)
        elif child.tag == "br":
            out.append(Text(" ", style))
        elif child.tag == "img":
            continue
        else:
            _walk(child, notes, _style(child, style), out)


def plain_label(node: Node) -> str:
    return " ".join(sanitize(node.text()).split())


def _note(node: Node, notes: Notes | None, out: list[Span]) -> None:
    if notes is None or not ({"ltx_role_footnote", "ltx_role_endnote"} & node.classes):
        return  # \thanks and margin notes: not part of the reading
    mark = node.find("ltx_note_mark")
    number = plain_label(mark) if mark is not None else str(len(notes.footnotes) + 1)
    content = node.find("ltx_note_content") or node
    notes.footnotes.append(Footnote(number, spans(content, None)))
    out.append(NoteRef(number))


def tidy(items: list[Span]) -> list[Span]:
    """Collapse whitespace, merge neighbouring text of one style, trim the ends."""
    out: list[Span] = []
    for span in items:
        if isinstance(span, Text):
            text = _SPACES.sub(" ", sanitize(span.text))
            if not text:
                continue
            last = out[-1] if out else None
            if text.startswith(" ") and isinstance(last, Text) and last.text.endswith(" "):
                text = text[1:]
                if not text:
                    continue
            if isinstance(last, Text) and last.style == span.style:
                last.text += text
                continue
            out.append(Text(text, span.style))
        else:
            out.append(span)
    while out and isinstance(out[0], Text) and not out[0].text.strip():
        out.pop(0)
    while out and isinstance(out[-1], Text) and not out[-1].text.strip():
        out.pop()
    if out and isinstance(out[0], Text):
        out[0].text = out[0].text.lstrip()
    if out and isinstance(out[-1], Text):
        out[-1].text = out[-1].text.rstrip()
    return out
