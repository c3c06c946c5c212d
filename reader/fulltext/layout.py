"""Flows wrapped into lines at a width: what `reader read --format text` prints and
what the reading screen draws, line by line (only the lines on screen are styled).

A line is a slice of its flow's text (`start`..`end`), so search hits, styles and
citations found on the flow map onto lines by offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

from reader.fulltext.flow import Flow
from reader.fulltext.tables import table_lines

_WORD = re.compile(r"\S+\s*")


@dataclass(slots=True)
class Line:
    flow: int
    """Index of the flow the line shows."""
    start: int
    end: int
    lead: str
    """Indent and, on a flow's first line, its prefix (list marker, reference label)."""
    text: str = ""
    """Set only for lines that are not a slice of the flow (tables)."""


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: (start, end) slices, trailing spaces left out; a word wider
    than the line is cut."""
    width = max(width, 8)
    if _width(text) <= width:
        return [(0, len(text.rstrip()))]
    out: list[tuple[int, int]] = []
    start = 0
    used = 0
    end = 0
    for match in _WORD.finditer(text):
        word_start = match.start()
        word = match.group().rstrip()
        size = _width(word)
        if used and used + size > width:
            out.append((start, end))
            start, used = word_start, 0
        while size > width:  # a long URL or formula: cut it
            cut = word_start + _fit(text[word_start:word_start + len(word)], width)
            out.append((word_start, cut))
            word = text[cut:word_start + len(word)]
            word_start = start = cut
            size = _width(word)
        used += size + (len(match.group()) - len(match.group().rstrip()))
        end = word_start + len(word)
        if used > width:
            used = width
    if end > start or not out:
        out.append((start, end))
    return out


def _fit(text: str, width: int) -> int:
    """How many characters of `text` fill `width` cells (at least one)."""
    used = 0
    for n, char in enumerate(text):
        used += _width(char)
        if used > width:
            return max(n, 1)
    return len(text)


def layout(flows: list[Flow], width: int) -> list[Line]:
    """Every flow wrapped at `width` columns."""
    lines: list[Line] = []
    for index, flow in enumerate(flows):
        if flow.kind == "blank":
            lines.append(Line(index, 0, 0, ""))
            continue
        pad = " " * flow.indent
        if flow.table is not None:
            for row in table_lines(flow.table, width - flow.indent):
                lines.append(Line(index, 0, 0, pad, row))
            continue
        hang = " " * _width(flow.prefix)
        room = width - flow.indent - len(hang)
        if flow.kind in ("equation", "code") and _width(flow.text) <= width - flow.indent:
            slices = [(0, len(flow.text))]
        else:
            slices = wrap(flow.text, room)
        for n, (start, end) in enumerate(slices):
            lines.append(Line(index, start, end, pad + (flow.prefix if n == 0 else hang)))
    return lines


def line_text(flows: list[Flow], line: Line) -> str:
    if line.text or line.end == line.start:
        return line.lead + line.text
    return line.lead + flows[line.flow].text[line.start:line.end]


def as_text(flows: list[Flow], width: int) -> str:
    """The document as plain text wrapped at `width`."""
    return "\n".join(line_text(flows, line).rstrip() for line in layout(flows, width)) + "\n"
