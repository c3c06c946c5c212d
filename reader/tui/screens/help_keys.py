"""What the help screen shows: the active keys of a screen, grouped, merged, and
packed into balanced columns (pure functions, tested without an app)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

HelpRow = tuple[str, str, str]
"""(group, key, description)."""


ID_GROUPS = {"nav": "Move", "paper": "Paper", "view": "View", "library": "Library",
             "app": "General", "note": "Note", "detail": "Detail"}
"""Section titles for binding id prefixes (`paper.mark_read` is in "Paper")."""
TEXTUAL_NAMES = {"palette": "Command palette"}
"""Descriptions of Textual's own app keys, written like ours."""


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
        description = TEXTUAL_NAMES.get(binding.description, binding.description)
        rows.append((_group_name(active.node, binding), display, description))
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
