"""Saved searches that merge like tags: each name is a stamped value or a tombstone.

A saved-search document (state schema 3) is either

    {"name": N, "query": Q, "at": S}   # the search N, saved (or renamed to N) at S
    {"name": N, "gone": S}             # N deleted (or renamed away) at S

with S a stamp (stamps.py). Merging two tables: per name, the document with the
later stamp wins, a saved search over a deletion at an equal stamp, then the greater
query (a total order: the merge is commutative, associative and idempotent, the
same on every machine). A rename is a deletion of the old name plus the new name.

Searches written before stamps (schema 2) get LEGACY_STAMP, older than any change:
a deletion anywhere wins over them, and two of them merge as before (the greater
query).
"""

from __future__ import annotations

from typing import Any

from reader.store.mergeable import LEGACY
from reader.store.stamps import stamp_from_iso

Doc = dict[str, Any]

LEGACY_STAMP = stamp_from_iso(None, 0, LEGACY)
"""The stamp of a saved search written before stamps existed."""


def saved(name: str, query: str, at: str) -> Doc:
    return {"name": name, "query": query, "at": at}


def gone(name: str, at: str) -> Doc:
    return {"name": name, "gone": at}


def is_live(doc: Doc) -> bool:
    return "gone" not in doc


def stamp_of(doc: Doc) -> str:
    return str(doc.get("gone") or doc.get("at") or LEGACY_STAMP)


def _rank(doc: Doc) -> tuple[str, bool, str]:
    return stamp_of(doc), is_live(doc), str(doc.get("query", ""))


def _normal(doc: Doc) -> Doc:
    name = str(doc["name"])
    if is_live(doc):
        return saved(name, str(doc["query"]), stamp_of(doc))
    return gone(name, stamp_of(doc))


def legacy(doc: Doc) -> Doc:
    """A schema-2 document in the current shape (schema.py's migration)."""
    return doc if "at" in doc or "gone" in doc else {**doc, "at": LEGACY_STAMP}


def merge_tables(mine: dict[str, Doc], theirs: dict[str, Doc]) -> tuple[dict[str, Doc], int]:
    """(the table holding both, how many names it changed in `mine`). Our documents
    keep their ids; names only `theirs` has come after ours."""
    table = dict(mine)
    by_name = {str(d["name"]): k for k, d in mine.items()}
    next_id = max((int(k) for k in mine if k.isdigit()), default=0) + 1
    changed = 0
    for doc in theirs.values():
        key = by_name.get(str(doc["name"]))
        if key is None:
            key = by_name[str(doc["name"])] = str(next_id)
            next_id += 1
        elif _rank(doc) <= _rank(table[key]):
            continue
        table[key] = _normal(doc)
        changed += 1
    return table, changed


__all__ = ["LEGACY_STAMP", "gone", "is_live", "legacy", "merge_tables", "saved", "stamp_of"]
