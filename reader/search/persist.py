"""The word index saved to a cache file, so a library loaded again need not rebuild it.

Building the word index splits every abstract of the library into words; reading
it back only copies arrays. The file holds the
postings of `size` papers and a fingerprint (SHA-256) of their folded text as
scan.py encodes it: the postings are a function of that text alone, so a file
whose fingerprint matches the first `size` papers of the library is exactly
what building would give. Papers after those (an import) are then indexed as
usual; any other difference (a merge, a deletion, another library) means the
file is not used. A missing, foreign or damaged file is never an error: the
index is built instead.

Layout: MAGIC, the header length (8 bytes), a JSON header (version, size,
fingerprint, the body's SHA-256, the terms of each field, the vocabulary, the
initials), then the body, raw arrays: per field the postings counts and the
positions, then doclen, then the initials' masks.
"""

from __future__ import annotations

import hashlib
import os
import sys
from array import array
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from reader.atomicfile import replace_file
from reader.paths import cache_dir, touch
from reader.search.word_index import WordIndex

MAGIC = b"reader-word-index\n"
VERSION = 1
"""Bump when folding.encode, the tokens or the WordIndex layout change."""
MIN_SIZE = 5000
"""Smaller libraries build their word index about as fast as they would check and read a
file: none is written for them."""


def cache_file(db_path: Path) -> Path:
    """Where the word index of the library stored at `db_path` is kept."""
    key = hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"word-index-{key}.bin"


def fingerprint(docs: Sequence[bytes]) -> str:
    """SHA-256 of the texts and their lengths (so the sequence of texts is what counts)."""
    digest = hashlib.sha256()
    deque(map(digest.update, docs), 0)
    digest.update(array("Q", map(len, docs)).tobytes())
    return digest.hexdigest()


def dump(cat: WordIndex, docs: Sequence[bytes]) -> bytes:
    """The file's bytes for `cat`, built from `docs` (its first `cat.size` texts)."""
    size = cat.size
    nbytes = (size + 7) >> 3
    fields: list[list[str]] = []
    chunks: list[bytes] = []
    for postings in cat.postings:
        items = list(postings.items())
        fields.append([term for term, _ in items])
        data = [arr.tobytes() for _, arr in items]
        chunks.append(array("I", [len(d) >> 2 for d in data]).tobytes())
        chunks.append(b"".join(data))
    chunks.append(cat.doclen[:size].tobytes())
    initials = sorted(cat.initials)
    chunks.extend(cat.initials[i].to_bytes(nbytes, "little") for i in initials)
    body = b"".join(chunks)
    header = orjson.dumps({
        "version": VERSION, "byteorder": sys.byteorder, "itemsize": array("I").itemsize,
        "size": size, "fingerprint": fingerprint(docs[:size]),
        "body": hashlib.sha256(body).hexdigest(), "fields": fields, "vocab": cat.vocab,
        "initials": initials})
    return b"".join([MAGIC, len(header).to_bytes(8, "little"), header, body])


def save(path: Path, data: bytes) -> None:
    """Write the file (atomically); an unwritable cache is only a slower next load."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.chmod(0o700)  # also a folder made before caches were private
        replace_file(path, data, private=True)  # the library's words: the user's only
    except OSError:
        pass


def load(path: Path, docs: Sequence[bytes]) -> WordIndex | None:
    """The word index of the first papers of `docs`, if the file holds it; else None.

    The arrays are read from the file one by one (no copy of the whole file in
    memory), the body's checksum computed along.
    """
    try:
        with path.open("rb") as fh:
            cat = _restore(fh, docs)
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, OverflowError,
            MemoryError):  # a damaged length or count; orjson's errors are ValueErrors
        return None
    if cat is not None:
        touch(path)  # in use: prune_cache keeps it
    return cat


def _header(fh: BinaryIO) -> dict[str, Any] | None:
    if fh.read(len(MAGIC)) != MAGIC:
        return None
    length = int.from_bytes(fh.read(8), "little")
    if length > os.fstat(fh.fileno()).st_size:  # damaged: never allocate what is not there
        return None
    header: dict[str, Any] = orjson.loads(fh.read(length))
    if (header["version"] != VERSION or header["byteorder"] != sys.byteorder
            or header["itemsize"] != array("I").itemsize):
        return None
    return header


# --- vouched: the file known to hold a whole catalogue -----------------------------------
# Checking the fingerprint needs every paper's folded text, which a command that reads
# one paper (`reader related ID`) does not have. Once a full load has checked the file
# against a catalogue, `vouch` writes beside it (`<file>.for`) who the catalogue is (an
# opaque token from the store: its file's identity) with the file's fingerprint and
# body checksum; `load_vouched` then reads the file for that same catalogue alone.

def _voucher(path: Path) -> Path:
    return path.with_name(path.name + ".for")


def vouch(path: Path, token: str, docs: Sequence[bytes]) -> None:
    """Record that `path` holds the word index of every paper of the catalogue `token`
    names, whose folded texts are `docs`, if it does (checked here, by fingerprint)."""
    try:
        with path.open("rb") as fh:
            header = _header(fh)
        if (header is None or header["size"] != len(docs)
                or header["fingerprint"] != fingerprint(docs)):
            return
        size = len(docs)
        data = orjson.dumps({"token": token, "fingerprint": header["fingerprint"],
                             "body": header["body"], "size": size})
        replace_file(_voucher(path), data, private=True)
    except (OSError, ValueError, KeyError, TypeError):
        pass


def load_vouched(path: Path, token: str) -> WordIndex | None:
    """The word index in `path` if a full load vouched for it for the catalogue `token`
    (the body is checked as `load` checks it); else None."""
    try:
        voucher = orjson.loads(_voucher(path).read_bytes())
        if not isinstance(voucher, dict) or voucher.get("token") != token:
            return None
        with path.open("rb") as fh:
            header = _header(fh)
            if (header is None or header["fingerprint"] != voucher["fingerprint"]
                    or header["body"] != voucher["body"] or header["size"] != voucher["size"]):
                return None
            cat = _read_body(fh, header)
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, OverflowError,
            MemoryError):
        return None
    if cat is not None:
        touch(path)
    return cat


def _restore(fh: BinaryIO, docs: Sequence[bytes]) -> WordIndex | None:
    header = _header(fh)
    if header is None:
        return None
    size = header["size"]
    if not 0 < size <= len(docs) or header["fingerprint"] != fingerprint(docs[:size]):
        return None
    return _read_body(fh, header)


def _read_body(fh: BinaryIO, header: dict[str, Any]) -> WordIndex | None:
    size = header["size"]
    body = hashlib.sha256()
    cat = WordIndex()
    for field, terms in enumerate(header["fields"]):
        counts = array("I")
        counts.fromfile(fh, len(terms))
        body.update(counts)
        postings = cat.postings[field]
        if sum(counts) > size * len(terms):  # damaged counts (checked again by the sum)
            return None
        for term, count in zip(terms, counts, strict=True):
            positions = postings[term] = array("I")
            positions.fromfile(fh, count)
            body.update(positions)
    cat.doclen.fromfile(fh, size)
    body.update(cat.doclen)
    nbytes = (size + 7) >> 3
    for initial in header["initials"]:
        mask = fh.read(nbytes)
        body.update(mask)
        cat.initials[initial] = int.from_bytes(mask, "little")
    if fh.read(1) or body.hexdigest() != header["body"]:
        return None  # a damaged or cut file (fromfile raised EOFError for most cuts)
    cat.vocab = header["vocab"]
    cat.size = size
    return cat
