"""How the paper list draws its rows: which columns every row has, a row's text at
a width (one line, or two on a narrow list), and the drawn lines kept per paper.

`RowPainter` holds what a redraw needs: the list asks it for the line of a paper
at a width, and tells it when a paper, the width or the theme changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip
from textual.style import Style

from reader.model import Entry
from reader.tui.render import meta_line, paper_row, tag_column, title_line
from reader.tui.widgets.rows import columns_needed, line_strip

PAD = 1
"""Blank cells left and right of every row."""
STRIPS_KEPT = 1000
"""Rows kept drawn (about 2 KB each) before the cache starts again."""
TWO_LINES_BELOW = 72
"""A row narrower than this (in cells) takes two lines, the title alone on the
first: one line would leave the title too few cells once stars, year and tags
have theirs (at 120 columns, beside the shelves and the detail pane)."""
SELECTED_MARK = "▍"
"""Drawn in the left margin of a selected paper's rows."""
COLUMN_SCAN = 1000
"""`show` looks at this many papers for the columns; a later row that needs one
adds it when it is drawn (a 100,000-paper view is never walked on the UI thread)."""

ROW_CLASSES = {"paper-list--row", "paper-list--cursor", "paper-list--selected",
               "paper-list--mark"}
"""The component classes that style a row (see ROW_CSS)."""
ROW_CSS = """
    PaperList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        &:focus { background-tint: $foreground 5%; }
        /* a tinted cursor keeps the status glyph colours readable */
        & > .paper-list--cursor {
            background: $primary 20%;
            color: $text;
        }
        &:focus > .paper-list--cursor {
            background: $primary 40%;
            color: $text;
            text-style: bold;
        }
        & > .paper-list--selected {
            background: $accent 15%;
        }
        & > .paper-list--mark {
            color: $accent;
            text-style: bold;
        }
    }
    """


def text_width(width: int) -> int:
    """Cells for a row's text in a list `width` cells wide (PAD on each side)."""
    return max(20, width - 2 * PAD)


class RowPainter:
    """The rows of one paper list, drawn on demand and kept until something changes."""

    def __init__(self, lookup: Callable[[str], Entry | None]) -> None:
        self.lookup = lookup
        self.year_column = True
        self.tags_column = False
        self.rating_column = True
        self.strips: dict[tuple[str, bool, int], Strip] = {}
        """(paper id, cursor row, line of the row) -> the drawn line."""
        self.span_styles: dict[tuple[bool, bool], dict[str, RichStyle]] = {}
        """(cursor row, selected) -> span style -> its rich style over the row's."""
        self.built_width = 0

    def set_columns(self, ids: list[str]) -> None:
        """The columns the first COLUMN_SCAN papers of `ids` need; the rows go."""
        self.year_column, self.tags_column, self.rating_column = columns_needed(
            map(self.lookup, ids[:COLUMN_SCAN]))
        self.strips.clear()

    def widen_for(self, entry: Entry) -> bool:
        """Give the rows the year, tags or stars column `entry` needs; True if they
        lacked one (every row must then be drawn again)."""
        year, tags, rating = columns_needed([entry])
        if ((year and not self.year_column) or (tags and not self.tags_column)
                or (rating and not self.rating_column)):
            self.year_column = self.year_column or year
            self.tags_column = self.tags_column or tags
            self.rating_column = self.rating_column or rating
            return True
        return False

    def content(self, entry: Entry, width: int, line: int, two_lines: bool) -> Content:
        """Line `line` of `entry`'s row with `width` cells of text."""
        if two_lines:
            return title_line(entry, width) if line == 0 else meta_line(entry, width)
        tags = tag_column(width) if self.tags_column else 0
        return paper_row(entry, width, year_column=self.year_column, tag_width=tags,
                         rating_column=self.rating_column)

    def forget(self, pids: Iterable[str]) -> None:
        """Draw these papers again (their entry changed)."""
        for pid in pids:
            for cursor in (False, True):
                for line in range(2):
                    self.strips.pop((pid, cursor, line), None)

    def restyle(self) -> None:
        """Draw every row again, with styles looked up again (new theme or columns)."""
        self.strips.clear()
        self.span_styles.clear()

    def kept(self, pid: str, cursor: bool, line: int, width: int) -> Strip | None:
        """The line already drawn for a list `width` cells wide, if any."""
        if width != self.built_width:
            self.built_width = width
            self.strips.clear()
        return self.strips.get((pid, cursor, line))

    def draw(self, pid: str, cursor: bool, selected: bool, width: int, line: int,
             two_lines: bool, base: Style) -> Strip:
        """Draw line `line` of `pid`'s row in a list `width` cells wide and keep it;
        `base`: the row's style (cursor, selected)."""
        if len(self.strips) > STRIPS_KEPT:  # paging through 100k rows: bounded
            self.strips.clear()
        entry = self.lookup(pid)
        content = (Content("") if entry is None
                   else self.content(entry, text_width(width), line, two_lines))
        styles = self.span_styles.setdefault((cursor, selected), {})
        if not selected:
            strip = line_strip(content, base, width, PAD, styles)
        else:
            mark = Content.styled(SELECTED_MARK, "$accent bold") + Content(" " * (PAD - 1))
            strip = line_strip(mark + content, base, width, 0, styles)
        self.strips[(pid, cursor, line)] = strip
        return strip
