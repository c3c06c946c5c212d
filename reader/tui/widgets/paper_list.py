"""The paper list: an OptionList showing a capped, chunk-loaded window of ids.

Never one widget per paper (PITFALLS §3): at most `CHUNK` rows are added at a
time; a last "N more" row loads the next chunk when it is reached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Entry
from reader.tui.render import paper_row, tag_column

MORE_ID = "__more__"
CHUNK = 80
"""Rows added at a time: enough to fill a tall terminal, cheap to rebuild per keystroke."""


class PaperList(OptionList):
    """Rows of papers; posts `PaperHighlighted` with the paper id (or None).

    Every row has the same columns (the year column only when some paper of the
    list has a year, the tags column only when some has tags, the stars only when
    some is rated) and the same width:
    the scrollbar gutter is reserved (app.tcss), so a row redrawn after a change
    lines up with the others whether or not the scrollbar shows.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Show the detail", show=False, id="nav.detail"),
    ]

    DEFAULT_CSS = """
    PaperList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
        /* a tinted cursor keeps the status glyph colours readable */
        & > .option-list--option-highlighted {
            background: $primary 20%;
            color: $text;
            text-style: none;
        }
        &:focus > .option-list--option-highlighted {
            background: $primary 40%;
            color: $text;
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

    def __init__(self, lookup: Callable[[str], Entry | None], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._lookup = lookup
        self.ids: list[str] = []
        """Every id of the current view, in order (only a prefix is displayed)."""
        self._shown = 0
        self._last_posted: str | bool | None = False
        self._year_column = True
        self._tags_column = False
        self._rating_column = True
        self.width_hint: int | None = None
        """The row width expected after the first layout (the first-screen cache
        remembers it): rows built before that layout then need no rebuild."""
        self._built_width = 0

    # content ----------------------------------------------------------
    @property
    def row_width(self) -> int:
        """Cells of a row; before the first layout, the hint (or a guess)."""
        width = self.scrollable_content_region.width
        if not width:
            return self.width_hint or 76
        return max(20, width - 2)

    def _option(self, pid: str, width: int) -> Option | None:
        entry = self._lookup(pid)
        if entry is None:
            return None
        tags = tag_column(width) if self._tags_column else 0
        return Option(paper_row(entry, width, year_column=self._year_column, tag_width=tags,
                                rating_column=self._rating_column), id=pid)

    def _columns(self, ids: list[str]) -> tuple[bool, bool, bool]:
        """Whether the papers `ids` need a year, a tags and a rating column."""
        year = tags = rating = False
        for pid in ids:
            entry = self._lookup(pid)
            if entry is not None:
                year = year or bool(entry.paper.year)
                tags = tags or bool(entry.state.tags)
                rating = rating or bool(entry.state.rating)
                if year and tags and rating:
                    break
        return year, tags, rating

    def _more_option(self) -> Option:
        rest = len(self.ids) - self._shown
        text = f"… {rest:,} more (move here to load {min(rest, CHUNK):,} more)"
        return Option(Content.styled(text, "italic $text-muted"), id=MORE_ID)

    def show(self, ids: list[str], keep: str | None = None) -> None:
        """Display `ids`, keeping the highlight on `keep` when it is still there."""
        self.ids = ids
        self._shown = 0
        target = ids.index(keep) if keep is not None and keep in _head(ids, 20 * CHUNK) else 0
        count = max(CHUNK, (target // CHUNK + 1) * CHUNK)
        self._year_column, self._tags_column, self._rating_column = self._columns(ids[:count])
        self.clear_options()
        self._append(count)
        if ids:
            self.highlighted = min(target, self._shown - 1)
            self.scroll_to_highlight()
        self._post_current()

    def _append(self, count: int) -> None:
        stop = min(len(self.ids), self._shown + count)
        if self._shown:  # a later chunk may need a column the first rows did not
            year, tags, rating = self._columns(self.ids[self._shown:stop])
            if ((year and not self._year_column) or (tags and not self._tags_column)
                    or (rating and not self._rating_column)):
                self._year_column = self._year_column or year
                self._tags_column = self._tags_column or tags
                self._rating_column = self._rating_column or rating
                self._shown, count = 0, stop
                self.clear_options()
        options: list[Option] = []
        width = self._built_width = self.row_width  # once: it is not a cheap property
        for pid in self.ids[self._shown:stop]:
            option = self._option(pid, width)
            if option is not None:
                options.append(option)
        self._shown = stop
        if self._shown < len(self.ids):
            options.append(self._more_option())
        self.add_options(options)

    def load_more(self) -> None:
        if self._shown >= len(self.ids):
            return
        highlighted = self.highlighted
        self.remove_option(MORE_ID)
        self._append(CHUNK)
        if highlighted is not None:
            self.highlighted = highlighted

    def refresh_paper(self, pid: str) -> None:
        """Redraw one row after its entry changed."""
        entry = self._lookup(pid)
        if entry is not None and ((entry.state.tags and not self._tags_column)
                                  or (entry.state.rating and not self._rating_column)):
            # the first tag or rating of the list: every row gets the column
            self._tags_column = self._tags_column or bool(entry.state.tags)
            self._rating_column = self._rating_column or bool(entry.state.rating)
            self.restyle()
            return
        option = self._option(pid, self.row_width)
        if option is None:
            return
        try:
            self.replace_option_prompt(pid, option.prompt)
        except Exception:  # not displayed (beyond the loaded chunk)
            return

    def drop(self, pid: str) -> None:
        """Remove a paper that left the view; the highlight moves to the next one."""
        if pid not in self.ids:
            return
        self.ids.remove(pid)
        highlighted = self.highlighted
        try:
            index = self.get_option_index(pid)
        except Exception:  # beyond the loaded chunk: nothing on screen changes
            return
        self.remove_option(pid)
        self._shown -= 1
        if self.option_count and highlighted is not None:
            if index < highlighted:
                highlighted -= 1  # a row above the cursor left: stay on the same paper
            highlighted = min(highlighted, self.option_count - 1)
            if self.get_option_at_index(highlighted).id == MORE_ID:
                self.load_more()
            self.highlighted = highlighted
        self._post_current()

    def restyle(self) -> None:
        """Rebuild the rows for a new width."""
        if not self.ids:
            return
        current = self.current_id
        shown = self._shown
        self._shown = 0
        self.clear_options()
        self._append(shown)
        if current is not None and current in self.ids:
            self.highlighted = self.get_option_index(current)
        elif self.option_count:
            self.highlighted = 0

    # selection --------------------------------------------------------
    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.id == MORE_ID:
            return None
        return option.id

    def _post_current(self) -> None:
        current = self.current_id
        if current != self._last_posted:
            self._last_posted = current
            self.post_message(self.PaperHighlighted(current))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_id == MORE_ID:
            self.load_more()
        self._post_current()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == MORE_ID:
            event.stop()
            self.load_more()

    def on_resize(self) -> None:
        if self.row_width != self._built_width:
            self.restyle()
        self.post_message(self.Resized())


def _head(ids: list[str], n: int) -> list[str]:
    return ids[:n]
