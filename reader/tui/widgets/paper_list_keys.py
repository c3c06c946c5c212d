"""The paper list's keys: moving the cursor, showing the detail, selecting papers."""

from __future__ import annotations

from textual.binding import Binding, BindingType

PAPER_LIST_KEYS: list[BindingType] = [
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
"""Bound by `PaperList` (each id names the key in the help and the palette)."""
