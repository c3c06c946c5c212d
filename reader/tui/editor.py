"""Edit text in the user's editor (`$VISUAL`, `$EDITOR`, else vi or nano).

The app is suspended while the editor runs (`App.suspend`), the text goes
through a temporary file, and what comes back is sanitized like any user text.

When the app is told to end (SIGTERM, SIGHUP) while the editor runs, the signal
is passed on to the editor; once it ends, whatever the user had written to the
file is kept as the note, even though the editor exits with an error, and the
signal is delivered to the app again, which then exits (reader.tui.signals).
Text never written to the file stays with the editor (vim's swap file, nano's
.save file).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any

from textual.app import App, SuspendNotSupported

from reader.text import sanitize
from reader.tui.signals import TERMINATING_SIGNALS

FALLBACK_EDITORS = ("vi", "nano")


def editor_command() -> list[str] | None:
    """The editor to run as an argv list, or None when there is none."""
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            try:
                argv = shlex.split(value)
            except ValueError:
                continue
            if argv:
                return argv
    for name in FALLBACK_EDITORS:
        found = shutil.which(name)
        if found:
            return [found]
    return None


def _warn(app: App[Any], message: str) -> None:
    app.notify(message, title="Editor", severity="error", markup=False)


def _run(argv: list[str], path: Path, received: list[int]) -> int | OSError:
    """The editor's exit status, or the error that kept it from starting. Never raises:
    an exception inside `App.suspend()` would leave the app suspended (blank screen).
    A terminating signal that came while it ran is appended to `received`."""
    with _keyboard_signals_ignored():  # ctrl+c is the editor's, not ours
        try:
            child = subprocess.Popen([*argv, str(path)])
        except OSError as exc:
            return exc
        with _signals_passed_on(child, received):
            return child.wait()


@contextmanager
def _signals_passed_on(child: subprocess.Popen[bytes], received: list[int]) -> Iterator[None]:
    """While `child` runs, SIGTERM and SIGHUP go to it (the UI thread waits for it and
    could not act on them); they are delivered to us again once it ended. A plain
    handler: it runs on this thread, which waits in `wait()`, as soon as one comes."""

    def pass_on(signum: int, frame: FrameType | None) -> None:
        received.append(signum)
        if child.returncode is None:
            with suppress(OSError):
                os.kill(child.pid, signum)

    taken: list[signal.Signals] = []
    try:
        with _handlers_set(TERMINATING_SIGNALS, pass_on, keep_ignored=True) as taken:
            yield
    finally:
        if received and taken:
            signal.raise_signal(received[0])  # now the app's own handler acts on it


def _do_nothing(signum: int, frame: FrameType | None) -> None:
    """A signal handler that drops the signal."""


@contextmanager
def _keyboard_signals_ignored() -> Iterator[None]:
    """Ignore SIGINT and SIGQUIT here while the editor has the terminal.

    The editor shares our process group, so a ctrl+c or ctrl+\\ typed in it
    reaches Reader too, whose SIGINT handler (asyncio's) would end the app.
    Set before the editor starts (a signal sent the moment it starts is ours
    too) as a handler that does nothing, not SIG_IGN: a caught signal goes
    back to its default in the editor at exec, an ignored one would stay
    ignored there."""
    with _handlers_set((signal.SIGINT, signal.SIGQUIT), _do_nothing, keep_ignored=False):
        yield


@contextmanager
def _handlers_set(signums: Iterable[signal.Signals],
                  handler: Callable[[int, FrameType | None], None],
                  *, keep_ignored: bool) -> Iterator[list[signal.Signals]]:
    """`handler` for each of `signums` while the block runs (yields those it took),
    then the handlers from before. With `keep_ignored`, a signal ignored at start (as
    under nohup) stays ignored. Off the main thread nothing is changed: signals are
    not ours to change there."""
    saved: list[tuple[signal.Signals, Any]] = []
    try:
        for signum in signums:
            if not (keep_ignored and signal.getsignal(signum) is signal.SIG_IGN):
                saved.append((signum, signal.signal(signum, handler)))
    except ValueError:
        pass
    try:
        yield [signum for signum, _ in saved]
    finally:
        for signum, previous in saved:
            signal.signal(signum, previous)


def edit_text_externally(app: App[Any], text: str, suffix: str = ".md") -> str | None:
    """Let the user edit `text` in their editor; the new text, or None.

    None when the text came back unchanged, or the editor could not run or
    failed (the user is told why in a notification). Trailing blank lines and
    control characters are removed from the result.
    """
    argv = editor_command()
    if argv is None:
        _warn(app, "No editor found: set $EDITOR (for example EDITOR=nano).")
        return None
    received: list[int] = []
    fd, name = tempfile.mkstemp(prefix="reader-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text if not text or text.endswith("\n") else text + "\n")
        code: int | OSError
        try:
            with app.suspend():
                code = _run(argv, path, received)
        except SuspendNotSupported:
            if not app.is_headless:
                _warn(app, "Cannot run an editor here (the terminal cannot be suspended).")
                return None
            code = _run(argv, path, received)  # headless (tests): nothing to hand the terminal to
        if isinstance(code, OSError):
            _warn(app, f"Could not start the editor {argv[0]!r}: {code.strerror or code}")
            return None
        if code != 0 and not received:
            _warn(app, f"The editor {argv[0]!r} exited with status {code}; nothing changed.")
            return None
        try:
            edited = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            _warn(app, f"Could not read the edited text back: {exc.strerror or exc}")
            return None
    finally:
        path.unlink(missing_ok=True)
    result = sanitize(edited).rstrip()
    if result == sanitize(text).rstrip():
        return None
    return result
