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
import threading
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reader.atomicfile import fsync_dir
from reader.store import derived
from reader.store.fileio import WRITEBACK_CHUNK, check_writable, start_writeback, temp_prefix
from reader.store.packed import decrease_above, decrease_all
from reader.store.sections import DerivedIndex, Stale

__all__ = ["cut_of", "index_without", "write_without"]

_CHUNK = WRITEBACK_CHUNK
T = TypeVar("T")


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


class _Cancelled(Exception):
    """The copy was stopped: its result is not wanted."""


def _copy(src: int, dst: int, start: int, stop: int, to: int,
          cancel: threading.Event) -> None:
    """Bytes [start, stop) of `src` written at `to` in `dst` (by the kernel where it
    can), a chunk at a time, each chunk's writing to disk started at once (below);
    `cancel` stops it between two chunks."""
    at = start
    with contextlib.suppress(OSError, AttributeError):
        while at < stop:
            if cancel.is_set():
                raise _Cancelled
            done = os.copy_file_range(src, dst, min(stop - at, _CHUNK), at, to + at - start)
            if not done:
                break
            start_writeback(dst, to + at - start, done)
            at += done
    while at < stop:  # no copy_file_range here (or it stopped): through memory
        if cancel.is_set():
            raise _Cancelled
        data = os.pread(src, min(stop - at, _CHUNK), at)
        if not data:
            raise OSError("the catalogue file was cut short while it was copied")
        _write_all(dst, data, to + at - start)
        start_writeback(dst, to + at - start, len(data))
        at += len(data)


def _write_all(fd: int, data: bytes, at: int) -> None:
    """All of `data` written at `at` in `fd`. A write may take only part of it (some
    file systems do): the rest is written after it, never skipped, or the copy
    would keep a hole of zero bytes where the rest belonged, at the right size."""
    view = memoryview(data)
    while view:
        done = os.pwrite(fd, view, at)
        if done <= 0:
            raise OSError("the copy of the catalogue file could not be written")
        view, at = view[done:], at + done


class _Copying(threading.Thread):
    """The copy of the file less the cut and its fsync, run beside the caller's work
    (the kernel copies and flushes without the interpreter's lock)."""

    def __init__(self, src: int, dst: int, cut: tuple[int, int], size: int) -> None:
        super().__init__(name="catalogue-splice", daemon=True)
        self._args = src, dst, cut, size
        self.error: BaseException | None = None
        self.cancel = threading.Event()

    def run(self) -> None:
        src, dst, (first, after), size = self._args
        try:
            _copy(src, dst, 0, first, 0, self.cancel)
            _copy(src, dst, after, size, first, self.cancel)
            if os.fstat(dst).st_size != size - (after - first):
                raise OSError("the catalogue file changed while it was copied")
            os.fsync(dst)
        except BaseException as exc:  # given to the caller by finish()
            self.error = exc

    def finish(self) -> None:
        """Wait for the thread to end, even through a Ctrl-C (the caller closes the
        file it writes to: never while it still writes); its error, if wanted."""
        interrupted: KeyboardInterrupt | None = None
        while self.is_alive():
            try:
                self.join()
            except KeyboardInterrupt as exc:
                interrupted = exc
                self.cancel.set()
        if interrupted is not None:
            raise interrupted
        if self.error is not None and not isinstance(self.error, _Cancelled):
            raise self.error


def write_without(path: Path, src: int, cut: tuple[int, int],
                  meanwhile: Callable[[], T]) -> T:
    """Replace `path` (open as `src`) by its content less the bytes `cut`, atomically:
    a temporary file beside it, fsync, rename, fsync of the folder. `meanwhile()`
    runs while the file is copied (its result is returned); when it raises, the
    file is left as it was."""
    check_writable(path)
    size = os.fstat(src).st_size
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), dir=path.parent)
    try:
        copying = _Copying(src, fd, cut, size)
        copying.start()
        try:
            result = meanwhile()
        except BaseException:
            copying.cancel.set()  # the copy is in vain: stop it at its next chunk
            raise
        finally:
            copying.finish()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)
    fsync_dir(path.parent)
    return result


def index_without(index: DerivedIndex, row: int, cut: tuple[int, int]) -> dict[str, bytes]:
    """The sections of `index` less the paper at `row`, whose document and a comma
    (the bytes `cut`) left the catalogue file. No Python loop over the papers: the
    numbers after the row move down in C (packed.py), lines are cut by their starts."""
    sections = derived.read_all(index)
    try:
        place, lengths = _array("Q", sections["start"]), _array("I", sections["length"])
        if len(place) != index.count or len(lengths) != index.count:
            raise Stale("places")
        first, removed = cut[0], cut[1] - cut[0]
        place = decrease_above(place[:row] + place[row + 1:], first, removed)
        del lengths[row]
        sections |= {"start": place.tobytes(), "length": lengths.tobytes()}
        sections |= _lines_without("ids", sections["ids"], sections["ids.starts"], row,
                                   index.count)
        for name in ("by_id", "keys", "aliases"):
            sections |= derived.names_sections(name, index.names(name).without(row))
        for field in derived.FIELDS:
            key = f"field:{field}"
            sections |= _lines_without(key, sections[key], sections.get(f"{key}.starts"),
                                       row, index.count)
    except (KeyError, ValueError, IndexError) as exc:  # a damaged index: the full path
        raise Stale("sections") from exc
    return sections


def _lines_without(key: str, data: bytes, starts_data: bytes | None, row: int,
                   count: int) -> dict[str, bytes]:
    """The section `key` (one line per row: the ids, a column) less the line of `row`,
    and its line starts (`<key>.starts`)."""
    if starts_data is None:  # an index written before the starts were kept
        lines = data.split(b"\n")  # (the last one empty: the data ends with a newline)
        del lines[row]
        return {key: b"\n".join(lines)}
    starts = _array("I", starts_data)
    if len(starts) != count + 1 or starts[-1] != len(data):
        raise Stale(key)
    a, b = starts[row], starts[row + 1]
    return {key: data[:a] + data[b:],
            f"{key}.starts": (starts[:row] + decrease_all(starts[row + 1:], b - a)).tobytes()}


def _array(code: str, data: bytes) -> array[int]:
    out = array(code)
    out.frombytes(data)
    return out
