"""QA regression: the welcome screen's import command names the library the app has open.

With `reader --db other.json` on an empty library, the welcome used to say
`reader import today.txt`, which imports into the default library instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Label, Static

from reader.paths import default_db_path
from reader.tui.screens.welcome import WelcomeScreen


class WelcomeApp(App[None]):
    def __init__(self, db_path: Path | None) -> None:
        super().__init__()
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        yield Label("base")

    def on_mount(self) -> None:
        self.push_screen(WelcomeScreen())


def text_of(app: App[Any]) -> str:
    """The command line as shown (a long path wraps on screen, so read the widget)."""
    return str(app.screen.query_one(".command", Static).content)


async def test_a_custom_library_is_named_in_the_import_command(tmp_path: Path) -> None:
    db = tmp_path / "my lib.json"
    app = WelcomeApp(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = text_of(app)
    assert f"reader --db '{db}' import today.txt" in text


async def test_the_default_library_keeps_the_short_command() -> None:
    app = WelcomeApp(default_db_path())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = text_of(app)
    assert "reader import today.txt" in text and "--db" not in text
