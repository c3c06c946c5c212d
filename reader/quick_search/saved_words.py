"""The saved word index of a library, its postings read from the file as they are
looked up, for a command that asks a few words (`reader related`, `reader list -q`).

Reading the whole cache file back (persist.load_vouched) copies and checksums every
posting list of the library, most of a command's time at 100k papers, to use a few
dozen of them. This reads the file's header and its per-term counts, and a term's
positions when a lookup first asks for them.

The checksum of the body is what makes persist trust the file; reading a few terms
cannot recompute it. So a file is read this way only when a whole read
(`remember`, called after persist.load_vouched accepted the file for the catalogue
`token`) saw that very file: `<file>.quick` records the token, the body's checksum
and the file's (device, inode, size). The cache is written atomically (a new file is
a new inode) and its header holds the body's checksum, so a file matching all of
them is the one read whole; anything else (another catalogue, a file written since,
no record) means the whole read. Like every derived file here it may be deleted at
any time.
"""

from __future__ import annotations

import os
import sys
import weakref
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any

import orjson

from reader.atomicfile import replace_file
from reader.paths import touch
from reader.search import persist
from reader.search.word_index import WordIndex

__all__ = ["SavedWordsGone", "load", "read", "remember"]


class SavedWordsGone(Exception):
    """The file changed under a lookup (cut short): answer from the whole library."""


def _record(path: Path) -> Path:
    return path.with_name(path.name + ".quick")


def _signature(st: os.stat_result) -> list[int]:
    """(device, inode, size): not the times, which every read changes (a cache file
    in use is touched so that pruning keeps it)."""
    return [st.st_dev, st.st_ino, st.st_size]


def _header(fd: int) -> tuple[dict[str, Any], int] | None:
    head = os.pread(fd, len(persist.MAGIC) + 8, 0)
    length = int.from_bytes(head[len(persist.MAGIC):], "little")
    if head[:len(persist.MAGIC)] != persist.MAGIC or length > os.fstat(fd).st_size:
        return None
    header: dict[str, Any] = orjson.loads(os.pread(fd, length, len(persist.MAGIC) + 8))
    if (header["version"] != persist.VERSION or header["byteorder"] != sys.byteorder
            or header["itemsize"] != array("I").itemsize):
        return None
    return header, len(persist.MAGIC) + 8 + length


def read(path: Path, token: str) -> WordIndex | None:
    """The word index vouched for the catalogue `token`: read lazily (`load`), else
    read whole by persist.load_vouched and remembered; None when there is none."""
    words = load(path, token)
    if words is not None:
        return words
    try:
        seen = os.stat(path)
    except OSError:
        return None
    words = persist.load_vouched(path, token)
    if words is not None:
        remember(path, token, seen)
    return words


def remember(path: Path, token: str, seen: os.stat_result) -> None:
    """Record that the file `path`, whose signature before a whole read was `seen`,
    was accepted by that read for the catalogue `token` (if it is still that file)."""
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            st = os.fstat(fd)
            found = _header(fd)
        finally:
            os.close(fd)
        if found is None or _signature(st) != _signature(seen):
            return
        data = orjson.dumps({"token": token, "body": found[0]["body"],
                             "file": _signature(st)})
        replace_file(_record(path), data, private=True)
    except (OSError, ValueError, KeyError, TypeError):
        pass


class _Postings(dict[str, "array[int]"]):
    """One field's postings: a term's positions read from the file when first looked up
    (only `get` is lazy: the word index reads postings with it alone)."""

    def __init__(self, fd: int, at: int, terms: list[str], counts: array[int]) -> None:
        super().__init__()
        self._fd, self._at = fd, at
        self._where = dict(zip(terms, range(len(terms)), strict=True))
        self._starts = array("Q", accumulate(counts, initial=0))
        self._counts = counts

    def count(self, term: str) -> int:
        """len(self.get(term) or ()), without reading the positions."""
        i = self._where.get(term)
        return 0 if i is None else self._counts[i]

    @property
    def end(self) -> int:
        return self._at + self._starts[-1] * 4

    def get(self, term: str, default: Any = None) -> Any:
        got = dict.get(self, term)
        if got is not None:
            return got
        i = self._where.get(term)
        if i is None:
            return default
        size = self._counts[i] * 4
        data = os.pread(self._fd, size, self._at + self._starts[i] * 4)
        if len(data) != size:
            raise SavedWordsGone(term)
        got = self[term] = array("I")
        got.frombytes(data)
        return got


class _SavedWordIndex(WordIndex):
    """A word index whose postings are _Postings."""

    def df(self, term: str) -> int:
        title, body = self.postings[0], self.postings[1]
        assert isinstance(title, _Postings) and isinstance(body, _Postings)
        return max(title.count(term), body.count(term))  # as WordIndex.df, nothing read


def load(path: Path, token: str) -> WordIndex | None:
    """The word index in `path` for the catalogue `token`, read lazily, when a whole
    read accepted this very file for it (`remember`); else None."""
    try:
        record = orjson.loads(_record(path).read_bytes())
        if not isinstance(record, dict) or record.get("token") != token:
            return None
        fd = os.open(path, os.O_RDONLY)
    except (OSError, ValueError):
        return None
    try:
        cat = _open(fd, record)
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, OverflowError,
            MemoryError):
        cat = None
    if cat is None:
        os.close(fd)
    else:
        touch(path)  # in use: prune_cache keeps it
    return cat


def _open(fd: int, record: dict[str, Any]) -> WordIndex | None:
    found = _header(fd)
    if found is None or _signature(os.fstat(fd)) != record["file"]:
        return None
    header, at = found
    if header["body"] != record["body"]:
        return None
    cat = _SavedWordIndex()
    fields = []
    for terms in header["fields"]:
        counts = array("I")
        counts.frombytes(os.pread(fd, len(terms) * 4, at))
        if len(counts) != len(terms):
            return None
        postings = _Postings(fd, at + len(terms) * 4, terms, counts)
        fields.append(postings)
        at = postings.end
    size = header["size"]
    cat.doclen.frombytes(os.pread(fd, size * 4, at))
    at += size * 4
    nbytes = (size + 7) >> 3
    masks = os.pread(fd, nbytes * len(header["initials"]), at)
    if len(cat.doclen) != size or len(masks) != nbytes * len(header["initials"]):
        return None
    cat.initials = {initial: int.from_bytes(masks[i * nbytes:(i + 1) * nbytes], "little")
                    for i, initial in enumerate(header["initials"])}
    cat.postings = tuple(fields)
    cat.vocab = header["vocab"]
    cat.size = size
    weakref.finalize(cat, os.close, fd)  # postings are read from it while `cat` lives
    return cat
