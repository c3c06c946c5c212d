"""The config's `bib_export` file, kept equal to the library while the app runs.

A widget with nothing to show: it owns the quiet-time timer and the thread worker
that writes the file (export/watch.py: atomic, and only when the text changes),
which reports a failure with a message handled here, on the UI thread.
The screen tells it when the library changed; it reads the papers through the
callable it was given, on the UI thread, and exports them in a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from reader.errors import ReaderError
from reader.model import Entry
from reader.text import clean_line

DELAY = 1.0
"""Seconds of quiet after a change before the file is rewritten (marking ten papers
in a row exports once)."""


class BibExporter(Widget):
    """Rewrites `path` (BibTeX of every paper) after the library changes."""

    DEFAULT_CSS = "BibExporter { display: none; }"

    def __init__(self, path: str, entries: Callable[[], list[Entry]]) -> None:
        super().__init__()
        self.path = Path(path).expanduser()
        self._entries = entries
        self._timer: Timer | None = None

    def library_changed(self) -> None:
        """Export soon (after DELAY of quiet)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DELAY, self._export_now)

    def _export_now(self) -> None:
        self._export(self._entries())  # read here: the view changes on this thread

    class BibExportFailed(Message, bubble=False):
        """The file could not be written: `error` says why (one line)."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    @work(thread=True, group="bib", exit_on_error=False)
    def _export(self, entries: list[Entry]) -> None:
        from reader.export.watch import ExportFile

        try:
            ExportFile(self.path, "bib").refresh(entries)
        except ReaderError as exc:
            self.post_message(self.BibExportFailed(clean_line(str(exc))))

    @on(BibExportFailed)
    def _failed(self, event: BibExportFailed) -> None:
        self.app.notify(f"bib_export: {event.error}", severity="error", markup=False)
