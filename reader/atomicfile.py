"""Small files replaced atomically: a temporary file beside the target, fsync,
rename (or hard link, to never clobber), then fsync of the folder. Nothing is left
behind on failure. Used by exports, the config file and the app's first-screen
cache; the library has its own chunked writer (reader/store/fileio.py).
Temporary files a killed process left behind are removed at the next write to
their folder, once they are an hour old."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_TAG = ".reader-"
"""In the name of every temporary file written here: `.<target>.reader-XXXXXXXX.tmp`."""
_OURS = re.compile(r"\..+\.reader-[a-z0-9_]{8}\.tmp")
STALE_AFTER_S = 3600.0
"""A temporary file of ours this old was left by a killed process (a write takes seconds)."""


def remove_stale_temp_files(folder: Path, *, now: float | None = None) -> int:
    """Delete the temporary files of Reader's own naming in `folder` that are older than
    STALE_AFTER_S (a SIGKILL during a write leaves one; one being written now is young).
    Returns how many were removed. Never raises."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _OURS.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_AFTER_S:
                os.unlink(entry.path)
                removed += 1
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (no-op where directories can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def umask() -> int:
    """The process umask, read without changing it (Linux), else the usual 022."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def replace_file(path: Path, data: bytes, *, overwrite: bool = True,
                 private: bool = False) -> None:
    """Write `data` as `path` in one step: readers see the old file or the new one.

    The new file keeps the permissions of the file it replaces, else gets the usual
    ones (0666 minus umask); `private` makes it 0600 whatever (caches of the
    library's text). With `overwrite=False` an existing `path` is never
    replaced, not even one created meanwhile by someone else: FileExistsError.
    Any other failure is the OSError, and no temporary file remains.
    """
    try:
        mode = 0o600 if private else stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~umask()
    tmp: str | None = None
    remove_stale_temp_files(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_TAG}", suffix=".tmp",
                                   dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the name exists: never clobbers
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                if path.exists():
                    raise FileExistsError(str(path)) from None
                os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
