"""The paper list: a Line API widget that draws only the rows on screen.

Never one widget (or one Option) per paper (slow past a few thousand): the list holds the
ids of the view, and `render_line` builds a row when it scrolls into sight
(rows are cached per paper until the width, theme or paper changes). 100,000
ids cost a list of strings; the scrollbar covers the whole view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

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


class PaperList(ScrollView, can_focus=True):
    """Rows of papers; posts `PaperHighlighted` with the paper id (or None), and
    `SelectionChanged` when papers are selected (`v`, space, `V`) or let go.

    A wide list draws a paper on one line, and every row has the same columns (the
    year column only when some paper of the list has a year, the tags column only
    when some has tags, the stars only when some is rated); a narrow one on two
    lines, the title alone on the first, authors · year · stars · tags under it.
    The scrollbar gutter is reserved (app.tcss), so a row redrawn after a change
    lines up with the others.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Show the detail", show=False, id="nav.detail"),
        Binding("up", "cursor_up", "Up", show=False, id="nav.cursor_up"),
        Binding("down", "cursor_down", "Down", show=False, id="nav.cursor_down"),
        Binding("home", "first", "First paper", show=False, id="nav.first"),
        Binding("end", "last", "Last paper", show=False, id="nav.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="nav.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="nav.page_down"),
        Binding("v,space", "toggle_selected", "Select", show=False, id="paper.select"),
        Binding("V", "select_all", "Select all shown", show=False, id="paper.select_all"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"paper-list--row", "paper-list--cursor",
                                             "paper-list--selected", "paper-list--mark"}

    DEFAULT_CSS = """
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

    class Resized(Message):
        """The list was laid out at a new size (the screen remembers the row width)."""

    class PaperHighlighted(Message):
        """The highlighted paper changed (None: the list is empty)."""

        def __init__(self, paper_id: str | None) -> None:
            super().__init__()
            self.paper_id = paper_id

    class SelectionChanged(Message):
        """Papers were selected or let go; `count` papers are selected now."""

        def __init__(self, paper_list: PaperList, count: int) -> None:
            super().__init__()
            self.paper_list = paper_list
            self.count = count

        @property
        def control(self) -> PaperList:
            return self.paper_list

    class Selected(Message):
        """Enter or a click on a paper: the screen shows its detail."""

        def __init__(self, paper_list: PaperList, paper_id: str) -> None:
            super().__init__()
            self.paper_list = paper_list
            self.paper_id = paper_id

        @property
        def control(self) -> PaperList:
            return self.paper_list

    def __init__(self, lookup: Callable[[str], Entry | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lookup = lookup
        self.ids: list[str] = []
        """Every id of the view, in order."""
        self.cursor = 0
        """Index of the highlighted row (0 when the list is empty)."""
        self._last_posted: str | bool | None = False
        self._year_column = True
        self._tags_column = False
        self._rating_column = True
        self.width_hint: int | None = None
        """The row width expected before the first layout (the first-screen cache
        remembers it; `row_width` answers it until the list has a size)."""
        self._strips: dict[tuple[str, bool, int], Strip] = {}
        """(paper id, cursor row, line of the row) -> the drawn line."""
        self._selected: dict[str, None] = {}
        """Selected ids, in the order they were selected (a dict: an ordered set)."""
        self._built_width = 0
        self._span_styles: dict[tuple[bool, bool], dict[str, RichStyle]] = {}
        """(cursor row, selected) -> span style -> its rich style over the row's."""

    # content ----------------------------------------------------------
    @property
    def row_width(self) -> int:
        """Cells of a row's text; before the first layout, the hint (or a guess)."""
        width = self.scrollable_content_region.width
        if not width:
            return self.width_hint or 76
        return _text_width(width)

    @property
    def row_height(self) -> int:
        """Lines per paper: two in a list narrower than TWO_LINES_BELOW cells."""
        return 2 if self.row_width < TWO_LINES_BELOW else 1

    @property
    def row_count(self) -> int:
        return len(self.ids)

    def row(self, index: int) -> Content:
        """The text of row `index` at the current width (what `render_line` draws;
        the first line of a two-line row)."""
        entry = self._lookup(self.ids[index])
        return Content("") if entry is None else self._content(entry, self.row_width)

    def row_lines(self, index: int) -> list[Content]:
        """Every line of row `index` (one or two) at the current width."""
        entry = self._lookup(self.ids[index])
        if entry is None:
            return [Content("")] * self.row_height
        return [self._content(entry, self.row_width, line) for line in range(self.row_height)]

    def _content(self, entry: Entry, width: int, line: int = 0) -> Content:
        if self.row_height == 2:
            return title_line(entry, width) if line == 0 else meta_line(entry, width)
        tags = tag_column(width) if self._tags_column else 0
        return paper_row(entry, width, year_column=self._year_column, tag_width=tags,
                         rating_column=self._rating_column)

    # selection ------------------------------------------------------------
    @property
    def selected_ids(self) -> list[str]:
        """The selected papers, in the list's order (empty: none selected)."""
        if not self._selected:
            return []
        chosen = self._selected
        return [pid for pid in self.ids if pid in chosen]

    def is_selected(self, pid: str) -> bool:
        return pid in self._selected

    def set_selected(self, ids: list[str]) -> None:
        """Select exactly `ids` (those the list shows)."""
        shown = set(self.ids)
        self._selected = dict.fromkeys(pid for pid in ids if pid in shown)
        self._selection_changed()

    def clear_selection(self) -> None:
        if self._selected:
            self._selected = {}
            self._selection_changed()

    def action_toggle_selected(self) -> None:
        """`v` / space: select the highlighted paper (or let it go), then move on."""
        pid = self.current_id
        if pid is None:
            return
        if pid in self._selected:
            del self._selected[pid]
        else:
            self._selected[pid] = None
        self._selection_changed()
        self.move_to(self.cursor + 1)

    def action_select_all(self) -> None:
        """`V`: every paper shown (again: none)."""
        if self.ids and len(self._selected) == len(self.ids):
            self._selected = {}
        else:
            self._selected = dict.fromkeys(self.ids)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._strips.clear()
        self.refresh()
        self.post_message(self.SelectionChanged(self, len(self._selected)))

    def show(self, ids: list[str], keep: str | None = None) -> None:
        """Display `ids`, keeping the highlight on `keep` when it is still there."""
        self.ids = ids
        self._year_column, self._tags_column, self._rating_column = columns_needed(
            map(self._lookup, ids[:COLUMN_SCAN]))
        self._strips.clear()
        if self._selected:  # a paper no longer shown is no longer selected
            shown = set(ids)
            kept = {pid: None for pid in self._selected if pid in shown}
            if len(kept) != len(self._selected):
                self._selected = kept
                self.post_message(self.SelectionChanged(self, len(kept)))
        target = 0
        if keep is not None:
            try:
                target = ids.index(keep)
            except ValueError:
                target = 0
        self._resize_virtual()
        self.cursor = target
        self.scroll_to_cursor()
        self.refresh()
        self._post_current()

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 len(self.ids) * self.row_height)

    def refresh_paper(self, pid: str) -> None:
        """Redraw one row after its entry changed."""
        entry = self._lookup(pid)
        if entry is not None and self._widen_for(entry):
            self.restyle()  # the first tag or rating of the list: every row gets it
            return
        for cursor in (False, True):
            for line in range(2):
                self._strips.pop((pid, cursor, line), None)
        self.refresh()

    def drop(self, pid: str) -> None:
        """Remove a paper that left the view; the highlight moves to the next one."""
        try:
            index = self.ids.index(pid)
        except ValueError:
            return
        del self.ids[index]
        if self._selected.pop(pid, False) is None:
            self.post_message(self.SelectionChanged(self, len(self._selected)))
        if index < self.cursor:
            self.cursor -= 1  # a row above the cursor left: stay on the same paper
        self.cursor = max(0, min(self.cursor, len(self.ids) - 1))
        self._resize_virtual()
        self.scroll_to_cursor()
        self.refresh()
        self._post_current()

    def restyle(self) -> None:
        """Rebuild the rows (new width, theme or columns)."""
        self._strips.clear()
        self._span_styles.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.restyle()

    # drawing ------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._built_width:
            self._built_width = width
            self._strips.clear()
        index, line = divmod(self.scroll_offset.y + y, self.row_height)
        if index >= len(self.ids):
            return Strip.blank(width, self.get_visual_style("paper-list--row").rich_style)
        pid = self.ids[index]
        cursor = index == self.cursor
        strip = self._strips.get((pid, cursor, line))
        if strip is None:
            if len(self._strips) > STRIPS_KEPT:  # paging through 100k rows: bounded
                self._strips.clear()
            if index >= COLUMN_SCAN:
                self._add_columns_for(pid)
            strip = self._strips[(pid, cursor, line)] = self._build(pid, cursor, width, line)
        return strip

    def _add_columns_for(self, pid: str) -> None:
        """A row beyond those `show` looked at needs a column the list lacks: every
        row gets it (the rows already drawn are redrawn)."""
        entry = self._lookup(pid)
        if entry is not None and self._widen_for(entry):
            self._strips.clear()
            self.call_later(self.refresh)

    def _widen_for(self, entry: Entry) -> bool:
        """Give the list the year, tags or stars column `entry` needs; True if it lacked one."""
        year, tags, rating = columns_needed([entry])
        if ((year and not self._year_column) or (tags and not self._tags_column)
                or (rating and not self._rating_column)):
            self._year_column = self._year_column or year
            self._tags_column = self._tags_column or tags
            self._rating_column = self._rating_column or rating
            return True
        return False

    def _build(self, pid: str, cursor: bool, width: int, line: int = 0) -> Strip:
        selected = pid in self._selected
        classes = ["paper-list--row"]
        if selected:
            classes.append("paper-list--selected")
        if cursor:
            classes.append("paper-list--cursor")
        base = self.get_visual_style(*classes)
        entry = self._lookup(pid)
        content = (Content("") if entry is None
                   else self._content(entry, _text_width(width), line))
        styles = self._span_styles.setdefault((cursor, selected), {})
        if not selected:
            return line_strip(content, base, width, PAD, styles)
        mark = Content.styled(SELECTED_MARK, "$accent bold") + Content(" " * (PAD - 1))
        return line_strip(mark + content, base, width, 0, styles)

    # the cursor ---------------------------------------------------------
    @property
    def current_id(self) -> str | None:
        return self.ids[self.cursor] if self.ids else None

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (clamped), scroll to it, tell the screen."""
        if not self.ids:
            return
        index = max(0, min(index, len(self.ids) - 1))
        if index != self.cursor:
            old, self.cursor = self.cursor, index
            height = self.row_height
            self.refresh_lines(old * height, height)
            self.refresh_lines(index * height, height)
        self.scroll_to_cursor()
        self._post_current()

    def scroll_to_cursor(self) -> None:
        if self.ids and self.is_mounted:
            height = self.row_height
            self.scroll_to_region(Region(0, self.cursor * height, 1, height), animate=False,
                                  force=True, immediate=True)

    def _post_current(self) -> None:
        current = self.current_id
        if current != self._last_posted:
            self._last_posted = current
            self.post_message(self.PaperHighlighted(current))

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.ids) - 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self._page())

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self._page())

    def action_select(self) -> None:
        current = self.current_id
        if current is not None:
            self.post_message(self.Selected(self, current))

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or event.chain > 1:  # a double click selects once
            return
        index = (self.scroll_offset.y + offset.y) // self.row_height
        if 0 <= index < len(self.ids):
            self.move_to(index)
            self.action_select()

    def on_resize(self) -> None:
        self._resize_virtual()  # rows of a new width are rebuilt by render_line
        self.scroll_to_cursor()
        self.post_message(self.Resized())


def _text_width(width: int) -> int:
    """Cells for a row's text in a list `width` cells wide (PAD on each side)."""
    return max(20, width - 2 * PAD)
