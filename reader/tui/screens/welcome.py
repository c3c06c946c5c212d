"""The screen of an empty library: what Reader is, how to import, and the demo.

`WelcomeScreen` answers `"demo"` (d, or the button) to open the demo library;
`q` quits the app. The app may `dismiss(None)` it itself once papers arrive.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from reader.paths import default_db_path
from reader.tui.dismissal import dismiss_once

FORMATS: tuple[str, ...] = (
    "a Hugging Face Papers page, copied as plain text",
    "Hugging Face daily-papers JSON",
    "arXiv API (Atom) and arXiv RSS listings",
    "BibTeX, RIS and CSL-JSON",
    "Reader's own JSON export",
)
"""What `reader import` reads, in words (the format is detected from the content)."""


class WelcomeScreen(Screen[str | None]):
    """Shown instead of a blank list when the library holds no paper."""

    HELP_GROUP = "Welcome"

    DEFAULT_CSS = """
    WelcomeScreen {
        background: $background;
        align: center middle;
    }
    WelcomeScreen #welcome-scroll {
        width: 100%;
        height: 1fr;
        align: center middle;
        overflow-y: auto;
    }
    WelcomeScreen #welcome {
        width: 72;
        max-width: 100%;
        height: auto;
        padding: 0 2;
        background: $surface;
        border: round $primary;
    }
    WelcomeScreen .title {
        color: $accent;
        text-style: bold;
        width: 100%;
        content-align: center middle;
    }
    WelcomeScreen .lead {
        color: $text-muted;
        width: 100%;
        content-align: center middle;
        margin-bottom: 1;
    }
    WelcomeScreen .spaced {
        margin-top: 1;
    }
    WelcomeScreen .body {
        color: $foreground;
    }
    WelcomeScreen .command {
        color: $primary;
        text-style: bold;
        padding: 0 2;
        margin: 1 0;
    }
    WelcomeScreen #welcome-buttons {
        height: auto;
        width: 100%;
        align-horizontal: center;
        margin-top: 1;
    }
    WelcomeScreen Button {
        margin: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "demo", "Open the demo library", id="welcome.demo"),
        Binding("q", "quit", "Quit", id="welcome.quit"),
    ]

    def __init__(self, formats: tuple[str, ...] | list[str] = FORMATS,
                 db: Path | None = None) -> None:
        super().__init__()
        self.formats = tuple(formats)
        self.db = db

    def import_command(self) -> str:
        """`reader import today.txt`, with `--db` when the open library is not the default
        one (else the command would fill another library). The library is `db`, or the
        app's `db_path` when the app has one."""
        db = self.db or getattr(self.app, "db_path", None)
        if db is None or Path(db).expanduser() == default_db_path():
            return "reader import today.txt"
        return f"reader --db {shlex.quote(str(db))} import today.txt"

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-scroll"), Vertical(id="welcome"):
            yield Static(Content("Reader"), classes="title")
            yield Static(
                Content("Triage, read and remember research papers, in the terminal."),
                classes="lead",
            )
            yield Static(
                Content("Your library is empty. Import a listing from a shell:"),
                classes="body",
            )
            yield Static(Content(self.import_command()), classes="command")
            yield Static(
                Content("The format is detected from the content. Reader reads:"),
                classes="body",
            )
            bullets = Content("\n").join(Content(f"  • {f}") for f in self.formats)
            yield Static(bullets, classes="body")
            yield Static(
                Content("Or look around first in a throwaway demo library:"),
                classes="body spaced",
            )
            with Horizontal(id="welcome-buttons"):
                yield Button(Content("Open the demo (d)"), variant="primary", id="demo")
                yield Button(Content("Quit (q)"), id="quit")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#demo", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "demo":
            self.action_demo()
        else:
            self.action_quit()

    def action_demo(self) -> None:
        dismiss_once(self, "demo")

    def action_quit(self) -> None:
        self.app.exit()
