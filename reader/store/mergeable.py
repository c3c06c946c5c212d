"""The mergeable reading state: what a state document carries so that two copies
changed apart (two machines, a synced folder's conflict copy, a git merge) merge
without asking and without losing anything. The one module that knows this format.

A state document (schema 2) keeps the fields every layer reads (`status`,
`rating`, `tags`, `note`, `history`, `updated_at`, `queue_pos`: ReadingState's
shape) and adds `sync`:

    "sync": {
      "at":   {"status": S, "rating": S, "queue_pos": S},  # when each was last set
      "tags": {"ml": S},             # tags present, with when each was added
      "gone": {"old": S},            # tags removed (tombstones), with when
      "note": [{"text": T, "at": S, "vv": {"laptop-3f2a": 2}}]   # the note's versions
    }

S is a stamp (stamps.py). Merging two documents of a paper:

* status, rating, queue position: the value with the later stamp wins;
* tags: per tag, the later of "added" and "removed" wins (a set with tombstones);
* note: every version not superseded is kept. A version supersedes another when
  its version vector (edits counted per machine) has seen it; two versions that
  did not see each other are both kept, and `note` holds them combined (the later
  first, the other below a separator: reader.notes). Editing the note makes one
  version that has seen them all;
* history: the union; `updated_at`: the later.

The merge is commutative, associative and idempotent (ties between equal stamps
are broken by the values), so every machine reaches the same documents whatever
the order of merges. The derived fields (`tags` order, `note`) are functions of
`sync`, so equal `sync` objects mean equal documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from reader.model import ReadingState
from reader.notes import NoteVersion, combine_notes
from reader.store.stamps import EPOCH, stamp_device, stamp_from_iso

Doc = dict[str, Any]
Tick = Callable[[], str]

LWW_FIELDS = ("status", "rating", "queue_pos")
LEGACY = "~before-sync"
"""The device of stamps given to states written before stamps existed."""


# --- reading the metadata -------------------------------------------------------------

def legacy_meta(doc: Doc) -> Doc:
    """The `sync` object of a document written before schema 2: the status stamped at
    its last change in the history, the other fields at `updated_at`, the note one
    version named after its text (two machines that migrate the same note get the
    same version; two different notes are both kept)."""
    at = doc.get("updated_at")
    meta: Doc = {"at": {}, "tags": {}, "gone": {}, "note": []}
    base = stamp_from_iso(at, 0, LEGACY)
    for name in LWW_FIELDS:
        if doc.get(name) not in (None, "new"):
            meta["at"][name] = base
    history = doc.get("history") or []
    if history and isinstance(history[-1], dict) and doc.get("status") not in (None, "new"):
        meta["at"]["status"] = stamp_from_iso(history[-1].get("at"), 0, LEGACY)
    for i, tag in enumerate(doc.get("tags") or []):
        meta["tags"][str(tag)] = stamp_from_iso(at, i, LEGACY)
    note = str(doc.get("note") or "")
    if note:
        digest = hashlib.sha1(note.encode("utf-8")).hexdigest()[:12]
        meta["note"] = [{"text": note, "at": base, "vv": {f"~{digest}": 1}}]
    return meta


def meta_of(doc: Doc) -> Doc:
    meta = doc.get("sync")
    return meta if isinstance(meta, dict) else legacy_meta(doc)


def check_meta(meta: Any) -> None:
    """ValueError when a `sync` object is not of the shape above (a hand edit)."""
    if not isinstance(meta, dict):
        raise ValueError("sync is not an object")
    for key in ("at", "tags", "gone"):
        part = meta.get(key, {})
        if not isinstance(part, dict) or not all(isinstance(v, str) for v in part.values()):
            raise ValueError(f"sync.{key} is not an object of stamps")
    versions = meta.get("note", [])
    if not isinstance(versions, list):
        raise ValueError("sync.note is not a list")
    for v in versions:
        if not (isinstance(v, dict) and isinstance(v.get("text"), str)
                and isinstance(v.get("at"), str) and isinstance(v.get("vv"), dict)
                and all(isinstance(n, int) for n in v["vv"].values())):
            raise ValueError("sync.note holds an invalid version")


def newest_stamp(meta: Doc) -> str:
    """The latest stamp in a `sync` object ("" when none)."""
    best = ""
    for key in ("at", "tags", "gone"):
        part = meta.get(key)
        if part:
            best = max(best, *part.values())
    for version in meta.get("note") or ():
        best = max(best, version["at"])
    return best


def note_versions(meta: Doc) -> list[NoteVersion]:
    """The note's versions as plain data (for reader.notes)."""
    out = []
    for v in meta.get("note") or ():
        device = stamp_device(v["at"])
        out.append(NoteVersion(v["text"], "a copy from before sync" if device == LEGACY
                               else device, v["at"]))
    return out


def note_conflict(meta: Doc) -> bool:
    """True when the note holds versions written apart (kept side by side)."""
    return len(meta.get("note") or ()) > 1


# --- the derived fields ------------------------------------------------------------------

def _derive(doc: Doc, meta: Doc) -> Doc:
    """`doc` with `tags` and `note` made from `meta`, and `sync` set, every key in
    one order (equal states are equal bytes in the file: git sees no change)."""
    at, tags, gone = meta["at"], meta["tags"], meta["gone"]
    order = sorted(tags, key=lambda t: (tags[t], t))
    meta["at"] = {k: at[k] for k in LWW_FIELDS if k in at}
    meta["tags"] = {t: tags[t] for t in order}
    meta["gone"] = {t: gone[t] for t in sorted(gone)}
    doc["tags"] = order
    versions = meta["note"]
    if len(versions) == 1:
        doc["note"] = versions[0]["text"]
    elif versions:
        doc["note"] = combine_notes(note_versions(meta))
    else:
        doc["note"] = ""
    doc["sync"] = meta
    return doc


