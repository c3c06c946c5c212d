"""An unexpected error in the app: one line for the user, the details in a file.

Textual ends the app on an unhandled error and prints what it has to say about it
(a traceback with local variables, which may hold the user's papers) to its error
console after the terminal is restored. `CrashReport` is that console's file: it
writes what it is given to the crash log (0600) and prints one clean line instead:
"reader: unexpected error: <the error> (details in <file>)".
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import IO, cast

from rich.console import Console

from reader.paths import crash_log
from reader.text import clean_line

MAX_LINE = 300
"""Characters of the error shown to the user (the file has all of it)."""


def last_error_line(report: str) -> str:
    """The error itself: what follows the traceback's last frame box (Rich draws
    frames in boxes; the error's type and message come after the last one)."""
    lines = report.rstrip().splitlines()
    start = 0
    for i, line in enumerate(lines):
        if line.lstrip().startswith("╰"):
            start = i + 1
    tail = " ".join(" ".join(line.split()) for line in lines[start:] if line.strip())
    return tail or "unknown error"


class CrashReport(io.TextIOBase):
    """A write-only text file: each flushed message goes to the crash log, and one
    line saying so to `stream` (standard error by default, looked up when used)."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        super().__init__()
        self._stream = stream
        self._pending: list[str] = []
        self.reported = 0
        """How many reports were written (the first one makes the file anew)."""

    def write(self, text: str) -> int:
        self._pending.append(text)
        return len(text)

    def flush(self) -> None:
        report, self._pending = "".join(self._pending), []
        if not report.strip():
            return
        where = ""
        with contextlib.suppress(OSError):
            log = crash_log()
            log.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if self.reported
                                                          else os.O_TRUNC), 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(report)
            log.chmod(0o600)
            where = f"(details in {log})"
        first = not self.reported
        self.reported += 1
        if first:  # later ones ("1 of 2 errors shown") only go to the file
            line = clean_line(f"reader: unexpected error: {last_error_line(report)}")
            stream = self._stream or sys.stderr
            with contextlib.suppress(OSError, ValueError):
                stream.write(" ".join([line[:MAX_LINE], clean_line(where)]).rstrip() + "\n")
                stream.flush()


def crash_console() -> Console:
    """The console for `App.error_console`: plain text into a `CrashReport`."""
    return Console(file=cast("IO[str]", CrashReport()), markup=False, highlight=False,
                   color_system=None, force_terminal=False, width=1000, soft_wrap=True)
