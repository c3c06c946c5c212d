"""State schema 1 -> 2: existing libraries open unchanged, gain their sync stamps at
the next change, and two copies that diverged before the upgrade still merge
without losing a note."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.model import Paper, Status
from reader.store import Library
from reader.store.merging import merge_into
from reader.store.schema import SCHEMAS, STATE

P0, P1 = "arxiv:2401.00000", "arxiv:2401.00001"


def v1_state(states: list[dict[str, Any]]) -> dict[str, Any]:
    return {"_meta": {"1": {"app": "reader", "kind": "state", "schema": 1}},
            "state": {str(i + 1): s for i, s in enumerate(states)}, "searches": {}}


def old_doc(pid: str, **fields: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"paper_id": pid, "status": "new", "rating": None, "tags": [],
                           "note": "", "history": [], "updated_at": None, "queue_pos": None}
    doc.update(fields)
    return doc


def make_v1_library(folder: Path, states: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "library.json"
    with Library.open(path) as lib:
        lib.add_papers([Paper(id=P0, title="Zero"), Paper(id=P1, title="One")])
    (folder / "library.state.json").write_text(json.dumps(v1_state(states)))
    return path


def test_a_schema_1_library_opens_unchanged_and_is_written_in_the_current_schema(
        tmp_path: Path) -> None:
    path = make_v1_library(tmp_path, [old_doc(
        P0, status="read", rating=4, tags=["ml", "bio"], note="My note",
        history=[{"at": "2026-01-02T10:00:00+00:00", "status": "read", "previous": "new"}],
        updated_at="2026-01-03T10:00:00+00:00")])
    state_file = tmp_path / "library.state.json"
    before = state_file.read_bytes()
    with Library.open(path, create=False) as lib:
        state = lib.state(P0)
        assert (state.status, state.rating, state.tags, state.note) == (
            Status.READ, 4, ["ml", "bio"], "My note")
    assert state_file.read_bytes() == before  # reading migrates in memory only
    with Library.open(path, device="laptop") as lib:
        lib.set_rating(P1, 2)
    data = json.loads(state_file.read_text())
    assert data["_meta"]["1"]["schema"] == SCHEMAS[STATE]
    doc = next(d for d in data["state"].values() if d["paper_id"] == P0)
    assert doc["tags"] == ["ml", "bio"] and doc["note"] == "My note"
    assert doc["sync"]["at"]["status"].startswith("2026-01-02T10:00:00")  # from the history
    assert doc["sync"]["at"]["rating"].startswith("2026-01-03T10:00:00")  # updated_at
    assert doc["sync"]["note"][0]["text"] == "My note"


def test_two_copies_that_diverged_before_the_upgrade_merge_keeping_both_notes(
        tmp_path: Path) -> None:
    common = dict(history=[{"at": "2026-01-02T10:00:00+00:00", "status": "to-read",
                            "previous": "new"}])
    laptop = make_v1_library(tmp_path / "laptop", [old_doc(
        P0, status="to-read", note="Laptop's thoughts", updated_at="2026-01-05T09:00:00+00:00",
        **common)])
    desktop = make_v1_library(tmp_path / "desktop", [old_doc(
        P0, status="read", note="Desktop's thoughts", updated_at="2026-01-04T09:00:00+00:00",
        history=[*common["history"], {"at": "2026-01-04T09:00:00+00:00", "status": "read",
                                      "previous": "to-read"}])])
    with Library.open(laptop, device="laptop") as lib:
        report = lib.merge_file(desktop.with_name("library.state.json"))
        assert report.describe() == "1 paper changed, 1 note conflict kept"
        state = lib.state(P0)
        # the status changed on the desktop on the 4th; the laptop's dates from the 2nd
        assert state.status is Status.READ
        assert "Laptop's thoughts" in state.note and "Desktop's thoughts" in state.note
        assert state.note.index("Laptop's thoughts") < state.note.index("Desktop's thoughts")
    # the other way round gives the same state file content (git's merge driver)
    other = tmp_path / "desktop" / "library.state.json"
    merge_into(other, tmp_path / "laptop" / "library.state.json")
    with Library.open(desktop, create=False) as a, Library.open(laptop, create=False) as b:
        assert a.state(P0) == b.state(P0)


def test_the_same_note_migrated_on_two_machines_is_no_conflict(tmp_path: Path) -> None:
    same = old_doc(P0, note="Shared note", rating=3, updated_at="2026-01-05T09:00:00+00:00")
    a = make_v1_library(tmp_path / "a", [same])
    b = make_v1_library(tmp_path / "b", [same])
    with Library.open(a, device="a") as lib:
        report = lib.merge_file(b.with_name("library.state.json"))
        assert (report.papers_changed, report.note_conflicts) == (0, 0)
        assert lib.state(P0).note == "Shared note"
