"""The reading-state documents in the state file: stamped for sync, then written.

Each changed field of a state gets a fresh sync stamp (mergeable.stamped) from this
machine's hybrid logical clock; the documents are written in one file write,
updating those the file has and inserting the others. A document is never
removed: its stamps must outlive a state set back to the default, or a merge
would bring the older value back.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime
from typing import Any

from tinydb.table import Table

from reader.model import ReadingState
from reader.store import mergeable, schema
from reader.store.stamps import Hlc
from reader.store.storage import AtomicJSONStorage, MemoryStorage

Storage = AtomicJSONStorage | MemoryStorage


def stamped_docs(changes: dict[str, ReadingState], stored: dict[str, dict[str, Any]],
                 hlc: Hlc, device: str, wall: datetime) -> dict[str, dict[str, Any]]:
    """The documents of the new states `changes`, each changed field stamped at `wall`
    (after the newest stamp of the document `stored` holds for the paper)."""
    docs: dict[str, dict[str, Any]] = {}
    for pid, state in changes.items():
        old = stored.get(pid)
        after = mergeable.newest_stamp(mergeable.meta_of(old)) if old else ""

        def tick(after: str = after) -> str:
            return hlc.tick(wall, after)
        docs[pid] = mergeable.stamped(old, state, device, tick)
    return docs


def write_docs(storage: Storage, ids: dict[str, int],
               docs: dict[str, dict[str, Any]]) -> list[int]:
    """Write `docs` (paper id -> document) to the state file in one write: those
    with a TinyDB id in `ids` replace their document, the others are inserted.
    Returns the ids of the inserted documents, in the order of `docs`."""
    updates = {p: d for p, d in docs.items() if p in ids}
    inserts = [p for p in docs if p not in ids]
    with storage.batch():
        if storage.read() is None:
            storage.write(schema.empty(schema.STATE))
        odd = _set_aside_odd_ids(storage)
        table = Table(storage, schema.STATE_TABLE, cache_size=0)
        if updates:
            def update(doc: MutableMapping[str, Any]) -> None:
                new = updates[doc["paper_id"]]
                doc.clear()
                doc.update(new)
            table.update(update, doc_ids=[ids[p] for p in updates])
        new_ids = (table.insert_multiple(docs[p] for p in inserts) if inserts else [])
        if odd:
            data = storage.read()
            assert data is not None
            data[schema.STATE_TABLE].update(odd)
    return new_ids


def _set_aside_odd_ids(storage: Storage) -> dict[str, Any]:
    """Take the records whose id is not a whole number out of the state table for
    TinyDB (which converts every id to int); the caller puts them back as they are."""
    data = storage.read()
    table = data.get(schema.STATE_TABLE) if data else None
    if not table or all(map(str.isdigit, table)):
        return {}
    return {k: table.pop(k) for k in [k for k in table if not k.isdigit()]}
