"""Conflict copies left in the library folder by a folder-sync tool, merged on open.

When two machines change the library between two syncs, Syncthing keeps the
losing version as `library.state.sync-conflict-20261206-064038-ABCDEFG.json`
and Dropbox as `library.state (Bob's conflicted copy 2026-12-06).json`. Reader
merges each such copy of its state or catalogue file into the library (field
by field: nothing is lost), then moves the copy into `conflict-copies/` beside
the library, never deletes it. A copy that cannot be read is reported and left
where it is.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.store import Library, MergeReport
from reader.store.files import LibraryFiles
from reader.store.schema import STATE

BACKUP_FOLDER = "conflict-copies"

_SYNCTHING = re.compile(r"^(?P<stem>.+?)\.sync-conflict-[0-9]{8}-[0-9]{6}(?:-[^.]*)?"
                        r"(?P<ext>\.[^.]+)?$")
_DROPBOX = re.compile(r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*(?:\([0-9]+\))?\)"
                      r"(?P<ext>\.[^.()]+)?$", re.IGNORECASE)


def original_name(name: str) -> str | None:
    """The file a conflict copy is a copy of (`library.state.json`), None if `name`
    is not a Syncthing or Dropbox conflict copy."""
    for pattern in (_SYNCTHING, _DROPBOX):
        match = pattern.match(name)
        if match:
            return match["stem"] + (match["ext"] or "")
    return None


def find_copies(catalogue: Path) -> list[Path]:
    """Conflict copies of this library's catalogue and state files (one listdir)."""
    files = LibraryFiles(Path(catalogue))
    ours = {files.catalogue.name, files.state.name}
    try:
        names = sorted(os.listdir(files.folder))
    except OSError:
        return []
    return [files.folder / n for n in names if original_name(n) in ours]


@dataclass(slots=True)
class CopiesReport:
    merged: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """One line per copy that could not be merged (left where it was)."""
    changes: MergeReport = field(default_factory=lambda: MergeReport(STATE))
    moved_to: Path | None = None

    def lines(self) -> list[str]:
        """What to tell the user: one line for the merged copies, one per failure."""
        out: list[str] = []
        if self.merged:
            n = len(self.merged)
            out.append(f"merged {n} conflict cop{'ies' if n > 1 else 'y'} left by a sync tool "
                       f"({self.changes.describe()}); moved to {self.moved_to}")
        out.extend(self.failed)
        return out


def _move_aside(path: Path, folder: Path) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / path.name
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.name}.{n}"
    os.replace(path, target)
    return target


def merge_conflict_copies(library: Library) -> CopiesReport:
    """Merge every conflict copy of `library`'s files into it and move it aside.

    Costs one listdir when there is none. A library in memory has none."""
    report = CopiesReport()
    if library.path is None:
        return report
    backup = Path(library.path).parent / BACKUP_FOLDER
    for copy in find_copies(library.path):
        try:
            report.changes.add(library.merge_file(copy))
        except ReaderError as exc:
            report.failed.append(f"a conflict copy was left in place, not merged: {exc}")
            continue
        try:
            _move_aside(copy, backup)
        except OSError as exc:
            report.failed.append(f"conflict copy {copy} was merged but could not be moved "
                                 f"to {backup}: {exc.strerror}")
            continue
        report.merged.append(copy)
        report.moved_to = backup
    return report


def merge_copies_quietly(library: Library) -> list[str]:
    """merge_conflict_copies' lines; never raises (a failure becomes a line)."""
    with contextlib.suppress(ReaderError, OSError):
        return merge_conflict_copies(library).lines()
    return ["conflict copies of the library could not be checked"]
