"""The paper list: a Line API widget that draws only the rows on screen.

Never one widget (or one Option) per paper (slow past a few thousand): the list holds the
ids of the view, and `render_line` builds a row when it scrolls into sight
(rows are cached per paper until the width, theme or paper changes). 100,000
ids cost a list of strings; the scrollbar covers the whole view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeAlias

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Entry
from reader.tui.widgets import paper_list_messages as messages
from reader.tui.widgets.paper_list_keys import PAPER_LIST_KEYS
from reader.tui.widgets.paper_rows import (
    COLUMN_SCAN,
    ROW_CLASSES,
    ROW_CSS,
    TWO_LINES_BELOW,
    RowPainter,
    text_width,
)
from reader.tui.widgets.selection import Selection


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

    BINDINGS: ClassVar[list[BindingType]] = PAPER_LIST_KEYS
    COMPONENT_CLASSES: ClassVar[set[str]] = ROW_CLASSES
    DEFAULT_CSS = ROW_CSS

    Resized: TypeAlias = messages.Resized
    PaperHighlighted: TypeAlias = messages.PaperHighlighted
    SelectionChanged: TypeAlias = messages.SelectionChanged
    Selected: TypeAlias = messages.Selected

    def __init__(self, lookup: Callable[[str], Entry | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lookup = lookup
        self.ids: list[str] = []
        """Every id of the view, in order."""
        self.cursor = 0
        """Index of the highlighted row (0 when the list is empty)."""
        self._last_posted: str | bool | None = False
        self._rows = RowPainter(lookup)
        self.width_hint: int | None = None
        """The row width expected before the first layout (the first-screen cache
        remembers it; `row_width` answers it until the list has a size)."""
        self._selected = Selection()

    # content ----------------------------------------------------------
    @property
    def row_width(self) -> int:
        """Cells of a row's text; before the first layout, the hint (or a guess)."""
        width = self.scrollable_content_region.width
        if not width:
            return self.width_hint or 76
        return text_width(width)

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
        return (Content("") if entry is None
                else self._rows.content(entry, self.row_width, 0, self.row_height == 2))

    def row_lines(self, index: int) -> list[Content]:
        """Every line of row `index` (one or two) at the current width."""
        entry = self._lookup(self.ids[index])
        if entry is None:
            return [Content("")] * self.row_height
        two = self.row_height == 2
        return [self._rows.content(entry, self.row_width, line, two)
                for line in range(self.row_height)]

    # selection ------------------------------------------------------------
    @property
    def selected_ids(self) -> list[str]:
        """The selected papers, in the list's order (empty: none selected)."""
        return self._selected.in_order(self.ids)

    def is_selected(self, pid: str) -> bool:
        return pid in self._selected

    def set_selected(self, ids: list[str]) -> None:
        """Select exactly `ids` (those the list shows)."""
        self._selected.replace(ids, self.ids)
        self._selection_changed()

    def clear_selection(self) -> None:
        if self._selected.clear():
            self._selection_changed()

    def action_toggle_selected(self) -> None:
        """`v` / space: select the highlighted paper (or let it go), then move on."""
        pid = self.current_id
        if pid is None:
            return
        self._selected.toggle(pid)
        self._selection_changed()
        self.move_to(self.cursor + 1)

    def action_select_all(self) -> None:
        """`V`: every paper shown (again: none)."""
        self._selected.toggle_all(self.ids)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._rows.strips.clear()
        self.refresh()
        self.post_message(self.SelectionChanged(self, len(self._selected)))

    def show(self, ids: list[str], keep: str | None = None) -> None:
        """Display `ids`, keeping the highlight on `keep` when it is still there."""
        self.ids = ids
        self._rows.set_columns(ids)
        if self._selected.keep_only(ids):  # a paper no longer shown is no longer selected
            self.post_message(self.SelectionChanged(self, len(self._selected)))
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
        if entry is not None and self._rows.widen_for(entry):
            self.restyle()  # the first tag or rating of the list: every row gets it
            return
        self._rows.forget([pid])
        self.refresh()

    def drop(self, pid: str) -> None:
        """Remove a paper that left the view; the highlight moves to the next one."""
        try:
            index = self.ids.index(pid)
        except ValueError:
            return
        del self.ids[index]
        if self._selected.discard(pid):
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
        self._rows.restyle()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.restyle()

    # drawing ------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, line = divmod(self.scroll_offset.y + y, self.row_height)
        if index >= len(self.ids):
            return Strip.blank(width, self.get_visual_style("paper-list--row").rich_style)
        pid = self.ids[index]
        cursor = index == self.cursor
        strip = self._rows.kept(pid, cursor, line, width)
        if strip is None:
            if index >= COLUMN_SCAN:
                self._add_columns_for(pid)
            selected = pid in self._selected
            classes = ["paper-list--row"]
            if selected:
                classes.append("paper-list--selected")
            if cursor:
                classes.append("paper-list--cursor")
            strip = self._rows.draw(pid, cursor, selected, width, line, self.row_height == 2,
                                    self.get_visual_style(*classes))
        return strip

    def _add_columns_for(self, pid: str) -> None:
        """A row beyond those `show` looked at needs a column the list lacks: every
        row gets it (the rows already drawn are redrawn)."""
        entry = self._lookup(pid)
        if entry is not None and self._rows.widen_for(entry):
            self._rows.strips.clear()
            self.call_later(self.refresh)

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

