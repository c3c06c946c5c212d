"""A note that could not be saved in the library is written to a rescue file.

`rescue_note(paper_id, text)` writes a new file, readable by the user only
(0600), in `<config>/rescued-notes/`, else the temporary folder, else the home
folder (the library's disk may be the one that is full), and returns its path;
None when no folder took it. Never raises.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from reader.paths import config_dir

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _folders() -> list[Path]:
    folders: list[Path] = []
    with contextlib.suppress(Exception):
        folders.append(config_dir() / "rescued-notes")
    folders.append(Path(tempfile.gettempdir()))
    with contextlib.suppress(RuntimeError):
        folders.append(Path.home())
    return folders


def rescue_note(paper_id: str, text: str, *, now: datetime | None = None,
                why: str = "Reader could not save this note of {id} in the library.",
                ) -> Path | None:
    """Write `text` (the note of `paper_id`) to a new 0600 file, below the line
    `why` ({id}: the paper's id); its path, or None."""
    when = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    name = f"reader-note-{_UNSAFE.sub('_', paper_id)[:60]}-{when}"
    data = (f"{why.replace('{id}', paper_id)}\n\n"
            f"{text.rstrip()}\n").encode("utf-8", errors="replace")
    for folder in _folders():
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for n in range(100):
                path = folder / f"{name}{f'-{n}' if n else ''}.md"
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    continue
                try:
                    _write_all(fd, data)
                    os.fsync(fd)
                except OSError:
                    os.close(fd)
                    with contextlib.suppress(OSError):
                        path.unlink()
                    break
                os.close(fd)
                return path
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