def _copy_meta(meta: Doc) -> Doc:
    return {"at": dict(meta.get("at") or {}), "tags": dict(meta.get("tags") or {}),
            "gone": dict(meta.get("gone") or {}), "note": list(meta.get("note") or [])}


# --- a local change ---------------------------------------------------------------------

def stamped(old: Doc | None, new: ReadingState, device: str, tick: Tick) -> Doc:
    """The document of `new` (a local change of the paper whose document was `old`):
    each field that differs gets a fresh stamp from `tick`; a new note becomes the one
    version that has seen every version before it."""
    before = ReadingState.from_dict(old) if old is not None else ReadingState(new.paper_id)
    meta = _copy_meta(meta_of(old)) if old is not None else _copy_meta({})
    for name in LWW_FIELDS:
        if getattr(new, name) != getattr(before, name):
            meta["at"][name] = tick()
    for tag in before.tags:
        if tag not in new.tags:
            meta["tags"].pop(tag, None)
            meta["gone"][tag] = tick()
    for tag in new.tags:
        if tag not in meta["tags"]:
            meta["gone"].pop(tag, None)
            meta["tags"][tag] = tick()
    if new.note != before.note:
        vv: dict[str, int] = {}
        for version in meta["note"]:
            for dev, n in version["vv"].items():
                vv[dev] = max(vv.get(dev, 0), n)
        vv[device] = vv.get(device, 0) + 1
        meta["note"] = [{"text": new.note, "at": tick(), "vv": dict(sorted(vv.items()))}]
    doc = new.to_dict()
    return _derive(doc, meta)


# --- merging two documents of one paper --------------------------------------------------

def _key(value: Any) -> str:
    return "" if value is None else str(value)


def _dominated(vv: dict[str, int], by: dict[str, int]) -> bool:
    """True when `by` has seen every edit `vv` counts, and more."""
    return vv != by and all(n <= by.get(dev, 0) for dev, n in vv.items())


def _merge_versions(a: list[Doc], b: list[Doc]) -> list[Doc]:
    if a == b:
        return a
    if len(a) == 1 and len(b) == 1:  # the usual case: one version on each side
        va, vb = a[0]["vv"], b[0]["vv"]
        if _dominated(va, vb):
            return b
        if _dominated(vb, va):
            return a
    pool: dict[tuple[str, str, tuple[tuple[str, int], ...]], Doc] = {}
    for v in (*a, *b):
        pool[(v["at"], v["text"], tuple(sorted(v["vv"].items())))] = v
    live = [v for v in pool.values()
            if not any(_dominated(v["vv"], w["vv"]) for w in pool.values())]
    live.sort(key=lambda v: (v["at"], v["text"], sorted(v["vv"].items())), reverse=True)
    return live


def _merge_tags(a: Doc, b: Doc) -> tuple[dict[str, str], dict[str, str]]:
    live: dict[str, str] = {}
    gone: dict[str, str] = {}
    names = set(a["tags"]) | set(a["gone"]) | set(b["tags"]) | set(b["gone"])
    for tag in names:
        best = max((side[part][tag], part == "tags") for side in (a, b)
                   for part in ("tags", "gone") if tag in side[part])
        (live if best[1] else gone)[tag] = best[0]
    return live, gone


def _merge_history(a: list[Doc], b: list[Doc]) -> list[Doc]:
    if a == b:
        return a
    seen: dict[tuple[str, str, str], Doc] = {}
    for h in (*a, *b):
        seen[(str(h.get("at")), str(h.get("status")), _key(h.get("previous")))] = h
    return [seen[k] for k in sorted(seen)]


def merge_docs(a: Doc, b: Doc) -> Doc:
    """One document holding both (a and b are never changed; equal documents give `a`)."""
    if a == b:
        return a
    ma, mb = meta_of(a), meta_of(b)
    meta: Doc = {"at": {}, "tags": {}, "gone": {}, "note": []}
    doc: Doc = {"paper_id": a["paper_id"], "status": "new", "rating": None, "tags": [],
                "note": "", "history": [], "updated_at": None, "queue_pos": None}
    at_a, at_b = ma.get("at") or {}, mb.get("at") or {}
    for name in LWW_FIELDS:
        sa, sb = at_a.get(name, ""), at_b.get(name, "")
        va, vb = a.get(name), b.get(name)
        if (sa, _key(va)) >= (sb, _key(vb)):
            stamp, value = sa, va
        else:
            stamp, value = sb, vb
        if stamp:
            meta["at"][name] = stamp
        doc[name] = value if value is not None or name != "status" else "new"
    meta["tags"], meta["gone"] = _merge_tags(_copy_meta(ma), _copy_meta(mb))
    meta["note"] = _merge_versions(ma.get("note") or [], mb.get("note") or [])
    doc["history"] = _merge_history(a.get("history") or [], b.get("history") or [])
    doc["updated_at"] = max(a.get("updated_at") or "", b.get("updated_at") or "") or None
    return _derive(doc, meta)


def empty_doc(paper_id: str) -> Doc:
    """The document of a paper nothing was recorded for (merges as "never set")."""
    doc = ReadingState(paper_id).to_dict()
    return _derive(doc, {"at": {}, "tags": {}, "gone": {}, "note": []})


__all__ = ["EPOCH", "LEGACY", "Doc", "check_meta", "empty_doc", "legacy_meta", "merge_docs",
           "meta_of", "newest_stamp", "note_conflict", "note_versions", "stamped"]
