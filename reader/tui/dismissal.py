"""Closing a dialog or screen once, whatever the keys typed in one burst.

Keys that arrive together are all handed to the focused widget before the
messages they cause are handled: two enters in an input give two `Submitted`
messages, and the second reaches a dialog that has already answered and left
the screen stack. Dismissing it again would run its callback a second time and
pop the screen below it (or fail with "Can't pop screen" when there is none).
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def dismiss_once(screen: Screen[Any], result: Any = None) -> None:
    """Dismiss `screen` with `result`, unless it is no longer the active screen
    (it answered already, or something was opened on top of it)."""
    if screen.is_active:
        screen.dismiss(result)
