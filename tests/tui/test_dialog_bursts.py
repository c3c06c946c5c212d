"""Keys typed in one burst (faster than the app answers them) reach a dialog that
has already answered: it must not answer twice, pop a screen it does not own, or
crash the app with "Can't pop screen"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from tui_fixtures import fixture_library, main_screen, running, settle

from reader.tui.dialogs.cited import CitedChooser
from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.dialogs.links import LinkChooser
from reader.tui.dialogs.prompt import PromptDialog
from reader.tui.dialogs.tags import TagDialog

_CHARS = {"enter": "\r", "escape": "\x1b", "plus": "+", "minus": "-", "space": " "}


def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Queue every key at once, as a terminal does when keys come in one read."""
    for key in keys:
        pilot.app.post_message(events.Key(key, _CHARS.get(key)))


@pytest.mark.parametrize("keys", [
    ["plus", "enter", "enter"],
    ["plus", "x", "enter", "enter"],
    ["plus", "x", "enter", "enter", "enter"],
    ["plus", "escape", "escape"],
    ["minus", "enter", "enter"],
])
async def test_a_burst_of_keys_in_the_tag_dialog_does_not_crash(keys: list[str]) -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        burst(pilot, *keys)
        await settle(pilot)
        app = pilot.app
        assert app.return_code is None  # still running: no "unexpected error"
        assert not isinstance(app.screen, TagDialog)
        assert app.screen is main_screen(app)


class Host(App[None]):
    """Pushes one dialog on a screen of its own and records every answer."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(Screen(id="below"))
        self.push_screen(self.dialog, self.answers.append)


@pytest.mark.parametrize(("make", "keys"), [
    (lambda: PromptDialog("Name?", "x"), ["enter", "enter", "enter"]),
    (lambda: LinkChooser(["https://a.example/", "https://b.example/"]), ["enter", "enter"]),
    (lambda: CitedChooser([(1, "one"), (2, "two")]), ["enter", "enter"]),
    (lambda: ConfirmDialog("Sure?"), ["y", "y", "enter"]),
    (lambda: TagDialog("remove", ["a", "b"], []), ["space", "enter", "enter"]),
])
async def test_a_dialog_answers_a_burst_once_and_leaves_the_screen_below(
        make: Callable[[], Screen[Any]], keys: list[str]) -> None:
    app = Host(make())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen is app.dialog
        burst(pilot, *keys)
        await pilot.pause()
        await pilot.pause()
        assert len(app.answers) == 1
        assert app.screen.id == "below"  # the screen under the dialog was not popped
