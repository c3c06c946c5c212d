"""The catalogue's derived index: what a command needs without parsing the catalogue.

A 100k-paper catalogue is ~190 MB of JSON (over a second to parse). Most commands
need far less: to resolve what the user typed, where one paper's document sits in
the file (`show`, `related`), a few short fields (`list`, `stats`). This file holds
those, taken from a full load, for the catalogue file it was made from: the file's
(device, inode, size, mtime_ns), the signature the store already trusts to tell
whether another process replaced the file (writes are atomic renames: every write
is a new inode, kept open while in use). Any other file, a damaged or foreign
index, another version: not used (the full load runs, and writes a new index). It
is never a second source of truth: every document read through it is checked (its
id) and validated like a full load's.

Kept in the cache folder (`catalogue-index-<hash of the path>.bin`, 0600); it may
be deleted at any time.

Layout: MAGIC, the header's length (8 bytes), a JSON header (version, signature,
the number of papers, the fields stored, `simple`, each section's place and CRC-32),
then the sections. Each is read only when a command asks for it (sections.py), so
resolving one id decodes a few names, not 100k:
`ids` (names.join_lines, catalogue order) and `ids.starts` (uint32: where each
starts); `start` (uint64) and `length` (uint32): the bytes `"<doc id>":{...}` of
each paper's document in the file (length 0: not placed, read by a full load);
`by_id`, `keys` (folded citation key), `aliases` (records.aliases): each a
names.SortedNames of (name, row) in three sections `.names`, `.starts`, `.rows`;
`skipped` (JSON: the full load's lines about invalid records); one section per
field of FIELDS, one JSON value per line, and where each line starts
(`field:<name>.starts`, uint32, as `ids.starts`: a deletion cuts a line out
without splitting the column; an index without them is still read).
`simple`: no alias or citation key of one paper hides another's (a paper taken
out then leaves the others' names as they are, quick_delete.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zlib
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

import orjson

from reader.atomicfile import TEMP_TAG, remove_stale_temp_files
from reader.citekeys import fold_key
from reader.model import Paper
from reader.paths import cache_dir
from reader.store import records, schema
from reader.store.names import SortedNames, join_lines, line_starts
from reader.store.sections import MAGIC, VERSION, DerivedIndex, Stale, column_bytes

__all__ = ["FIELDS", "DerivedIndex", "Stale", "build", "index_file", "load", "save",
           "save_for", "signature"]

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


# --- building -------------------------------------------------------------------------

DOC_START = b'":{"id":"'
"""What follows a document's key: the start of every paper document the store writes."""


def _placements(fd: int) -> tuple[dict[str, tuple[int, int]], bool]:
    """Paper id -> (offset, length) of its `"<doc id>":{...}` in the file `fd`, and
    whether the file says the current schema (else none is placed).

    Documents are found by `"<doc id>":{"id":"<paper id>"`, the start of every paper
    document the store writes. Inside a JSON string a quote is always escaped, so
    this byte sequence can only be structure; a document ends before the comma that
    precedes the next one, or at its line's end. Ids with escapes are left out
    (their papers are then read by a full load, as are papers laid out otherwise);
    a misplaced document is caught when read (it must parse to exactly itself)."""
    where: dict[str, tuple[int, int]] = {}
    current = False
    offset = 0
    with open(fd, "rb", buffering=1 << 20, closefd=False) as handle:
        handle.seek(0)
        for raw in handle:
            if not current and b'"kind":"catalogue"' in raw[:200]:
                current = _current_schema(raw)
            end = len(raw.rstrip(b"\n"))
            end -= raw[end - 1:end] == b","
            found: list[tuple[int, bytes | None]] = []  # (key start, id or None)
            at = raw.find(DOC_START)
            while at >= 0:
                key_start = raw.rfind(b'"', 0, at)
                id_start = at + len(DOC_START)
                id_end = raw.find(b'"', id_start)
                pid: bytes | None = raw[id_start:id_end]
                if not (key_start >= 0 and raw[key_start + 1:at].isdigit()
                        and pid is not None and b"\\" not in pid):
                    pid = None
                found.append((key_start, pid))
                at = raw.find(DOC_START, id_end)
            for i, (key_start, pid) in enumerate(found):
                stop = found[i + 1][0] - 1 if i + 1 < len(found) else end
                if pid is not None and stop > key_start:
                    where[pid.decode("utf-8", "replace")] = (offset + key_start,
                                                             stop - key_start)
            offset += len(raw)
    return (where if current else {}), current


