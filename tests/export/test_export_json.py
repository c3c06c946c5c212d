"""Reader JSON: everything, and `reader import` reads it back into the same library."""

from __future__ import annotations

import json
from pathlib import Path

from export_fixtures import HOSTILE_NOTE, HOSTILE_TITLE, NOW, mixed_entries

from reader.cli import main
from reader.export import EXPORTERS, select_entries
from reader.model import Entry
from reader.parsing import parse_text
from reader.store import Library


def test_shape_and_every_field(entries: list[Entry]) -> None:
    doc = json.loads(EXPORTERS["json"].dump(select_entries(entries, all_=True), NOW))
    assert doc["format"] == "reader-library" and doc["version"] == 1
    assert doc["exported_at"] == "2026-11-28T12:00:00+00:00"
    assert doc["count"] == len(entries) == len(doc["papers"])
    by_id = {p["id"]: p for p in doc["papers"]}
    for e in entries:
        record = dict(by_id[e.paper.id])
        assert record.pop("state") == e.state.to_dict()
        assert record == e.paper.to_dict()
    hostile = by_id["arxiv:2401.00001"]
    assert hostile["title"] == HOSTILE_TITLE and hostile["state"]["note"] == HOSTILE_NOTE


def test_parser_reads_the_export_back_exactly(entries: list[Entry]) -> None:
    result = parse_text(EXPORTERS["json"].dump(select_entries(entries, all_=True), NOW))
    assert result.fmt == "reader-json" and not result.warnings
    assert {p.id: p for p in result.papers} == {e.paper.id: e.paper for e in entries}
    expected_states = {e.paper.id: e.state for e in entries if not e.state.is_default}
    assert result.states == expected_states


def _library_with(db: Path, entries: list[Entry]) -> None:
    with Library.open(db) as lib:
        lib.add_papers([e.paper for e in entries],
                       states={e.paper.id: e.state for e in entries if not e.state.is_default})


def test_round_trip_through_a_new_library_is_lossless(tmp_path: Path) -> None:
    first_db, second_db = tmp_path / "one.json", tmp_path / "two.json"
    _library_with(first_db, mixed_entries())
    out1, out2 = tmp_path / "one-export.json", tmp_path / "two-export.json"
    assert main(["export", "--db", str(first_db), "--all", "-f", "json", "-o", str(out1)]) == 0
    assert main(["import", "--db", str(second_db), str(out1)]) == 0
    assert main(["export", "--db", str(second_db), "--all", "-f", "json", "-o", str(out2)]) == 0
    doc1 = json.loads(out1.read_text(encoding="utf-8"))
    doc2 = json.loads(out2.read_text(encoding="utf-8"))
    assert doc1["papers"] == doc2["papers"]
    assert len(doc1["papers"]) == len(mixed_entries())
    with Library.open(first_db) as one, Library.open(second_db) as two:
        assert sorted(one.entries(), key=lambda e: e.paper.id) == \
            sorted(two.entries(), key=lambda e: e.paper.id)
