"""The `?` help screen: every key of the screen underneath, grouped.

`HelpScreen(bindings)` takes `(group, key, description)` triples; without
them it reads the active bindings of the screen below it (focused widget,
its ancestors, the screen and the app). A widget or screen may set a
`HELP_GROUP` class attribute to name its section ("Paper list", ...).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.dismissal import dismiss_once
from reader.tui.screens.help_keys import (
    HelpRow,
    bindings_of_screen,
    layout,
    merge_rows,
)

SEARCH_SYNTAX = [
    'words  "a phrase"  -word',
    "status:to-read  tag:x  -tag:x",
    "rating:>=4  year:2020..2023",
    "author:name  has:note  has:code",
    "sort:year|rating|title|foryou",
]
"""The query language, as the help screen shows it (the README has it in full)."""


class HelpScreen(ModalScreen[None]):
    """Lists the keys, grouped; escape or ? closes it.

    The sections flow into as many columns as the terminal's width allows
    (sections never split, columns balanced); the keys scroll when the terminal
    is too short even so. A resize that changes the columns lays them out again."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > #dialog {
        width: auto;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-color: $accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    HelpScreen #help-body {
        width: auto;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        background: $surface;
    }
    HelpScreen #help-columns {
        width: auto;
        height: auto;
    }
    HelpScreen .help-column {
        width: auto;
        height: auto;
    }
    HelpScreen .help-column.-later {
        margin-left: 3;
    }
    HelpScreen .help-section {
        width: auto;
        height: auto;
    }
    HelpScreen .help-section.-later {
        margin-top: 1;
    }
    HelpScreen .help-group {
        width: auto;
        color: $accent;
        text-style: bold underline;
    }
    HelpScreen .help-rows {
        width: auto;
        color: $foreground;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "close", "Close help", id="help.close"),
        Binding("q", "close", "Close help", show=False, id="help.close_q"),
        Binding("j", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Scroll up", show=False, id="help.up"),
        Binding("space,f", "page(1)", "Page down", show=False, id="help.page_down"),
        Binding("b", "page(-1)", "Page up", show=False, id="help.page_up"),
    ]

    def __init__(self, bindings: list[tuple[str, str, str]] | None = None) -> None:
        super().__init__()
        self.help_rows = list(bindings) if bindings is not None else None
        self.columns: list[list[str]] = []
        """The section titles in each column, as laid out for the current width."""

    def _rows(self) -> list[HelpRow]:
        if self.help_rows is not None:
            return self.help_rows
        stack = self.app.screen_stack
        below = stack[stack.index(self) - 1] if self in stack and stack.index(self) > 0 else None
        if below is None:
            below = self.app.screen if self.app.screen is not self else None
        return bindings_of_screen(below) if below is not None else []

    def _sections(self) -> list[tuple[str, list[Content]]]:
        """(title, one line per key) for each group; keys padded to one width."""
        groups = merge_rows(self._rows())
        width = max((cell_len(k) for entries in groups.values() for k, _ in entries),
                    default=0)
        width = min(max(width, 3), 12)
        sections = [(group, [Content.assemble((key + " " * max(0, width - cell_len(key)),
                                               "bold $primary"), " ", description)
                             for key, description in entries])
                    for group, entries in groups.items()]
        if self.help_rows is None and any(t == "View" for t, _ in sections):
            sections.append(("Search (/)", [Content.styled(line, "$primary")
                                            for line in SEARCH_SYNTAX]))
        return sections

    def _layout(self, sections: list[tuple[str, list[Content]]]) -> list[list[int]]:
        heights = [1 + len(lines) for _, lines in sections]
        widest = max((max([cell_len(title), *(line.cell_length for line in lines)])
                      for title, lines in sections), default=0)
        return layout(heights, self.app.size.width, widest)

    def compose(self) -> ComposeResult:
        sections = self._sections()
        flow = self._layout(sections)
        self.columns = [[sections[i][0] for i in column] for column in flow]
        dialog = Vertical(id="dialog")
        dialog.border_title = "Keys"
        dialog.border_subtitle = "escape or ? closes"
        with dialog, VerticalScroll(id="help-body"):
            if not sections:
                yield Static(Content("No keys to show."), classes="help-rows")
            with Horizontal(id="help-columns"):
                for n, column in enumerate(flow):
                    with Vertical(classes="help-column -later" if n else "help-column"):
                        for m, i in enumerate(column):
                            title, lines = sections[i]
                            with Vertical(classes="help-section -later" if m
                                          else "help-section"):
                                yield Static(Content(title), classes="help-group")
                                yield Static(Content("\n").join(lines), classes="help-rows")

    def on_resize(self) -> None:
        sections = self._sections()
        titles = [[sections[i][0] for i in column] for column in self._layout(sections)]
        if titles != self.columns:
            self.refresh(recompose=True)

    def on_mount(self) -> None:
        self.query_one("#help-body", VerticalScroll).focus()

    def action_scroll(self, lines: int) -> None:
        """j/k: scroll the keys a line (a short terminal does not show them all)."""
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if pages > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def action_close(self) -> None:
        dismiss_once(self, None)
