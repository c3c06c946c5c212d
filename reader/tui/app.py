"""The Reader app: themes, settings, the command palette, and the main screen.

`make_app` is the one factory used by the CLI (`run_app`) and by the tests; the
library is injected (an open `Library`, or a callable that opens one, which the
main screen calls in a worker so start-up never waits for the disk).
"""

from __future__ import annotations

import contextlib
import signal
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import App
from textual.theme import Theme

from reader.config import Config
from reader.paths import crash_log
from reader.text import clean_line
from reader.tui.render import is_web_url
from reader.tui.screens.main import MainScreen
from reader.tui.signals import SignalGuard, exit_status, hangup_safe, terminal_alive
from reader.tui.themes import register_themes, theme_errors_message, variable_defaults

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.command import Provider
    from textual.driver import Driver

    from reader.store import Clock, Library

    LibrarySource = Library | Callable[[], Library]

DEFAULT_THEME = "reader-dark"
SIGNAL_GRACE = 2.0
"""Seconds the writes may take after SIGTERM/SIGHUP before the app exits anyway."""


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
        self.source = source
        self.library: Library | None = None if callable(source) else source
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
        """The signal `terminate` is handling (SIGTERM, SIGHUP), if any."""
        self.signal_guard = SignalGuard(lambda signum: self.call_later(self.terminate, signum))
        super().__init__()
        self.theme_errors = register_themes(self)
        self._set_initial_theme(self._initial_theme())

    def _set_initial_theme(self, name: str) -> None:
        """Pick the theme before the stylesheet is first read, without the watcher:
        setting `theme` schedules a re-parse of all the CSS (~12 ms of the start-up),
        needless when no CSS has been read yet. The rest of `_watch_theme` is kept
        (Textual 8.2.8, pinned)."""
        self.set_reactive(App.theme, self._validate_theme(name))
        theme = self.current_theme
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes[f"-theme-{theme.name}"] = True
        classes["-dark-mode"] = theme.dark
        classes["-light-mode"] = not theme.dark
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
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
        if not self.is_headless:  # tests call terminate() directly
            self.signal_guard.install()

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

    # links -------------------------------------------------------------
    def open_link(self, url: str) -> bool:
        """Open an http(s) link in the browser (off the UI thread); refuse others."""
        if not is_web_url(url):
            self.notify("Only http(s) links are opened.", severity="warning", markup=False)
            return False
        self.run_worker(lambda: self._browse(url), thread=True, group="browser",
                        exit_on_error=False)
        return True

    def _browse(self, url: str) -> None:
        """In a thread worker: the browser call may block; say what happened."""
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        self.call_from_thread(self._browsed, url, opened)

    def _browsed(self, url: str, opened: bool) -> None:
        if opened:
            self.notify(f"Opening {clean_line(url)}", markup=False, timeout=3)
        else:  # a headless box: no $BROWSER, no xdg-open
            self.copy_to_clipboard(url)
            self.notify(f"No browser found — link copied: {clean_line(url)}",
                        severity="warning", markup=False, timeout=8)

    # lifetime ----------------------------------------------------------
    def _main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    async def action_quit(self) -> None:
        """ctrl+q and the palette's Quit: save the open note, wait for the writes."""
        screen = self._main_screen()
        if screen is None:
            self.exit()
        else:
            screen.action_quit()

    def get_driver_class(self) -> type[Driver]:
        return hangup_safe(super().get_driver_class(), self.signal_guard)

    def panic(self, *renderables: RenderableType) -> None:
        """An unexpected error: save the open note before Textual tears the app
        down. When the terminal hung up (the input thread fails with EIO, maybe
        before SIGHUP is handled) it is SIGHUP's exit instead: no one can see
        the error."""
        if not terminal_alive():
            if self.terminated_by is None:
                self.terminate(signal.SIGHUP)
            return
        screen = self._main_screen()
        try:
            if screen is not None:
                screen.flush_note()
        except Exception:  # already failing: show the first error, not this one
            pass
        super().panic(*renderables)

    def _handle_exception(self, error: Exception) -> None:
        """Any unhandled error ends the app (Textual's rule): the note being
        typed is saved first (Textual 8 private hook, the version is pinned)."""
        screen = self._main_screen()
        with contextlib.suppress(Exception):  # already failing: report the first error
            if screen is not None:
                screen.flush_note()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """One line for the user, the traceback in a file (never a screen of
        traceback with local variables, which may hold the user's papers)."""
        error = self._exception
        line = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
        where = ""
        try:
            log = crash_log()
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text("".join(traceback.format_exception(error)) if error else line,
                           encoding="utf-8")
            log.chmod(0o600)
            where = f" (details in {log})"
        except OSError:
            pass
        self.bell()
        self._exit_renderables.append(Text(
            clean_line(f"reader: unexpected error: {line}"[:300]) + where))
        self._close_messages_no_wait()

    def exit(self, result: str | None = None, return_code: int = 0,
             message: RenderableType | None = None) -> None:
        """Every way out saves the note being edited (synchronously, see flush_note)."""
        screen = self._main_screen()
        error = screen.flush_note() if screen is not None else None
        if error and message is None:
            message, return_code = clean_line(f"reader: {error}"), 1
        super().exit(result, return_code, message)

    # signals -------------------------------------------------------------
    def terminate(self, signum: int) -> None:
        """A terminating signal arrived: save the note and the writes in flight,
        then exit with status 128 + signum (later signals change nothing; the
        guard's watchdog ends the process if this ever hangs)."""
        if self.terminated_by is not None:
            return
        self.terminated_by = signum
        code = exit_status(signum)
        self.set_timer(SIGNAL_GRACE, lambda: self.exit(return_code=code))
        screen = self._main_screen()
        if screen is None:
            self.exit(return_code=code)
        else:
            screen.quit_when_saved(return_code=code)

    def on_unmount(self) -> None:
        self.signal_guard.restore()
        if self.owns_library and self.library is not None:
            self.library.close()


def make_app(library: LibrarySource, *, theme: str | None = None, clock: Clock | None = None,
             demo: bool = False, db_path: Path | None = None) -> ReaderApp:
    """The app on `library` (an open Library, or a callable opening one in a worker).

    `db_path` (the library's file) lets the app show the last first screen at
    once while a large library loads."""
    return ReaderApp(library, theme=theme, clock=clock, demo=demo, db_path=db_path)
