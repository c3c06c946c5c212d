"""Reader JSON records that need no cleaning are read through a shortcut (the whole
document checked once, then each record only stripped): every record must come out
as sanitizing each of its strings gives, clean or not, default state or not."""

from __future__ import annotations

from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import Paper, ReadingState
from reader.parsing import parse_text
from reader.text import sanitize

TRICKY = st.sampled_from(["\x1b[2J", "\x9b", "\r\n", "\n", "\t", "\x7f", "\u202e", " ", "é",
                          "\\", '"', "a", "\u00a0", "🙂", "x"])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=3)), max_size=5).map("".join)
NAME = TEXT.filter(lambda t: bool(t.strip()) and bool(sanitize(t, multiline=False).strip()))


def _want(record: dict[str, Any]) -> Paper:
    out = dict(record)
    for key in ("title", "published", "venue", "source", "added_at", "key"):
        if isinstance(out.get(key), str):
            out[key] = sanitize(out[key], multiline=False).strip()
    out["abstract"] = sanitize(out.get("abstract") or "").strip()
    for key in ("authors", "urls", "categories"):
        out[key] = [sanitize(str(v), multiline=False).strip() for v in out.get(key) or []]
    out["source"] = out.get("source") or "reader-json:x.json"
    return Paper.from_dict(out)


@settings(max_examples=150)
@given(st.lists(st.fixed_dictionaries({
    "title": NAME, "abstract": TEXT, "authors": st.lists(TEXT, max_size=3),
    "urls": st.lists(TEXT, max_size=2), "venue": st.one_of(st.none(), TEXT),
    "state": st.one_of(st.none(), st.just({"status": "new", "tags": [], "note": ""}),
                       st.fixed_dictionaries({"status": st.sampled_from(["new", "read"]),
                                              "tags": st.lists(TEXT, max_size=2),
                                              "note": TEXT}))}), min_size=1, max_size=6))
def test_each_record_is_read_as_sanitizing_each_string_reads_it(
        records: list[dict[str, Any]]) -> None:
    for i, record in enumerate(records):
        record["id"] = f"title:{i}"
    document = orjson.dumps({"format": "reader-library", "version": 1, "papers": records})
    result = parse_text(document.decode(), "reader-json", "x.json")
    assert result.papers == [_want(r) for r in records]
    assert result.states == {r["id"]: s for r in records if (s := _want_state(r)) is not None}


def _want_state(record: dict[str, Any]) -> ReadingState | None:
    raw = record["state"]
    if raw is None:
        return None
    state = ReadingState.from_dict({
        **raw, "paper_id": record["id"], "note": sanitize(raw["note"]),
        "tags": [sanitize(t, multiline=False).strip() for t in raw["tags"]]})
    return None if state.is_default else state
