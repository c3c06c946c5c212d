"""The welcome and help screens: snapshots at 80x24, and their keys with Pilot."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList

from reader.tui.screens.help import HelpScreen
from reader.tui.screens.help_keys import merge_rows
from reader.tui.screens.welcome import WelcomeScreen
from reader.tui.themes import register_themes, variable_defaults

BUNDLED = Path(__file__).resolve().parents[2] / "themes"

# The keys of the issue, as the app would describe them.
APP_KEYS = [
    ("Move", "j ↓", "Next paper"), ("Move", "k ↑", "Previous paper"),
    ("Move", "enter", "Focus the detail"), ("Move", "/", "Search"),
    ("Mark", "t", "To read"), ("Mark", "r", "Reading"), ("Mark", "d", "Done (read)"),
    ("Mark", "x", "Skipped"), ("Mark", "N", "Back to new"),
    ("Mark", "1-5", "Rate"), ("Mark", "0", "Clear the rating"),
    ("Paper", "+", "Add a tag"), ("Paper", "-", "Remove a tag"),
    ("Paper", "n", "Edit the note"), ("Paper", "E", "Edit the note in $EDITOR [b]"),
    ("Paper", "o", "Open a link"), ("General", "e", "Export"), ("General", "u", "Undo"),
    ("General", "?", "Help"), ("General", "q", "Quit"),
]


class AuxApp(App[None]):
    """Registers our themes and pushes one screen, as the real app will."""

    def __init__(self, screen: Screen[Any], theme: str) -> None:
        super().__init__()
        self._screen = screen
        self._theme_name = theme
        self.result: Any = "unset"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme)

    def compose(self) -> ComposeResult:
        yield Label("base screen")

    def on_mount(self) -> None:
        assert register_themes(self, [BUNDLED]) == []
        self.theme = self._theme_name
        self.push_screen(self._screen, self._done)

    def _done(self, value: Any) -> None:
        self.result = value


def screen_text(app: App[Any]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


# --- snapshots ----------------------------------------------------------------------

def test_welcome_screen_dark_80x24(snap_compare: Any) -> None:
    assert snap_compare(AuxApp(WelcomeScreen(), "reader-dark"), terminal_size=(80, 24))


def test_welcome_screen_light_80x24(snap_compare: Any) -> None:
    assert snap_compare(AuxApp(WelcomeScreen(), "reader-light"), terminal_size=(80, 24))


def test_help_screen_dark_80x24(snap_compare: Any) -> None:
    assert snap_compare(AuxApp(HelpScreen(APP_KEYS), "reader-dark"), terminal_size=(80, 24))


def test_help_screen_contrast_80x24(snap_compare: Any) -> None:
    assert snap_compare(AuxApp(HelpScreen(APP_KEYS), "reader-contrast"),
                        terminal_size=(80, 24))


def test_help_screen_dark_160x45(snap_compare: Any) -> None:
    assert snap_compare(AuxApp(HelpScreen(APP_KEYS), "reader-dark"), terminal_size=(160, 45))


# --- welcome behaviour --------------------------------------------------------------

async def test_welcome_explains_import_and_d_opens_the_demo() -> None:
    app = AuxApp(WelcomeScreen(), "reader-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "reader import today.txt" in text
        assert "BibTeX" in text and "Hugging Face" in text
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeScreen)
    assert app.result == "demo"


async def test_welcome_demo_button_and_q_quits() -> None:
    app = AuxApp(WelcomeScreen(), "reader-light")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#demo")
        await pilot.pause()
    assert app.result == "demo"
    app = AuxApp(WelcomeScreen(), "reader-light")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.result == "unset"


# --- help built from the app's own bindings -----------------------------------------

class PaperList(OptionList):
    HELP_GROUP = "Paper list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next paper", show=False),
        Binding("t", "noop", "Mark to read"),
        Binding("z", "noop"),  # no description: not listed
    ]

    def action_noop(self) -> None:
        pass


class KeyedApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit [now]"),
    ]

    def compose(self) -> ComposeResult:
        yield PaperList("a", "b")
        yield Footer()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())


async def test_help_without_rows_lists_the_active_bindings_grouped() -> None:
    app = KeyedApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(PaperList).focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Paper list" in text and "General" in text
        assert re.search(r"j ↓ +Next paper", text)
        assert re.search(r"t +Mark to read", text)
        assert "Quit [now]" in text  # descriptions are text, not markup
        assert not re.search(r"\bz\b +\S", text)
        assert "Page Down" not in text  # OptionList's own keys are left out
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


def test_merge_rows_joins_keys_and_collapses_numbered_runs() -> None:
    rows = [("Paper", str(n), f"Rate {n}") for n in range(1, 6)]
    rows += [("Paper", "0", "Clear rating"), ("Move", "down", "Down"), ("Move", "j", "Down"),
             ("Move", "2", "Pane 2")]  # a lone numbered key stays as it is
    assert merge_rows(rows) == {
        "Paper": [("1-5", "Rate 1-5"), ("0", "Clear rating")],
        "Move": [("j down", "Down"), ("2", "Pane 2")],
    }


class IdApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "noop", "To read", id="paper.mark_to_read"),
        Binding("slash", "noop", "Search", id="view.search"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def action_noop(self) -> None:
        pass

    def action_help(self) -> None:
        self.push_screen(HelpScreen())


async def test_help_groups_by_binding_id_prefix() -> None:
    app = IdApp()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for group in ("Paper", "View", "General"):
            assert group in text
        assert re.search(r"/ +Search", text)
