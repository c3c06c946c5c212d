"""Reading another copy of a library file (to merge it, or to compare it): which kind
of Reader file it is, its data in the current schema, and the checks a merge needs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reader.errors import StoreError
from reader.gcutil import gc_paused
from reader.store import records, schema, validate
from reader.store.fileio import Data, open_checked, parse_fd


def kind_of(data: Any) -> str | None:
    """Which Reader file parsed JSON is (schema.STATE / CATALOGUE), None if neither."""
    if not isinstance(data, dict):
        return None
    meta = data.get(schema.META)
    if isinstance(meta, dict) and isinstance(meta.get("1"), dict):
        kind = meta["1"].get("kind")
        return kind if kind in (schema.STATE, schema.CATALOGUE) else None
    if schema.STATE_TABLE in data:
        return schema.STATE
    if schema.PAPERS_TABLE in data:
        return schema.CATALOGUE
    return None


def read_library_file(path: Path, advice: str = "nothing was merged") -> tuple[str, Data]:
    """(kind, current-schema data) of a Reader state or catalogue file; StoreError if
    it is missing, damaged, from a newer Reader, or not a Reader library file."""
    fd = open_checked(path)
    if fd is None:
        raise StoreError(f"{path} does not exist")
    try:
        with gc_paused():  # ~10k dicts per MB: no collection walks them as they are made
            raw = parse_fd(fd, path, advice)
    finally:
        os.close(fd)
    kind = kind_of(raw)
    if kind is None:
        raise StoreError(f"{path} is not a Reader library file (neither a reading state "
                         "nor a catalogue); nothing was merged")
    data = schema.make_validator(kind, advice)(raw, path)
    if kind == schema.STATE:
        _check_tables(data, path)  # each document is checked when a merge takes it
    else:
        skipped = records.papers_from_table(data[schema.PAPERS_TABLE], path).skipped
        if skipped:
            raise StoreError(f"{path}: {skipped[0]}; nothing was merged")
    return kind, data


def _check_tables(data: Data, path: Path | None) -> None:
    for doc in data[schema.STATE_TABLE].values():
        if not isinstance(doc, dict) or not isinstance(doc.get("paper_id"), str):
            raise StoreError(f"{path}: a reading-state document has no paper id; "
                             "nothing was merged")
    for doc in data[schema.SEARCHES_TABLE].values():
        if validate.search_problems(doc):
            raise StoreError(f"{path}: a saved search is invalid; nothing was merged")


def checked_state(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` when a state document a merge may take is valid, else StoreError."""
    wrong = validate.state_problems(doc)
    if wrong:
        raise StoreError(f"the reading state of {doc.get('paper_id')!r} in the other copy is "
                         f"invalid ({'; '.join(wrong)}); nothing was merged")
    return doc
