"""Reader's own JSON export reads back losslessly ("reader-json")."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from reader.errors import ParseError
from reader.export.json import JsonExporter
from reader.model import Entry, HistoryEntry, Paper, ReadingState, Status
from reader.parsing import parse_text


def _entries() -> list[Entry]:
    first = Paper(id="arxiv:2401.00001", title="[CLS] Tokens 🐈 and <b>you</b>",
                  abstract="Line one.\n\nLine two with https://example.org/x.",
                  authors=["Ada Lovelace", "Élodie Fournier"], year=2024,
                  published="2024-01-02", arxiv_id="2401.00001", doi="10.1000/x",
                  urls=["https://arxiv.org/abs/2401.00001"], venue="Journal",
                  source="bibtex:refs.bib", added_at="2024-02-01T10:00:00+00:00")
    second = Paper(id="title:0123456789ab", title="No State Yet", source="hf-text:a.txt",
                   added_at="2024-02-02T10:00:00+00:00")
    state = ReadingState(
        paper_id=first.id, status=Status.READ, rating=4, tags=["ml", "reading-group"],
        note="# Note\n\n- **good**\n", updated_at="2024-03-01T09:00:00+00:00", queue_pos=None,
        history=[HistoryEntry(at="2024-02-10T09:00:00+00:00", status=Status.TO_READ,
                              previous=Status.NEW),
                 HistoryEntry(at="2024-03-01T09:00:00+00:00", status=Status.READ,
                              previous=Status.TO_READ)])
    return [Entry(first, state), Entry(second, ReadingState(paper_id=second.id))]


def test_export_round_trip_is_lossless() -> None:
    entries = _entries()
    text = JsonExporter().dump(entries, datetime(2024, 4, 1, tzinfo=UTC))
    result = parse_text(text, source_name="export.json")
    assert result.fmt == "reader-json"
    assert result.papers == [e.paper for e in entries]
    assert result.states == {entries[0].paper.id: entries[0].state}  # default state omitted


def test_list_json_output_imports_too() -> None:
    entries = _entries()
    text = json.dumps([e.to_dict() for e in entries])
    result = parse_text(text)
    assert result.fmt == "reader-json"
    assert result.papers == [e.paper for e in entries]
    state = result.states[entries[0].paper.id]
    assert (state.status, state.rating, state.tags, state.note) == (
        Status.READ, 4, ["ml", "reading-group"], "# Note\n\n- **good**\n")


def test_bad_records_are_skipped_with_warnings() -> None:
    doc = {"format": "reader-library", "version": 1, "papers": [
        {"id": "title:a", "title": "Good"},
        {"id": "title:b"},
        {"id": "title:c", "title": "Bad rating", "state": {"status": "read", "rating": 9}},
        {"id": "title:d", "title": "Bad status", "state": {"status": "finished"}},
        "not an object",
        {"id": "title:a", "title": "Duplicate"},
    ]}
    result = parse_text(json.dumps(doc), source_name="e.json")
    assert [p.title for p in result.papers] == ["Good"]
    assert len(result.warnings) == 5
    assert result.warnings[0] == "e.json: entry 2 (title:b) skipped: no title"
    assert all(w.startswith("e.json: entry ") for w in result.warnings)


def test_control_characters_in_an_export_are_removed() -> None:
    doc = {"format": "reader-library", "version": 1, "papers": [
        {"id": "title:a", "title": "Evil\x1b[2J Title", "state": {
            "status": "to-read", "tags": ["x\x07"], "note": "a\x1b]8;;http://x\x07b"}}]}
    result = parse_text(json.dumps(doc))
    assert "\x1b" not in result.papers[0].title and result.papers[0].title.endswith("Title")
    state = result.states["title:a"]
    assert state.tags == ["x"] and "\x1b" not in state.note and "\x07" not in state.note


@pytest.mark.parametrize(("doc", "message"), [
    ({"format": "reader-library", "version": 99, "papers": []}, "version 99"),
    ({"format": "reader-library", "version": 1, "papers": {}}, "papers"),
    ({"format": "reader-library", "version": 1}, "papers"),
])
def test_wrong_shape_or_version_is_one_clear_error(doc: object, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_text(json.dumps(doc), source_name="e.json")
