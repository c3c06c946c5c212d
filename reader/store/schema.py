"""The two library files, their schema version and the migration path.

Both are TinyDB JSON files (`{table: {doc_id: document}}`) with a `_meta` table
holding one document: `{"app": "reader", "kind": ..., "schema": N}`.

* the catalogue (`library.json`): table `papers`, one document per Paper,
  in import order. Large; written only by imports.
* the reading state (`library.state.json`): table `state`, one document per
  paper whose ReadingState is not the default, and table `searches` (saved
  searches). Small; written on every change.

Each kind has its own schema version (SCHEMAS): a change to one file's format
does not make older Readers refuse the other file. A file with a schema newer
than its kind's is refused (never rewritten). Older files are migrated in memory
on load by MIGRATIONS and written in the current schema at the next change.

State schema 2 adds the `sync` object of each state document (mergeable.py):
the stamps that let two copies of the state merge field by field. State schema 3
stamps saved searches and keeps deleted ones as tombstones (mergeable_searches.py),
so that a deletion syncs; an older Reader, which would bring them back, refuses it.
Catalogue schema 2 adds each paper's citation `key` (citekeys.py): the load
generates the keys of an older file's papers (records.give_keys) and the first
command that may write stores them; an older Reader, which would drop them when
it rewrites the file, refuses it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.errors import StoreError
from reader.store import mergeable, mergeable_searches

META = "_meta"
CATALOGUE = "catalogue"
STATE = "state"
SCHEMAS = {CATALOGUE: 2, STATE: 3}
SCHEMA = max(SCHEMAS.values())
"""The newest schema of any kind (SCHEMAS holds each kind's)."""
PAPERS_TABLE = "papers"
STATE_TABLE = "state"
SEARCHES_TABLE = "searches"
TABLES = {CATALOGUE: (PAPERS_TABLE,), STATE: (STATE_TABLE, SEARCHES_TABLE)}

Data = dict[str, dict[str, Any]]


def meta_doc(kind: str) -> dict[str, Any]:
    return {"app": "reader", "kind": kind, "schema": SCHEMAS[kind]}


def empty(kind: str) -> Data:
    data: Data = {META: {"1": meta_doc(kind)}}
    for table in TABLES[kind]:
        data[table] = {}
    return data


def _from_v0(data: Data, kind: str) -> Data:
    """Schema 0: a plain TinyDB file with our tables but no `_meta` table."""
    out = empty(kind)
    for table in TABLES[kind]:
        out[table] = data.get(table) or {}
    return out


def _state_from_v1(data: Data, kind: str) -> Data:
    """State schema 1 -> 2: each state document gets its `sync` stamps (mergeable.py).
    Catalogue 1 -> 2: the documents as they are (the load gives papers their keys)."""
    out = empty(kind)
    for table in TABLES[kind]:
        out[table] = data.get(table) or {}
    if kind == STATE:
        for doc in out[STATE_TABLE].values():
            if isinstance(doc, dict) and "sync" not in doc:
                doc["sync"] = mergeable.legacy_meta(doc)
    return out


def _state_from_v2(data: Data, kind: str) -> Data:
    """State schema 2 -> 3: each saved search gets its stamp (mergeable_searches.py),
    older than any change, so that a deletion elsewhere wins over it."""
    out = empty(kind)
    for table in TABLES[kind]:
        out[table] = data.get(table) or {}
    out[SEARCHES_TABLE] = {k: mergeable_searches.legacy(d) if isinstance(d, dict) else d
                           for k, d in out[SEARCHES_TABLE].items()}
    return out


MIGRATIONS: dict[int, Callable[[Data, str], Data]] = {
    0: _from_v0, 1: _state_from_v1, 2: _state_from_v2}
"""MIGRATIONS[n] turns schema n into schema n+1 (the meta document included)."""


def _schema_of(data: dict[str, Any], kind: str, path: Path, fix: str) -> int:
    meta = data.get(META)
    if meta is None:
        unknown = set(data) - set(TABLES[kind])
        if unknown or any(not isinstance(v, dict) for v in data.values()):
            raise StoreError(f"{path} is not a Reader library file; {fix}")
        return 0
    doc = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(doc, dict) or doc.get("app") != "reader":
        raise StoreError(f"{path} is not a Reader library file; {fix}")
    if doc.get("kind") != kind:
        what = "reading-state file" if doc.get("kind") == STATE else "catalogue"
        raise StoreError(f"{path} is a Reader {what}, not the expected {kind} file; "
                         "pass the library file (e.g. library.json) with --db")
    version = doc.get("schema")
    if not isinstance(version, int) or version < 0:
        raise StoreError(f"{path} has an invalid schema version {version!r}; {fix}")
    if version > SCHEMAS[kind]:
        raise StoreError(f"{path} was written by a newer Reader (schema {version}, this "
                         f"version reads up to {SCHEMAS[kind]}); upgrade Reader to open it")
    return version


def make_validator(kind: str, fix: str) -> Callable[[Any, Path], Data]:
    """A validator for AtomicJSONStorage: parsed JSON -> current-schema data, or StoreError.

    `fix` is the advice appended to every error (e.g. where the backups are).
    """

    def validate(data: Any, path: Path) -> Data:
        if not isinstance(data, dict):
            raise StoreError(f"{path} is not a Reader library file; {fix}")
        version = _schema_of(data, kind, path, fix)
        for table in TABLES[kind]:
            if not isinstance(data.setdefault(table, {}), dict):
                raise StoreError(f"{path}: table {table!r} is not an object; {fix}")
        while version < SCHEMAS[kind]:
            data = MIGRATIONS[version](data, kind)
            version += 1
        return data  # type: ignore[no-any-return]

    return validate
