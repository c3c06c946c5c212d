"""What the reading screen needs from laid-out lines, without Textual: search hits
over the flows, the line that shows a place of a flow, and a line cut into
pieces that each carry their style names (drawing them is the widget's work)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from reader.fulltext.flow import Flow
from reader.fulltext.layout import Line

MAX_HITS = 5000


@dataclass(frozen=True, slots=True)
class Hit:
    flow: int
    start: int
    end: int


def find_hits(flows: list[Flow], query: str) -> list[Hit]:
    """Every case-insensitive occurrence of `query` (literal text), in reading order."""
    query = " ".join(query.split())
    if not query:
        return []
    pattern = re.compile(re.escape(query).replace(r"\ ", r"\s+"), re.IGNORECASE)
    hits: list[Hit] = []
    for index, flow in enumerate(flows):
        text = flow.text if flow.table is None else ""
        for match in pattern.finditer(text):
            hits.append(Hit(index, match.start(), match.end()))
            if len(hits) >= MAX_HITS:
                return hits
    return hits


class LineMap:
    """Which line shows which place of which flow."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.first: dict[int, int] = {}
        for number, line in enumerate(lines):
            self.first.setdefault(line.flow, number)

    def line_of(self, flow: int, offset: int = 0) -> int:
        """The line showing `offset` of `flow` (the nearest flow after it if it has none)."""
        if flow not in self.first:
            later = [f for f in self.first if f > flow]
            return self.first[min(later)] if later else max(len(self.lines) - 1, 0)
        number = self.first[flow]
        while (number + 1 < len(self.lines) and self.lines[number + 1].flow == flow
               and self.lines[number + 1].start <= offset
               and self.lines[number + 1].end > self.lines[number + 1].start):
            number += 1
        return number


Piece = tuple[str, list[str]]


def pieces(flow: Flow, line: Line, marks: list[tuple[int, int, str]]) -> list[Piece]:
    """The line's text (after its lead) cut where a style or a mark starts or ends:
    (text, style names) pairs; marks are extra ranges over the flow (search hits)."""
    if line.text or line.end <= line.start:
        return [(line.text, ["table"] if line.text else [])]
    ranges = [(max(a, line.start), min(b, line.end), name)
              for a, b, name in (*flow.styles, *marks) if a < line.end and b > line.start]
    cuts = sorted({line.start, line.end, *(a for a, _, _ in ranges), *(b for _, b, _ in ranges)})
    out: list[Piece] = []
    for a, b in pairwise(cuts):
        names = [name for s, e, name in ranges if s <= a and e >= b]
        out.append((flow.text[a:b], names))
    return out


def section_starts(flows: list[Flow]) -> list[tuple[int, int]]:
    """(section index, first flow) of each section, in order."""
    starts: list[tuple[int, int]] = []
    for index, flow in enumerate(flows):
        if flow.section >= 0 and (not starts or starts[-1][0] != flow.section):
            starts.append((flow.section, index))
    return starts


def section_at(starts: list[tuple[int, int]], flow: int) -> int:
    """The section a flow belongs to (-1 before the first section)."""
    firsts = [f for _, f in starts]
    position = bisect_right(firsts, flow) - 1
    return starts[position][0] if position >= 0 else -1


def section_target(starts: list[tuple[int, int]], here: int, at_start: bool,
                   delta: int) -> int | None:
    """The first flow of the next (delta > 0) or previous section from flow `here`;
    going back from inside a section goes to its start first (`at_start`: the cursor
    is on the section's first line already)."""
    firsts = [flow for _, flow in starts]
    if delta > 0:
        return next((f for f in firsts if f > here), None)
    current = max((f for f in firsts if f <= here), default=None)
    if current is not None and not at_start:
        return current
    earlier = [f for f in firsts if f < (current if current is not None else here)]
    return earlier[-1] if earlier else None
