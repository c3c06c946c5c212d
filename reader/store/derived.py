"""The catalogue's derived index: what a command needs without parsing the catalogue.

A 100k-paper catalogue is ~150 MB of JSON (over a second to parse). Most commands
need far less: the ids (to resolve what the user typed), where one paper's
document sits in the file (`show`), a few short fields (`list`, `stats`). This
file holds those, taken from a full load, for the catalogue file it was made
from: the file's (device, inode, size, mtime_ns), the signature the store
already trusts to tell whether another process replaced the file (writes are
atomic renames: every write is a new inode, kept open while in use). Any other
file, a damaged or foreign index, another version: not used (the full load
runs, and writes a new index). It is never a second source of truth: every
document read through it is checked (its id) and validated like a full load's.

Kept in the cache folder (`catalogue-index-<hash of the path>.bin`, 0600); it may
be deleted at any time.

Layout: MAGIC, the header's length (8 bytes), a JSON header (version, signature,
the fields stored, each section's place and CRC-32), then the sections, each one
JSON value:
`ids` (catalogue order), `docs` (each paper's TinyDB document id), `line` (the
number of the file line holding the document, -1 when unknown), `lines` (each
line's [offset, length]), `aliases`, `keys` (each folded citation key -> its
paper's id: keys are aliases too), and one list per field of FIELDS.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import orjson

from reader.atomicfile import replace_file
from reader.citekeys import fold_key
from reader.model import Paper
from reader.paths import cache_dir, touch
from reader.store import records, schema

MAGIC = b"reader-catalogue-index\n"
VERSION = 4
"""Bump when the layout or the meaning of a section changes."""
FIELDS: tuple[str, ...] = ("title", "year", "added_at")
"""Paper fields stored for the commands that list papers without their documents
(title first: it is the one Paper needs)."""
Signature = tuple[int, int, int, int]


def index_file(catalogue: Path) -> Path:
    """Where the derived index of the catalogue file `catalogue` is kept."""
    key = hashlib.sha1(str(catalogue.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"catalogue-index-{key}.bin"


def signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(slots=True)
class DerivedIndex:
    ids: list[str]
    docs: list[int]
    line: list[int]
    lines: list[list[int]]
    columns: dict[str, list[Any]]
    aliases: dict[str, str]
    """What records.aliases gives for the papers: other names an id is resolved by."""
    skipped: list[str]
    """The full load's lines about invalid records it skipped (none of them is here)."""
    keys: dict[str, str]
    """Folded citation key -> paper id (CatalogueView.keys)."""


# --- building -------------------------------------------------------------------------

DOC_START = b'":{"id":"'
"""What follows a document's key: the start of every paper document the store writes."""


def _scan_lines(fd: int) -> Iterator[tuple[int, int, list[tuple[int, str]], bytes]]:
    """(offset, length, [(doc id, paper id)], the line) of each line of the file `fd`.

    Documents are found by `"<doc id>":{"id":"<paper id>"`, the start of every paper
    document the store writes. Inside a JSON string a quote is always escaped, so
    this byte sequence can only be structure; ids with escapes are left out (their
    papers are then read by a full load, as are papers laid out otherwise)."""
    offset = 0
    with open(fd, "rb", buffering=1 << 20, closefd=False) as handle:
        handle.seek(0)
        for raw in handle:
            found: list[tuple[int, str]] = []
            at = raw.find(DOC_START)
            while at >= 0:
                key_start = raw.rfind(b'"', 0, at) + 1
                id_start = at + len(DOC_START)
                id_end = raw.find(b'"', id_start)
                key, pid = raw[key_start:at], raw[id_start:id_end]
                if key.isdigit() and b"\\" not in pid:
                    found.append((int(key), pid.decode("utf-8", "replace")))
                at = raw.find(DOC_START, id_end)
            yield offset, len(raw), found, raw
            offset += len(raw)


