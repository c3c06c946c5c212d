"""Small files replaced atomically: a temporary file beside the target, fsync,
rename (or hard link, to never clobber), then fsync of the folder. Nothing is left
behind on failure. Used by exports, the config file and the app's first-screen
cache; the library has its own chunked writer (reader/store/fileio.py)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


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
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
