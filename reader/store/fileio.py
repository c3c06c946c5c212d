"""Low-level file I/O of the store: the file layout, atomic writes, safe reads.

Layout: standard TinyDB JSON in lines of up to 500 documents (see dump_chunks),
parsed a few MB at a time. Writes: temporary file in the same folder, fsync,
`os.replace`, fsync of the folder. Reads: refuse directories, unreadable and
damaged files with one line naming the file and what to do.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from reader.atomicfile import fsync_dir
from reader.errors import StoreError

Data = dict[str, dict[str, Any]]
Validator = Callable[[Any, Path], Data]
BeforeReplace = Callable[[Path], None]

TMP_MARK = ".tmp-"


def temp_prefix(path: Path) -> str:
    """Prefix of the temporary files written beside `path` (cleaned at open)."""
    return f".{path.name}{TMP_MARK}"


# --- the file layout ----------------------------------------------------------------
# Standard TinyDB JSON, laid out in lines of up to 500 documents so that a 200 MB
# catalogue is parsed and written a few MB at a time, never held twice in memory,
# with one orjson call per line:
#
#   {
#   "_meta":{
#   "1":{"app":"reader",...}
#   },
#   "papers":{
#   "1":{...},"2":{...},...,"500":{...},
#   "501":{...},...
#   }
#   }
#
# Any other layout (a hand-edited or older file) is read with one orjson.loads.

def dump_chunks(data: Data, batch: int = 500) -> Iterator[bytes]:
    """The file content of `data`, one line per `batch` documents (one orjson call each)."""
    dumps, opt = orjson.dumps, orjson.OPT_NON_STR_KEYS
    yield b"{\n"
    names = list(data)
    for t, name in enumerate(names):
        yield dumps(name) + b":{\n"
        items = list(data[name].items())
        for start in range(0, len(items), batch):
            more = start + batch < len(items)
            yield dumps(dict(items[start:start + batch]), option=opt)[1:-1] + (
                b",\n" if more else b"\n")
        yield b"},\n" if t < len(names) - 1 else b"}\n"
    yield b"}\n"


_BATCH = 512
_BATCH_BYTES = 4 << 20


def _parse_table(handle: BinaryIO) -> tuple[dict[str, Any], bool] | None:
    """The documents of one table (lines `"<id>":{...},`), parsed 512 lines per
    orjson call, and whether another table follows; None when not our layout."""
    table: dict[str, Any] = {}
    batch: list[bytes] = []
    size = 0
    while True:
        line = handle.readline()
        closing = line in (b"},\n", b"}\n")
        if batch and (closing or len(batch) == _BATCH or size > _BATCH_BYTES):
            last = batch[-1]
            if last.endswith(b",\n") == closing:  # a comma exactly between documents
                return None
            batch[-1] = last[:-2] if last.endswith(b",\n") else last[:-1]
            table.update(orjson.loads(b"{" + b"".join(batch) + b"}"))
            batch, size = [], 0
        if closing:
            return table, line == b"},\n"
        if not line.startswith(b'"') or not line.endswith(b"\n"):
            return None
        batch.append(line)
        size += len(line)


def _parse_lines(handle: BinaryIO) -> Data | None:
    """Parse our own layout strictly; None when the file is laid out otherwise."""
    if handle.readline() != b"{\n":
        return None
    data: Data = {}
    more_tables = True
    while True:
        line = handle.readline()
        if line == b"}\n":
            if more_tables and data:
                return None
            return data if not handle.read(1) else None
        if not more_tables or not (line.startswith(b'"') and line.endswith(b'":{\n')):
            return None
        name = orjson.loads(line[:-3])
        parsed = _parse_table(handle)
        if not isinstance(name, str) or parsed is None:
            return None
        data[name], more_tables = parsed


WRITEBACK_CHUNK = 16 << 20


def start_writeback(fd: int, offset: int, length: int) -> None:
    """Have the kernel start writing these new bytes to disk now, while the next ones
    are made, so that the fsync at the end waits for the last chunk, not 190 MB.

    On Linux, POSIX_FADV_DONTNEED starts the writeback of the range's dirty pages and
    then drops only the pages already clean (none yet: they are being written), so
    the new file stays in memory. A hint only: where it is missing, the fsync does it all."""
    with contextlib.suppress(OSError, AttributeError):
        os.posix_fadvise(fd, offset, length, os.POSIX_FADV_DONTNEED)


def write_atomic(path: Path, chunks: Iterable[bytes],
                 before_replace: BeforeReplace | None = None) -> int:
    """Write `chunks` to `path` atomically and durably; returns an open fd of the new file.

    The new file is created 0600 (mkstemp). On any error the temporary file is
    removed and the old file is left as it was.
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), dir=folder)
    try:
        with open(fd, "wb", buffering=1 << 20, closefd=False) as handle:
            started = 0
            for chunk in chunks:
                handle.write(chunk)
                if handle.tell() - started >= WRITEBACK_CHUNK:  # (a big catalogue)
                    handle.flush()
                    start_writeback(fd, started, handle.tell() - started)
                    started = handle.tell()
        os.fsync(fd)
        if before_replace is not None:
            before_replace(path)
        os.replace(tmp, path)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)
    return fd


def owner_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def access_advice(path: Path, st: os.stat_result | None, chmod: str) -> str:
    """How to make `path` usable: `chmod ...` only works on one's own files."""
    uid = getattr(os, "geteuid", lambda: None)()
    if st is not None and uid is not None and st.st_uid != uid:
        return (f"it belongs to {owner_name(st.st_uid)}: run Reader as that user, or take "
                f"it over with: sudo chown {owner_name(uid)} {path}")
    return f"fix it with: chmod {chmod} {path}"


def check_writable(path: Path) -> None:
    """Refuse to replace a file the user made read-only (even when running as root)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot use {path}: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} is a directory, not a library file; "
                         "pass another file with --db") from None
    if not st.st_mode & stat.S_IWUSR:
        raise StoreError(f"{path} is read-only; nothing was changed "
                         f"({access_advice(path, st, 'u+w')})")


def open_checked(path: Path) -> int | None:
    """An fd to read `path`, None when it does not exist; StoreError when unusable."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} is a directory, not a library file; "
                         "pass another file with --db")
    if not st.st_mode & stat.S_IRUSR:
        raise StoreError(f"cannot read {path}: permission denied "
                         f"({access_advice(path, st, 'u+rw')})")
    try:
        return os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror} "
                         f"({access_advice(path, st, 'u+rw')})") from None


def parse_fd(fd: int, path: Path, advice: str) -> Any:
    """The JSON value in the file; StoreError (naming the file and `advice`) if not JSON."""
    try:
        with open(fd, "rb", buffering=1 << 20, closefd=False) as handle:
            try:
                data = _parse_lines(handle)
            except orjson.JSONDecodeError:
                data = None
            if data is not None:
                return data
            handle.seek(0)
            content = handle.read()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if not content.strip():
        raise StoreError(f"{path} is empty, not a Reader library; it was left untouched "
                         f"({advice})")
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "invalid JSON"
        raise StoreError(f"{path} is damaged (not valid JSON: {reason}); it was left "
                         f"untouched ({advice})") from None


def read_file(path: Path, validate: Validator, advice: str) -> tuple[Data, int] | None:
    """(validated data, open fd) of `path`, or None when it does not exist."""
    fd = open_checked(path)
    if fd is None:
        return None
    try:
        return validate(parse_fd(fd, path, advice), path), fd
    except BaseException:
        os.close(fd)
        raise
