"""The `?` help screen: every key of the screen underneath, grouped.

`HelpScreen(bindings)` takes `(group, key, description)` triples; without
them it reads the active bindings of the screen below it (focused widget,
its ancestors, the screen and the app). A widget or screen may set a
`HELP_GROUP` class attribute to name its section ("Paper list", ...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

HelpRow = tuple[str, str, str]
"""(group, key, description)."""


ID_GROUPS = {"nav": "Move", "paper": "Paper", "view": "View", "library": "Library",
             "app": "General", "note": "Note", "detail": "Detail"}
"""Section titles for binding id prefixes (`paper.mark_read` is in "Paper")."""


def _group_name(node: DOMNode, binding: Binding | None = None) -> str:
    """The help section of `binding`, declared on `node`.

    The binding id's prefix wins (`view.search` -> "View"), then the node's
    `HELP_GROUP`, then the node itself (App -> "General", a widget's class name).
    """
    if binding is not None and binding.id and "." in binding.id:
        prefix = binding.id.split(".", 1)[0]
        return ID_GROUPS.get(prefix, prefix.replace("_", " ").capitalize())
    explicit = getattr(node, "HELP_GROUP", None)
    if isinstance(explicit, str) and explicit:
        return explicit
    from textual.app import App  # local: avoid a cycle at import time

    if isinstance(node, App):
        return "General"
    if isinstance(node, Screen):
        return "Screen"
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", type(node).__name__)
    return " ".join(words).capitalize() if words else "Other"


def _is_textual_default(node: DOMNode, binding: Binding) -> bool:
    """True for a binding a Textual widget or screen class brings by itself (scroll keys...)."""
    from textual.app import App

    if isinstance(node, App):  # ^q quit, ^p palette: worth listing
        return False
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("textual."):
            continue
        for item in cls.__dict__.get("BINDINGS", ()):
            if (isinstance(item, Binding) and item.action == binding.action
                    and item.description == binding.description):
                return True
    return False


def bindings_of_screen(screen: Screen[object], *, include_defaults: bool = False,
                       ) -> list[HelpRow]:
    """The active, described bindings of `screen` as help rows, in chain order.

    Keys that Textual's own widgets bring (scrolling, page up...) are left out
    unless `include_defaults`; the app's own bindings and the App's are kept.
    """
    rows: list[HelpRow] = []
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if not binding.description:
            continue
        if not include_defaults and _is_textual_default(active.node, binding):
            continue
        display = screen.app.get_key_display(binding) or key
        rows.append((_group_name(active.node, binding), display, binding.description))
    return rows


def _letters_first(key: str) -> int:
    """Sort key: vim-style letter keys, then other single symbols, then named keys."""
    if len(key) == 1:
        return 0 if key.isascii() and key.isalnum() else 1
    return 2


_NUMBERED = re.compile(r"^(.*\S) (\d)$")


def _collapse_numbered(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """("1", "Rate 1") ... ("5", "Rate 5") become one ("1-5", "Rate 1-5") row."""
    runs: dict[str, list[int]] = {}
    for key, description in entries:
        match = _NUMBERED.match(description)
        if match and key == match.group(2):
            runs.setdefault(match.group(1), []).append(int(key))
    collapsible = {prefix: (min(ns), max(ns)) for prefix, ns in runs.items()
                   if len(ns) >= 3 and sorted(ns) == list(range(min(ns), max(ns) + 1))}
    out: list[tuple[str, str]] = []
    for key, description in entries:
        match = _NUMBERED.match(description)
        if match and key == match.group(2) and match.group(1) in collapsible:
            lo, hi = collapsible[match.group(1)]
            row = (f"{lo}-{hi}", f"{match.group(1)} {lo}-{hi}")
            if row not in out:
                out.append(row)
            continue
        out.append((key, description))
    return out


def merge_rows(rows: list[HelpRow]) -> dict[str, list[tuple[str, str]]]:
    """Group rows by section; keys with the same description are joined ("j ↓"),
    and numbered runs ("Rate 1" ... "Rate 5") become one row ("1-5")."""
    groups: dict[str, dict[str, list[str]]] = {}
    for group, key, description in rows:
        keys = groups.setdefault(group, {}).setdefault(description, [])
        if key not in keys:
            keys.append(key)
    return {
        group: _collapse_numbered([(" ".join(sorted(keys, key=_letters_first)), description)
                                   for description, keys in entries.items()])
        for group, entries in groups.items()
    }


GUTTER = 3
"""Cells between two columns of sections."""
CHROME = 6
"""Cells the dialog adds around its columns (border, padding, a scrollbar)."""


def pack(heights: Sequence[int], columns: int) -> list[list[int]]:
    """Sections (their heights, in order) flowed into at most `columns` columns.

    Each column holds consecutive sections with a blank line between two; no
    section is split; the tallest column is as short as it can be. Returns the
    indexes of the sections in each column (no empty column)."""
    if not heights:
        return []
    columns = max(1, columns)
    limit = max(heights)
    while True:  # the shortest height at which the greedy flow needs few enough columns
        flow: list[list[int]] = []
        used = 0
        for i, h in enumerate(heights):
            if flow and used + 1 + h <= limit:
                flow[-1].append(i)
                used += 1 + h
            else:
                flow.append([i])
                used = h
        if len(flow) <= columns:
            return flow
        limit += 1


def column_height(heights: Sequence[int], column: Sequence[int]) -> int:
    return sum(heights[i] for i in column) + len(column) - 1


def layout(heights: Sequence[int], width: int, column_width: int) -> list[list[int]]:
    """Columns for a screen `width` cells wide, each column `column_width` wide:
    as short as the width allows, then with as few columns as give that height
    (at 160 columns the keys need no scrolling; a narrow screen gets one column)."""
    most = max(1, (width - CHROME + GUTTER) // (column_width + GUTTER))
    options = [pack(heights, n) for n in range(1, min(most, len(heights)) + 1)] or [[]]
    best = min(max((column_height(heights, c) for c in o), default=0) for o in options)
    return next(o for o in options
                if max((column_height(heights, c) for c in o), default=0) == best)


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
        return [(group, [Content.assemble((key + " " * max(0, width - cell_len(key)),
                                           "bold $primary"), " ", description)
                         for key, description in entries])
                for group, entries in groups.items()]

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
        self.dismiss(None)