def _current_schema(line: bytes) -> bool:
    """Whether `line`, the catalogue's `_meta` document, says the current schema: the
    documents of an older one are migrated by a load, so they are never read as stored."""
    try:
        meta = orjson.loads(b"{" + line.rstrip().removesuffix(b",") + b"}")["1"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return False
    return isinstance(meta, dict) and meta.get("schema") == schema.SCHEMAS[schema.CATALOGUE]


def build(fd: int, papers: dict[str, Paper], skipped: Sequence[str] = ()) -> DerivedIndex:
    """The index of the catalogue file open as `fd`, whose full load gave `papers` (and
    the `skipped` lines about invalid records)."""
    where: dict[str, tuple[int, int]] = {}
    lines: list[list[int]] = []
    current = False
    for number, (offset, length, found, raw) in enumerate(_scan_lines(fd)):
        lines.append([offset, length])
        if not current and b'"kind":"catalogue"' in raw[:200]:
            current = _current_schema(raw)
        for doc_id, pid in found:
            where[pid] = (doc_id, number)  # a repeated id: the last document, as a load
    if not current:
        where = {}  # no document is read as it is stored: a full load migrates them
    ids = list(papers)
    unknown = (0, -1)
    placed = [where.get(pid, unknown) for pid in ids]
    columns = {name: [getattr(p, name) for p in papers.values()] for name in FIELDS}
    keys = {fold_key(p.key): pid for pid, p in papers.items() if p.key}
    return DerivedIndex(ids, [d for d, _ in placed], [n for _, n in placed], lines, columns,
                        records.aliases(papers), list(skipped), keys)


class _Catalogue(Protocol):
    """The catalogue's storage (storage.AtomicJSONStorage), as far as this module uses it."""

    @property
    def signature(self) -> Signature | None: ...
    def opened(self) -> AbstractContextManager[int | None]: ...


def save_for(catalogue: Path, storage: _Catalogue, papers: dict[str, Paper],
             skipped: Sequence[str]) -> None:
    """Build and save the index of the catalogue file `storage` read or wrote last,
    whose load gave `papers` (and `skipped`); nothing when it cannot be saved."""
    sig, path = storage.signature, index_file(catalogue)
    if sig is None or not can_save(path):
        return  # (a cache folder that cannot be written: commands stay as before)
    with storage.opened() as fd:
        if fd is not None:
            save(path, sig, build(fd, papers, skipped))


def can_save(path: Path) -> bool:
    """Whether the index file can be written (else building it would be in vain)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path.parent, os.W_OK | os.X_OK)


def save(path: Path, sig: Signature, index: DerivedIndex) -> None:
    """Write the index file atomically; a cache that cannot be written is only slower."""
    sections = {"ids": index.ids, "docs": index.docs, "line": index.line,
                "lines": index.lines, "aliases": index.aliases, "skipped": index.skipped,
                "keys": index.keys} | {
        f"field:{k}": v for k, v in index.columns.items()}
    bodies = {name: orjson.dumps(value) for name, value in sections.items()}
    places: dict[str, list[int]] = {}
    at = 0
    for name, body in bodies.items():
        places[name] = [at, len(body), zlib.crc32(body)]
        at += len(body)
    header = orjson.dumps({"version": VERSION, "signature": list(sig), "fields": list(FIELDS),
                           "sections": places})
    data = b"".join([MAGIC, len(header).to_bytes(8, "little"), header, *bodies.values()])
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        replace_file(path, data, private=True)  # titles of the user's library: theirs only
    except OSError:
        pass


# --- reading --------------------------------------------------------------------------

class _Reader:
    def __init__(self, fh: BinaryIO, sig: Signature) -> None:
        self.fh = fh
        if fh.read(len(MAGIC)) != MAGIC:
            raise ValueError("not an index")
        length = int.from_bytes(fh.read(8), "little")
        if length > os.fstat(fh.fileno()).st_size:
            raise ValueError("damaged")
        header = orjson.loads(fh.read(length))
        if (header["version"] != VERSION or tuple(header["signature"]) != sig
                or tuple(header["fields"]) != FIELDS):
            raise ValueError("another catalogue")
        self.base = len(MAGIC) + 8 + length
        self.sections: dict[str, list[int]] = header["sections"]

    def section(self, name: str) -> Any:
        offset, length, crc = self.sections[name]
        self.fh.seek(self.base + offset)
        body = self.fh.read(length)
        if len(body) != length or zlib.crc32(body) != crc:
            raise ValueError("damaged")
        return orjson.loads(body)


def load_columns(path: Path, sig: Signature, fields: Sequence[str]) -> dict[str, list[Any]] | None:
    """Only the `fields` columns of the index saved for `sig` (None: none that matches)."""
    try:
        with path.open("rb") as fh:
            reader = _Reader(fh, sig)
            columns = {name: reader.section(f"field:{name}") for name in fields}
    except (OSError, ValueError, KeyError, TypeError, IndexError, MemoryError):
        return None
    return columns


def load(path: Path, sig: Signature, fields: Sequence[str] = ()) -> DerivedIndex | None:
    """The index saved for the catalogue file whose signature is `sig`, with the
    `fields` columns asked for; None when there is none that matches (or it is damaged)."""
    try:
        with path.open("rb") as fh:
            reader = _Reader(fh, sig)
            ids, docs, line = reader.section("ids"), reader.section("docs"), reader.section("line")
            lines, aliases = reader.section("lines"), reader.section("aliases")
            skipped, keys = reader.section("skipped"), reader.section("keys")
            columns = {name: reader.section(f"field:{name}") for name in fields}
    except (OSError, ValueError, KeyError, TypeError, IndexError, MemoryError):
        return None
    if not (isinstance(ids, list) and len(ids) == len(docs) == len(line)
            and isinstance(aliases, dict) and isinstance(skipped, list)
            and isinstance(keys, dict) and all(len(c) == len(ids) for c in columns.values())):
        return None
    touch(path)  # in use: prune_cache keeps it
    return DerivedIndex(ids, docs, line, lines, columns, aliases, skipped, keys)
