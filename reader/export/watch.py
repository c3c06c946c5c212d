"""An export file kept equal to the library: `reader export --watch PATH`, and the
`.bib` of the config's `bib_export` (what Better BibTeX's auto-export does for Zotero).

`ExportFile.refresh(entries)` exports and replaces the file atomically (temp file,
fsync, rename: LaTeX never reads half a file), and only when the text differs, so
an unchanged library does not touch the file (no needless LaTeX rebuilds). The
watch loop polls the library's files (one `stat` each: the library object's own
change check) and refreshes after each change; it is told when to stop by an
event or a number of polls, so that tests wait for a file, not for a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import ExportError, ReaderError
from reader.export.base import get_exporter, write_atomic
from reader.model import Entry

Select = Callable[[Sequence[Entry]], Sequence[Entry]]


def _body(text: str) -> str:
    """The text without its first line when that is Reader's dated comment line (a
    new day alone is no reason to rewrite a file)."""
    if text.startswith("% Exported by Reader"):
        return text.partition("\n")[2]
    return text


class ExportFile:
    """One file holding the export of (a selection of) the library."""

    def __init__(self, path: Path, fmt: str, select: Select = list) -> None:
        self.path = Path(path).expanduser()
        self.exporter = get_exporter(fmt)
        self.select = select
        self.count = 0
        """Papers in the file after the last refresh."""

    def refresh(self, entries: Sequence[Entry], now: datetime | None = None) -> bool:
        """Export `entries`; replace the file when its text changes. True when written.
        ExportError (one line) when the file cannot be written."""
        chosen = self.select(entries)
        text = self.exporter.dump(chosen, now or datetime.now(UTC))
        self.count = len(chosen)
        try:
            old = self.path.read_text(encoding=self.exporter.encoding)
        except (OSError, UnicodeDecodeError):
            old = None
        if old is not None and _body(old) == _body(text):
            return False
        write_atomic(self.path, text, overwrite=True, encoding=self.exporter.encoding)
        return True


def written_by_reader(path: Path) -> bool:
    """Whether `path` holds a BibTeX export of Reader (the watch may replace it)."""
    try:
        with path.open(encoding="utf-8") as fh:
            return fh.readline().startswith("% Exported by Reader")
    except (OSError, UnicodeDecodeError):
        return False


def watch(target: ExportFile, *, changed: Callable[[], bool],
          entries: Callable[[], Sequence[Entry]], report: Callable[[str], None],
          every: float = 1.0, stop: threading.Event | None = None,
          polls: int | None = None) -> None:
    """Refresh `target` now, then after each poll where `changed()` says the library
    changed (or the file was deleted), every `every` seconds, until `stop` is set or
    `polls` polls were made. The first failure raises (ReaderError); later ones are
    reported, once each, and the watch goes on (the library may be mid-restore)."""
    stop = stop or threading.Event()
    target.refresh(entries())
    report(f"wrote {target.count} papers to {target.path}; watching the library")
    done = 0
    last_problem = ""
    while not (polls is not None and done >= polls) and not stop.wait(every):
        done += 1
        try:
            if (changed() or not target.path.exists()) and target.refresh(entries()):
                report(f"wrote {target.count} papers to {target.path}")
            last_problem = ""
        except ReaderError as exc:
            if str(exc) != last_problem:
                report(f"reader: {exc}")
            last_problem = str(exc)


__all__ = ["ExportError", "ExportFile", "watch", "written_by_reader"]
