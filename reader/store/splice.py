"""One paper taken out of the catalogue file by a byte splice, and out of its derived index.

`reader delete ID` used to parse the whole catalogue and write it again. The file
holds each document as `"<doc id>":{...}` between commas, and the derived index
knows where each one is, so the new file is the old one less those bytes and one
comma: copied by the kernel (`copy_file_range`) into a temporary file beside it,
fsynced, renamed over it, the folder fsynced: atomic and durable like every write
of the store. The file stays standard TinyDB JSON; only its document ids keep a
gap where the paper was (TinyDB numbers new documents after the largest).

The derived index of the new file is the old one less that row, every later
document's offset moved by the bytes cut. Whenever this is not plainly right, the
caller takes the usual path: a paper whose document the index could not place,
alone on its line, a library with invalid records, or names (aliases, citation
keys) of one paper hiding another's.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from array import array
from collections.abc import Callable
from pathlib import Path

from reader.atomicfile import fsync_dir
from reader.store import derived
from reader.store.fileio import check_writable, temp_prefix
from reader.store.names import SortedNames
from reader.store.sections import DerivedIndex

__all__ = ["cut_of", "index_without", "write_without"]

_CHUNK = 8 << 20


def cut_of(index: DerivedIndex, row: int, read: Callable[[int, int], bytes]
           ) -> tuple[int, int] | None:
    """(start, end) of the bytes to take out of the file for the paper at `row`: its
    document and the comma that joins it to a neighbour on its line; None when the
    splice is not plainly right (see the module docstring)."""
    if index.skipped or not index.simple:
        return None
    offset, length = index.place(row)
    if not length or offset < 1:
        return None
    end = offset + length
    after, before = read(end, 2), read(offset - 1, 1)
    if after[:2] == b',"':  # another document follows on the line
        return offset, end + 1
    if after[:1] == b"\n" or after == b",\n":  # the line's last document
        return (offset - 1, end) if before == b"," else None  # alone: a line would empty
    return None


def _copy(src: int, dst: int, start: int, stop: int) -> None:
    """Bytes [start, stop) of `src` appended to `dst` (by the kernel where it can)."""
    at = start
    with contextlib.suppress(OSError, AttributeError):
        while at < stop:
            done = os.copy_file_range(src, dst, min(stop - at, 1 << 30), at)
            if not done:
                break
            at += done
    while at < stop:  # no copy_file_range here (or it stopped): through memory
        data = os.pread(src, min(stop - at, _CHUNK), at)
        if not data:
            raise OSError("the catalogue file was cut short while it was copied")
        os.write(dst, data)
        at += len(data)


def write_without(path: Path, src: int, cut: tuple[int, int]) -> None:
    """Replace `path` (open as `src`) by its content less the bytes `cut`, atomically:
    a temporary file beside it, fsync, rename, fsync of the folder."""
    check_writable(path)
    size = os.fstat(src).st_size
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), dir=path.parent)
    try:
        _copy(src, fd, 0, cut[0])
        _copy(src, fd, cut[1], size)
        if os.fstat(fd).st_size != size - (cut[1] - cut[0]):
            raise OSError("the catalogue file changed while it was copied")
        os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)
    fsync_dir(path.parent)


def _lines_without(data: bytes, row: int) -> bytes:
    lines = data.split(b"\n")  # (the last one empty: the data ends with a newline)
    del lines[row]
    return b"\n".join(lines)


def index_without(index: DerivedIndex, row: int, cut: tuple[int, int]) -> dict[str, bytes]:
    """The sections of `index` less the paper at `row`, whose document and a comma
    (the bytes `cut`) left the catalogue file."""
    sections = derived.read_all(index)
    ids = SortedNames(sections["ids"], _array("I", sections["ids.starts"]),
                      array("I", range(index.count))).without(row)
    place, lengths = _array("Q", sections["start"]), _array("I", sections["length"])
    del place[row], lengths[row]
    first, removed = cut[0], cut[1] - cut[0]
    place = array("Q", [p - removed if p > first else p for p in place])
    sections |= {"ids": ids.blob, "ids.starts": ids.starts.tobytes(),
                 "start": place.tobytes(), "length": lengths.tobytes()}
    for name in ("by_id", "keys", "aliases"):
        sections |= derived.names_sections(name, index.names(name).without(row))
    for field in derived.FIELDS:
        key = f"field:{field}"
        sections[key] = _lines_without(sections[key], row)
    return sections


def _array(code: str, data: bytes) -> array[int]:
    out = array(code)
    out.frombytes(data)
    return out
