"""The sidebar: one row per shelf with its live count."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.render import fit, safe
from reader.tui.state import Shelf


class ShelfList(OptionList):
    """Inbox, To read, ..., All, saved searches, tags. Highlight = switch shelf."""

    DEFAULT_CSS = """
    ShelfList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._rows: list[tuple[Shelf, int | None]] = []
        self._built_width = 0
        self.can_focus = True

    def show(self, rows: list[tuple[Shelf, int | None]], current: str) -> None:
        """Replace the rows, keeping the highlight on `current`."""
        self._rows = rows
        width = max(10, self.scrollable_content_region.width or 22)
        self._built_width = width
        options: list[Option | None] = []
        previous_group = "status"
        for shelf, count in rows:
            group = shelf.key.split(":")[0] if shelf.key != "all" else "status"
            if group != previous_group:
                options.append(None)  # a rule between groups
            previous_group = group
            options.append(Option(_row(shelf, count, width), id=shelf.key))
        self.set_options(options)
        self.select_key(current)

    def select_key(self, key: str) -> None:
        for index, (shelf, _) in enumerate(self._rows):
            if shelf.key == key:
                if self.highlighted != index:
                    with self.prevent(OptionList.OptionHighlighted):
                        self.highlighted = index
                return

    def on_resize(self) -> None:
        if self._rows and self.scrollable_content_region.width != self._built_width:
            current = self.highlighted
            key = self._rows[current][0].key if current is not None else "status:new"
            self.show(self._rows, key)


def _row(shelf: Shelf, count: int | None, width: int) -> Content:
    label = safe(shelf.label)
    number = "" if count is None else f"{count:,}"
    room = width - cell_len(number) - 1
    style = "$text-muted" if shelf.key.startswith("tag:") else ""
    if shelf.key.startswith("search:"):
        label = "⌕ " + label
    return Content.assemble((fit(label, room), style), " ", (number, "$text-muted"))

