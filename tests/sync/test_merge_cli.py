"""`reader merge OTHER_FILE` (state or catalogue), git's merge driver, and the clock."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Paper, Status
from reader.store import Library
from reader.store.stamps import Hlc, parse_stamp

PAPERS = [Paper(id=f"arxiv:2405.0000{i}", title=f"Paper {i}") for i in range(4)]
P0, P1, P2, P3 = (p.id for p in PAPERS)


def two_copies(tmp_path: Path) -> tuple[Path, Path]:
    here, there = tmp_path / "here" / "library.json", tmp_path / "there" / "library.json"
    with Library.open(here, device="here") as lib:
        lib.add_papers(PAPERS[:3])
    there.parent.mkdir()
    for name in ("library.json", "library.state.json"):
        shutil.copy(here.with_name(name), there.with_name(name))
    with Library.open(here, device="here") as lib:
        lib.set_note(P0, "Here.")
        lib.add_tags(P1, ["ml"])
    with Library.open(there, device="there") as lib:
        lib.add_papers([PAPERS[3], Paper(id=P0, title="Paper 0", abstract="Filled there.")])
        lib.set_note(P0, "There.")
        lib.set_rating(P2, 5)
        lib.add_tags(P1, ["nlp"])
    return here, there


def test_merge_of_a_state_file_reports_papers_and_note_conflicts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here, there = two_copies(tmp_path)
    state = there.with_name("library.state.json")
    assert main(["--db", str(here), "merge", str(state)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.endswith("3 papers changed, 1 note conflict kept")
    assert main(["--db", str(here), "merge", str(state)]) == 0  # idempotent
    assert capsys.readouterr().out.strip().endswith("0 papers changed, 0 note conflicts kept")
    with Library.open(here, create=False) as lib:
        assert lib.state(P2).rating == 5
        assert lib.state(P1).tags == ["ml", "nlp"]
        assert "Here." in lib.state(P0).note and "There." in lib.state(P0).note


def test_merge_of_a_catalogue_adds_papers_and_fills_metadata_keeping_ids(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here, there = two_copies(tmp_path)
    assert main(["--db", str(here), "merge", str(there)]) == 0
    assert "merged the catalogue" in capsys.readouterr().out
    with Library.open(here, create=False) as lib:
        assert [p.id for p in lib.papers()] == [P0, P1, P2, P3]
        assert lib.paper(P0).abstract == "Filled there."
        assert lib.state(P0).note == "Here."  # the catalogue merge leaves states alone


@pytest.mark.parametrize("content", ["{ not json", '[{"title": "an export"}]', ""])
def test_merge_refuses_a_file_that_is_not_a_library_and_changes_nothing(
        tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]) -> None:
    here, _ = two_copies(tmp_path)
    before = here.with_name("library.state.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    assert main(["--db", str(here), "merge", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: ") and "\n" not in err and "Traceback" not in err
    assert here.with_name("library.state.json").read_bytes() == before
    assert main(["--db", str(here), "merge", str(tmp_path / "missing.json")]) == 1


def test_the_merge_driver_merges_into_the_current_file_and_fails_cleanly(
        tmp_path: Path) -> None:
    here, there = two_copies(tmp_path)
    ours = tmp_path / "ours.json"
    shutil.copy(here.with_name("library.state.json"), ours)
    ancestor = tmp_path / "ancestor.json"
    ancestor.write_text("")
    theirs = there.with_name("library.state.json")
    assert main(["merge-driver", str(ancestor), str(ours), str(theirs)]) == 0
    text = ours.read_text()
    assert "Here." in text and "There." in text and "<<<<<<<" not in text
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"_meta": ')
    before = ours.read_bytes()
    assert main(["merge-driver", str(ancestor), str(ours), str(damaged)]) == 1
    assert ours.read_bytes() == before  # git keeps the conflict; no markers written


def test_the_clock_never_goes_back_and_orders_machines() -> None:
    clock = Hlc("laptop")
    now = datetime(2026, 12, 6, 6, 40, tzinfo=UTC)
    first = clock.tick(now)
    behind = clock.tick(now - timedelta(hours=1))  # the wall clock was set back
    assert behind > first and parse_stamp(behind)[1] == 1
    ahead_elsewhere = Hlc("desktop").tick(now + timedelta(minutes=5))
    after_seeing_it = clock.tick(now, after=ahead_elsewhere)
    assert after_seeing_it > ahead_elsewhere  # a change made after a merge wins
    assert clock.tick(now + timedelta(hours=1)).startswith("2026-12-06T07:40:00.000Z#000000")


def test_a_state_set_back_to_new_is_not_undone_by_an_older_copy(tmp_path: Path) -> None:
    here, there = two_copies(tmp_path)
    with Library.open(there, device="there") as lib:
        lib.set_status(P3, Status.READ)
    main(["--db", str(here), "merge", str(there)])
    main(["--db", str(here), "merge", str(there.with_name("library.state.json"))])
    with Library.open(here, device="here") as lib:
        assert lib.state(P3).status is Status.READ
        lib.set_status(P3, Status.NEW)
    main(["--db", str(here), "merge", str(there.with_name("library.state.json"))])
    with Library.open(here, create=False) as lib:
        assert lib.state(P3).status is Status.NEW


def test_check_names_a_state_document_whose_sync_stamps_are_damaged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    here, _ = two_copies(tmp_path)
    state = here.with_name("library.state.json")
    data = json.loads(state.read_text())
    doc = next(iter(data["state"].values()))
    doc["sync"]["tags"] = ["not", "an", "object"]
    state.write_text(json.dumps(data))
    assert main(["--db", str(here), "check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("error: ") and "'sync'" in out.splitlines()[0]


def test_an_invalid_record_here_is_kept_as_it_is_and_the_rest_merges(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    here, there = two_copies(tmp_path)
    state = here.with_name("library.state.json")
    data = json.loads(state.read_text())
    data["state"]["99"] = {"paper_id": P2, "status": "bogus"}
    state.write_text(json.dumps(data))
    assert main(["--db", str(here), "merge", str(there.with_name("library.state.json"))]) == 0
    kept = json.loads(state.read_text())["state"]["99"]
    assert kept == {"paper_id": P2, "status": "bogus"}
    with Library.open(here, create=False) as lib:
        assert "There." in lib.state(P0).note


def test_the_apps_poll_waits_while_another_process_holds_the_lock(tmp_path: Path) -> None:
    from reader.store.files import LibraryFiles

    here, _ = two_copies(tmp_path)
    with Library.open(here, device="here") as app, Library.open(here, device="cli") as cli:
        cli.set_rating(P2, 3)
        lock = LibraryFiles(here).make_lock()  # e.g. git rewriting the files in `reader sync`
        lock.acquire()
        try:
            assert app.reload_if_changed() is False
            assert app.state(P2).rating is None
        finally:
            lock.release()
        assert app.reload_if_changed() is True
        assert app.state(P2).rating == 3


def test_a_citation_key_given_to_two_papers_on_two_machines_stays_unique(
        tmp_path: Path) -> None:
    here, there = two_copies(tmp_path)
    a = Paper(id="arxiv:2406.00001", title="Deep Sets", key="zaheer2017deep",
              added_at="2026-12-01T10:00:00+00:00")
    b = Paper(id="arxiv:2406.00002", title="Deep Sets Again", key="zaheer2017deep",
              added_at="2026-12-02T10:00:00+00:00")
    with Library.open(here, device="here") as lib:
        lib.add_papers([b])
    with Library.open(there, device="there") as lib:
        lib.add_papers([a])
    assert main(["--db", str(here), "merge", str(there)]) == 0
    import json

    stored = json.loads(here.read_text())["papers"].values()
    keys = {doc["id"]: doc["key"] for doc in stored}  # as written by the merge
    assert keys[a.id] == "zaheer2017deep"  # added first: keeps it, on every machine
    assert keys[b.id] != "zaheer2017deep" and keys[b.id].startswith("zaheer2017deep")