def _current_schema(line: bytes) -> bool:
    """Whether `line`, the catalogue's `_meta` document, says the current schema: the
    documents of an older one are migrated by a load, so they are never read as stored."""
    try:
        meta = orjson.loads(b"{" + line.rstrip().removesuffix(b",") + b"}")["1"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return False
    return isinstance(meta, dict) and meta.get("schema") == schema.SCHEMAS[schema.CATALOGUE]


def _simple(papers: dict[str, Paper], aliases: dict[str, str], keys: dict[str, str]) -> bool:
    """No name of one paper hides another's: every arXiv id and DOI alias is held by
    one paper and is no paper's id, and no two papers fold to the same key."""
    held = 0
    for pid, paper in papers.items():
        for alias in (f"arxiv:{paper.arxiv_id}" if paper.arxiv_id else "",
                      f"doi:{paper.doi}" if paper.doi else ""):
            if alias and alias != pid:
                if alias in papers:
                    return False
                held += 1
    with_key = sum(1 for p in papers.values() if p.key)
    return held == len(aliases) and with_key == len(keys)


def build(fd: int, papers: dict[str, Paper], skipped: Sequence[str] = ()
          ) -> dict[str, bytes] | None:
    """The sections of the index of the catalogue file open as `fd`, whose full load
    gave `papers` (and the `skipped` lines about invalid records); None when one of
    its names cannot be stored (no index: commands load the catalogue)."""
    from array import array

    where, _ = _placements(fd)
    ids = list(papers)
    rows = {pid: row for row, pid in enumerate(ids)}
    unknown = (0, 0)
    placed = [where.get(pid, unknown) for pid in ids]
    aliases = records.aliases(papers)
    keys = {fold_key(p.key): pid for pid, p in papers.items() if p.key}
    id_lines = join_lines(ids)
    by_id = SortedNames.pack(rows)
    by_key = SortedNames.pack({k: rows[pid] for k, pid in keys.items()})
    by_alias = SortedNames.pack({a: rows[pid] for a, pid in aliases.items()})
    if id_lines is None or by_id is None or by_key is None or by_alias is None:
        return None
    sections = {"ids": id_lines, "ids.starts": line_starts(id_lines).tobytes(),
                "start": array("Q", [s for s, _ in placed]).tobytes(),
                "length": array("I", [n for _, n in placed]).tobytes(),
                "skipped": orjson.dumps(list(skipped)),
                "simple": b"1" if _simple(papers, aliases, keys) else b"0"}
    for name, names in (("by_id", by_id), ("keys", by_key), ("aliases", by_alias)):
        sections |= names_sections(name, names)
    for field in FIELDS:
        column = column_bytes([getattr(p, field) for p in papers.values()])
        sections[f"field:{field}"] = column
        sections[f"field:{field}.starts"] = line_starts(column).tobytes()
    return sections


def names_sections(name: str, names: SortedNames) -> dict[str, bytes]:
    return {f"{name}.names": names.blob, f"{name}.starts": names.starts.tobytes(),
            f"{name}.rows": names.values.tobytes()}


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
            sections = build(fd, papers, skipped)
            if sections is not None:
                save(path, sig, len(papers), sections)
            else:
                path.unlink(missing_ok=True)


def can_save(path: Path) -> bool:
    """Whether the index file can be written (else building it would be in vain)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path.parent, os.W_OK | os.X_OK)


def crcs_of(sections: dict[str, bytes]) -> dict[str, int]:
    """The CRC-32 of each section (the slow part of `save`: a caller with a moment
    to spare computes them ahead, as a deletion does while the catalogue is copied)."""
    return {name: zlib.crc32(body) for name, body in sections.items()}


def _chunks(sig: Signature, count: int, sections: dict[str, bytes],
            crcs: dict[str, int] | None) -> list[bytes]:
    crcs = crcs or crcs_of(sections)
    places: dict[str, list[int]] = {}
    at = 0
    for name, body in sections.items():
        places[name] = [at, len(body), crcs[name]]
        at += len(body)
    header = orjson.dumps({"version": VERSION, "signature": list(sig), "count": count,
                           "fields": list(FIELDS), "sections": places})
    return [MAGIC, len(header).to_bytes(8, "little"), header, *sections.values()]


def save(path: Path, sig: Signature, count: int, sections: dict[str, bytes],
         crcs: dict[str, int] | None = None) -> bool:
    """Write the index file atomically (True when written); a cache that cannot be
    written is only slower.

    Not fsynced: it is a cache, and the store does not wait for the disk for it.
    After a crash it may be the old file, the new one, or a damaged one, whose
    header or section checks fail: it is then not used, and rebuilt."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _replace_cache(path, _chunks(sig, count, sections, crcs))
    except OSError:
        return False
    return True


def _replace_cache(path: Path, chunks: list[bytes]) -> None:
    """`chunks` written as `path` by a rename, 0600 (titles of the user's library:
    theirs only), without joining them into one copy first."""
    remove_stale_temp_files(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_TAG}", suffix=".tmp",
                               dir=path.parent)
    try:
        try:
            with open(fd, "wb", closefd=False) as handle:
                handle.writelines(chunks)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load(path: Path, sig: Signature, known: dict[str, bytes] | None = None
         ) -> DerivedIndex | None:
    """The index saved for the catalogue file whose signature is `sig`; None when there
    is none that matches (or it is damaged). Its sections are read when first used
    (`known`: the sections just saved, served from memory, not read again)."""
    return DerivedIndex.open(path, sig, FIELDS, known)


def read_all(index: DerivedIndex) -> dict[str, bytes]:
    """Every section of `index` as stored (checked), to write a changed copy."""
    return {name: index.section(name) for name in index.sections}


def columns_of(index: DerivedIndex) -> dict[str, list[Any]]:
    return index.columns(FIELDS)
