"""Rows of the Line API lists, drawn without the Content/Visual machinery.

A row of the paper list is plain text with a few non-overlapping styled spans
(status glyph, stars, year, tags): it becomes a handful of Segments over the
row's style, each span's style parsed once per theme (`styles`, kept by the
widget and cleared on a restyle).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip
from textual.style import Style

from reader.model import Entry


def columns_needed(entries: Iterable[Entry | None]) -> tuple[bool, bool, bool]:
    """Whether some of `entries` has a year, tags, a rating (stops once all three do)."""
    year = tags = rating = False
    for entry in entries:
        if entry is not None:
            year = year or bool(entry.paper.year)
            tags = tags or bool(entry.state.tags)
            rating = rating or bool(entry.state.rating)
            if year and tags and rating:
                break
    return year, tags, rating


def line_strip(content: Content, base: Style, width: int, pad: int,
               styles: dict[str, RichStyle]) -> Strip:
    """`content` as one line of exactly `width` cells, `pad` blank cells before it.

    Its spans' styles (strings such as "bold $status-new") are laid over `base`;
    `styles` caches them. Overlapping spans are not made by paper_row: a span
    starting inside the previous one is skipped.
    """
    rich_base = base.rich_style
    segments = [Segment(" " * pad, rich_base)]
    text, position = content.plain, 0
    for span in sorted(content.spans, key=lambda s: s.start):
        if span.start < position:
            continue
        if span.start > position:
            segments.append(Segment(text[position:span.start], rich_base))
        key = str(span.style)
        style = styles.get(key)
        if style is None:
            style = styles[key] = (base + Style.parse(key)).rich_style
        segments.append(Segment(text[span.start:span.end], style))
        position = span.end
    if position < len(text):
        segments.append(Segment(text[position:], rich_base))
    return Strip(segments).crop_extend(0, width, rich_base)
