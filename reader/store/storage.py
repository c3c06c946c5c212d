"""TinyDB storages: an atomic, durable, cached JSON file and an in-memory twin.

TinyDB's own JSONStorage truncates and rewrites the file in place and re-reads
it on every query: a crash mid-write loses the library, and a big library
is parsed again for each lookup. `AtomicJSONStorage` instead

* parses the file once with orjson and serves TinyDB from that cache;
* writes a temporary file in the same folder, flushes and fsyncs it, renames it
  over the old file with `os.replace`, then fsyncs the folder: a crash leaves
  the old or the new version, never a mix;
* remembers which file it read by (device, inode, size, mtime_ns) and keeps
  that file open, so the inode cannot be recycled and `changed_on_disk()` is a
  single `os.stat` that is never fooled;
* never overwrites a file it could not read (the caller validates on load).

Callers take the library lock around every read-modify-write; this module only
knows about one file.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from tinydb.storages import Storage

from reader.atomicfile import fsync_dir
from reader.errors import StoreError
from reader.gcutil import gc_paused
from reader.store.fileio import (
    TMP_MARK,
    BeforeReplace,
    Data,
    Validator,
    check_writable,
    dump_chunks,
    open_checked,
    parse_fd,
    read_file,
    temp_prefix,
    write_atomic,
)

__all__ = ["TMP_MARK", "AtomicJSONStorage", "MemoryStorage", "dump_chunks", "fsync_dir",
           "gc_paused", "parse_fd", "read_file", "temp_prefix"]

Signature = tuple[int, int, int, int]


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


def _sig(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class AtomicJSONStorage(Storage):
    """A TinyDB storage over one JSON file, cached, atomic and durable."""

    def __init__(self, path: Path, *, validate: Validator, advice: str,
                 before_replace: BeforeReplace | None = None) -> None:
        self.path = path
        self._validate = validate
        self._advice = advice
        self._before_replace = before_replace
        self._data: Data | None = None
        self._fd: int | None = None
        self._stale: list[int] = []
        self._sig: Signature | None = None
        self._loaded = False
        self._batch = 0
        self._dirty = False

    # --- TinyDB Storage interface -------------------------------------------------
    def read(self) -> Data | None:
        if not self._loaded:
            self.load()
        return self._data

    def write(self, data: Data) -> None:
        self._data = data
        self._loaded = True
        if self._batch:
            self._dirty = True
        else:
            self._persist()

    def close(self) -> None:
        self._set_fd(None)
        self.close_stale()
        self._data = None
        self._loaded = False

    def close_stale(self, *, meanwhile: bool = False) -> None:
        """Close files we replaced. Closing the last handle of a replaced file frees its
        blocks, slow for a big file (~50 ms for 190 MB), so the library calls this after
        releasing its lock; `meanwhile`: in a thread, while the caller goes on (the
        interpreter waits for it before it exits)."""
        stale, self._stale = self._stale, []
        if meanwhile and stale:
            threading.Thread(target=_close_all, args=(stale,), name="close-replaced").start()
        else:
            _close_all(stale)

    # --- our additions -------------------------------------------------------------
    @property
    def exists(self) -> bool:
        """True when the last load or write found a file."""
        return self._sig is not None

    def load(self) -> Data | None:
        """(Re-)read the file; None when it does not exist. StoreError when invalid."""
        with gc_paused():
            got = read_file(self.path, self._validate, self._advice)
        if got is None:
            self._set_fd(None)
            self._data, self._loaded = None, True
            return None
        data, fd = got
        self._set_fd(fd)
        self._data, self._loaded = data, True
        return data

    def adopt(self) -> bool:
        """Open the file and take it as the one read, without parsing it (a caller that
        knows its content from a derived index); False when it does not exist. A
        later `read()` parses it; `changed_on_disk()` compares with this file."""
        fd = open_checked(self.path)
        if fd is None:
            return False
        self._set_fd(fd)
        self._data, self._loaded = None, False
        return True

    @property
    def signature(self) -> Signature | None:
        """(device, inode, size, mtime_ns) of the file read, adopted or written last."""
        return self._sig

    def read_range(self, offset: int, length: int) -> bytes:
        """Bytes of the file read, adopted or written last (the open one, never another
        file that replaced it since); b"" when there is none."""
        if self._fd is None:
            return b""
        return os.pread(self._fd, length, offset)

    @contextlib.contextmanager
    def opened(self) -> Iterator[int | None]:
        """A duplicate descriptor of that file, closed after use (None when there is none)."""
        fd = os.dup(self._fd) if self._fd is not None else None
        try:
            yield fd
        finally:
            if fd is not None:
                os.close(fd)

    def release(self) -> None:
        """Drop the parsed data (kept elsewhere as objects) but remember the file."""
        self._data = None
        self._loaded = False

    def changed_on_disk(self) -> bool:
        """One stat: is the file on disk another one than the one we read or wrote?"""
        try:
            current: Signature | None = _sig(os.stat(self.path))
        except FileNotFoundError:
            current = None
        except OSError:
            return True
        return current != self._sig

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB writes into one file write (inside the caller's lock)."""
        self._batch += 1
        try:
            yield
        except BaseException:  # TinyDB may have changed cached documents in place
            self._batch -= 1
            if not self._batch:
                self._dirty = False
                self._invalidate()
            raise
        self._batch -= 1
        if not self._batch and self._dirty:
            self._dirty = False
            self._persist()

    def _invalidate(self) -> None:
        """Forget the cache after a failed write: the next read re-reads the file."""
        self._data, self._loaded = None, False
        self._sig = (-1, -1, -1, -1)

    def _set_fd(self, fd: int | None) -> None:
        if self._fd is not None:
            self._stale.append(self._fd)
        self._fd = fd
        self._sig = _sig(os.fstat(fd)) if fd is not None else None

    def _persist(self) -> None:
        data = self._data if self._data is not None else {}
        try:
            check_writable(self.path)
            fd = write_atomic(self.path, dump_chunks(data), self._before_replace)
        except StoreError:
            self._invalidate()
            raise
        except (OSError, TypeError) as exc:
            self._invalidate()
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise StoreError(f"cannot write {self.path}: {reason}; "
                             "the library was left as it was") from None
        except BaseException:  # e.g. Ctrl-C: the cache may be ahead of the file
            self._invalidate()
            raise
        self._set_fd(fd)


class MemoryStorage(Storage):
    """The in-memory twin of AtomicJSONStorage (tests, `Library.open(None)`)."""

    path: Path | None = None

    def __init__(self) -> None:
        self._data: Data | None = None

    def read(self) -> Data | None:
        return self._data

    def write(self, data: Data) -> None:
        self._data = data

    def close(self) -> None:
        pass

    def close_stale(self, *, meanwhile: bool = False) -> None:
        pass

    @property
    def exists(self) -> bool:
        return self._data is not None

    def load(self) -> Data | None:
        return self._data

    def release(self) -> None:
        pass

    def adopt(self) -> bool:
        return False

    signature = None

    def read_range(self, offset: int, length: int) -> bytes:
        return b""

    @contextlib.contextmanager
    def opened(self) -> Iterator[int | None]:
        yield None

    def changed_on_disk(self) -> bool:
        return False

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        yield
