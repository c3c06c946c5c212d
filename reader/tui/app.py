"""The Reader app: themes, settings, the command palette, and the main screen.

`make_app` is the one factory used by the CLI (`run_app`) and by the tests; the
library is injected (an open `Library`, or a callable that opens one, which the
main screen calls in a worker so start-up never waits for the disk).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.theme import Theme

from reader.config import Config
from reader.draft_restore import Restored, restore_drafts
from reader.text import clean_line
from reader.tui.crash import crash_console
from reader.tui.render import is_web_url
from reader.tui.screens.main import MainScreen
from reader.tui.signals import (
    exit_status,
    handle_exit_signals,
    release_exit_signals,
    terminal_alive,
)
from reader.tui.themes import register_themes, theme_errors_message, variable_defaults

if TYPE_CHECKING:
    import signal

    from textual.command import Provider

    from reader.store import Clock, Library

    LibrarySource = Library | Callable[[], Library]

DEFAULT_THEME = "reader-dark"
HANGUP_CHECK = 1.0
"""Seconds between two looks at the terminal (a closed one may send no SIGHUP)."""
EXIT_GRACE = 2.0
"""Seconds the writes in flight may take after a signal before the app exits anyway:
whoever sent it wants the process gone, and each write is atomic."""


def _commands() -> type[Provider]:
    from reader.tui.commands import ReaderCommands

    return ReaderCommands


class ReaderApp(App[str | None]):
    """Exits with "demo" when the welcome screen asked for the demo library."""

    CSS_PATH = "app.tcss"
    TITLE = "Reader"
    COMMANDS: ClassVar = App.COMMANDS | {_commands}

    def __init__(self, source: LibrarySource, *, theme: str | None = None,
                 clock: Clock | None = None, demo: bool = False,
                 db_path: Path | None = None) -> None:
        self.source = self._restoring(source) if callable(source) else source
        self.library: Library | None = None if callable(source) else source
        self.opened: Library | None = self.library
        """The library once open (by the loading worker when `source` opens it)."""
        self.restored = Restored([], []) if callable(source) else restore_drafts(source)
        """Unsaved notes (drafts the last runs left) restored, or rescued to files."""
        self.db_path = db_path
        """The library's file, when known: enables the first-screen cache."""
        self.owns_library = self.library is None
        self.requested_theme = theme
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.demo = demo
        self.config = Config.load()
        self.theme_errors: list[str] = []
        self._remember_theme = False
        self.terminated_by: int | None = None
        """The signal the app is exiting for (SIGTERM, SIGHUP), if any."""
        self._exit_signals: list[signal.Signals] = []
        super().__init__()
        self.error_console = crash_console()  # one line for the user, not a traceback
        self.theme_errors = register_themes(self)
        self._set_initial_theme(self._initial_theme())

    def _set_initial_theme(self, name: str) -> None:
        """Pick the theme before any stylesheet is read, without the watcher: setting
        `theme` makes Textual read every stylesheet again, once more than needed at
        start-up. What the watcher does that matters before the first paint is done
        here: the theme's classes and CSS variables. (Textual's ANSI-to-truecolor
        filter keeps the default dark palette; it maps only ANSI colours, which our
        styles and widgets do not use.)"""
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        for old in [c for c in self.classes if c.startswith("-theme-")]:
            self.set_class(False, old, update=False)
        self.set_class(True, f"-theme-{name}", update=False)
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.stylesheet.set_variables(self.get_css_variables())  # nothing parsed yet

    # themes ------------------------------------------------------------
    def _initial_theme(self) -> str:
        for name in (self.requested_theme, self.config.theme, DEFAULT_THEME):
            if name and name in self.available_themes:
                return name
        return "textual-dark"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme)

    def on_mount(self) -> None:
        if self.theme_errors:
            self.notify(theme_errors_message(self.theme_errors), title="Themes",
                        severity="warning", markup=False, timeout=8)
        wanted = self.requested_theme
        if wanted and wanted not in self.available_themes:
            names = ", ".join(sorted(self.available_themes))
            self.notify(f"Unknown theme {wanted!r}; available: {names}",
                        severity="warning", markup=False, timeout=8)
        elif wanted:
            self._save_theme(wanted)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.announce_restored(self.restored)
        if not self.is_headless:  # tests call terminate() directly
            self._exit_signals = handle_exit_signals(asyncio.get_running_loop(),
                                                     self.terminate)
            self.set_interval(HANGUP_CHECK, self._check_terminal)

    # note drafts ---------------------------------------------------------
    class DraftsRestored(Message):
        """Notes left unsaved by the last runs were saved into the library (or, for
        papers no library has any more, into rescue files)."""

        def __init__(self, restored: Restored) -> None:
            super().__init__()
            self.restored = restored

    def _restoring(self, opener: Callable[[], Library]) -> Callable[[], Library]:
        """`opener`, then the drafts the last run left are saved (in the loading worker)."""

        def open_and_restore() -> Library:
            lib = self.opened = opener()
            restored = restore_drafts(lib)
            if restored.titles or restored.rescued:
                self.post_message(self.DraftsRestored(restored))
            return lib

        return open_and_restore

    @on(DraftsRestored)
    def _drafts_restored(self, event: DraftsRestored) -> None:
        self.announce_restored(event.restored)

    def announce_restored(self, restored: Restored) -> None:
        for title in restored.titles:
            shown = clean_line(title)
            shown = shown if len(shown) <= 70 else shown[:69] + "…"
            self.notify(f"Restored an unsaved note for {shown}", title="Note restored",
                        markup=False, timeout=10)
        if restored.rescued:
            self.notify(clean_line(restored.rescue_notice()), title="Notes kept",
                        markup=False, timeout=15)

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.library or self.source, db_path=self.db_path, demo=self.demo,
                          config=self.config, clock=self.clock)

    def _theme_changed(self, theme: Theme) -> None:
        self._save_theme(theme.name)

    def _save_theme(self, name: str) -> None:
        if self.config.theme != name:
            self.config.theme = name
            self.config.save()

    def theme_names(self) -> list[str]:
        return sorted(self.available_themes)

    def action_command_palette(self) -> None:
        """ctrl+p: the palette whose enter runs the command before the next key."""
        from reader.tui.screens.command_palette import open_palette

        open_palette(self)

    # links -------------------------------------------------------------
    def open_link(self, url: str) -> bool:
        """Open an http(s) link in the browser (off the UI thread); refuse others."""
        if not is_web_url(url):
            self.notify("Only http(s) links are opened.", severity="warning", markup=False)
            return False
        self._browse(url)
        return True

    class BrowserAnswered(Message):
        """The browser was asked to open `url`; `opened`: whether one did."""

        def __init__(self, url: str, opened: bool) -> None:
            super().__init__()
            self.url, self.opened = url, opened

    @work(thread=True, group="browser", exit_on_error=False)
    def _browse(self, url: str) -> None:
        """The browser call may block: off the UI thread."""
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        self.post_message(self.BrowserAnswered(url, opened))

    @on(BrowserAnswered)
    def _browsed(self, event: BrowserAnswered) -> None:
        url = event.url
        if event.opened:
            self.notify(f"Opening {clean_line(url)}", markup=False, timeout=3)
        else:  # a headless box: no $BROWSER, no xdg-open
            self.copy_to_clipboard(url)
            self.notify(f"No browser found — link copied: {clean_line(url)}",
                        severity="warning", markup=False, timeout=8)

    # lifetime ----------------------------------------------------------
    async def action_quit(self) -> None:
        """ctrl+q and the palette's Quit: wait for the writes in flight, then exit
        (a note being typed is saved as the app closes: see on_unmount)."""
        self._exit_when_written(0)

    @work(group="quit", exit_on_error=False)
    async def _exit_when_written(self, return_code: int) -> None:
        writes = [w for w in self.workers if w.group == "store"]
        if writes:
            await self.workers.wait_for_complete(writes)
        self.exit(return_code=return_code)

    def terminate(self, signum: int) -> None:
        """A terminating signal arrived: exit with status 128 + signum once the
        writes in flight are done, or after EXIT_GRACE (later signals change nothing)."""
        if self.terminated_by is None:
            self.terminated_by = signum
            code = exit_status(signum)
            self._exit_when_written(code)
            self.set_timer(EXIT_GRACE, lambda: self.exit(return_code=code))

    def _check_terminal(self) -> None:
        if not terminal_alive():
            import signal

            self.terminate(signal.SIGHUP)

    def on_unmount(self) -> None:
        """Whatever ended the app (quit, a signal, an error), the screens are gone and
        the note editors kept what was not saved yet as drafts: saved now. Only a
        run that could not get this far leaves them to the next start."""
        release_exit_signals(asyncio.get_running_loop(), self._exit_signals)
        if self.opened is not None:
            restore_drafts(self.opened)
        if self.owns_library and self.library is not None:
            self.library.close()


def make_app(library: LibrarySource, *, theme: str | None = None, clock: Clock | None = None,
             demo: bool = False, db_path: Path | None = None) -> ReaderApp:
    """The app on `library` (an open Library, or a callable opening one in a worker).

    `db_path` (the library's file) lets the app show the last first screen at
    once while a large library loads."""
    return ReaderApp(library, theme=theme, clock=clock, demo=demo, db_path=db_path)
