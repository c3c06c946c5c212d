"""`reader import`: parse files, merge into the library, report (CONTRACT STUB)."""

from __future__ import annotations

from pathlib import Path


def import_files(db_path: Path, files: list[Path], fmt: str | None = None) -> int:
    """Import each file; one line per file on stdout; errors one line on stderr.
    Returns the exit status (1 if any file failed)."""
    raise NotImplementedError
