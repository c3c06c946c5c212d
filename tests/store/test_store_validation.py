"""Hand-edited libraries with one field of the wrong type: `reader check` names the
record and the field; every other command skips the record with one warning line,
never crashes and never rewrites it.

The corrupted libraries are generated: each field of a valid paper record and of a
valid reading-state record is replaced, in turn, by values of the wrong type (the
wrong values are listed here by hand, not taken from the validator)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.model import Paper, Status
from reader.store import Library
from tests.cli_fixtures import run_cli as run

GOOD = "arxiv:2401.00001"
VICTIM = "arxiv:2401.00002"
NOT_STR = [0, -1, 1.5, True, False, [], ["x"], {}, {"a": 1}]
NOT_ID = [*NOT_STR, None, "", "   "]
NOT_TEXT = [*NOT_STR, None]
NOT_LIST = ["x", "", 0, 1.5, True, {}, [1], [None], [["x"]], None]
PAPER_WRONG: dict[str, list[Any]] = {
    "id": NOT_ID, "title": NOT_TEXT, "abstract": NOT_TEXT, "authors": NOT_LIST,
    "year": ["2024", "x", 1.5, True, [], {}, 0, -5, 10000, "9" * 5000],
    "published": NOT_STR, "arxiv_id": NOT_STR, "doi": NOT_STR, "urls": NOT_LIST,
    "venue": NOT_STR, "source": NOT_TEXT, "added_at": NOT_TEXT, "categories": NOT_LIST,
}
STATE_WRONG: dict[str, list[Any]] = {
    "paper_id": NOT_ID,
    "status": [0, "done", "", True, [], {}, "READ"],
    "rating": ["9" * 5000, "5", 1.5, True, [], {}, 6, -1, 99999],
    "tags": NOT_LIST, "note": NOT_TEXT,
    "history": ["x", 0, {}, [1], [{"at": 1, "status": "read"}], [{}],
                [{"at": "2026-01-01", "status": "bogus"}],
                [{"at": "2026-01-01", "status": "read", "previous": "zzz"}]],
    "updated_at": NOT_STR,
    "queue_pos": ["1", [], {}, True, "x", [1.5]],
    "sync": ["x", 0, [], {"at": 1}, {"at": {"status": 5}}, {"note": {}},
             {"note": [{"text": 1}]}],
}
CASES = ([("paper", f, v) for f, vs in PAPER_WRONG.items() for v in vs]
         + [("state", f, v) for f, vs in STATE_WRONG.items() for v in vs])


def test_there_are_at_least_180_corrupted_libraries() -> None:
    assert len(CASES) >= 180


def _library(folder: Path) -> Path:
    path = folder / "library.json"
    with Library.open(path) as lib:
        lib.add_papers([Paper(id=f"arxiv:2401.0000{i}", title=f"Paper {i} on bottlenecks",
                              abstract="Information bottleneck methods.", authors=["A B"],
                              year=2024, arxiv_id=f"2401.0000{i}",
                              urls=["https://github.com/x/y"]) for i in (1, 2, 3)])
        for pid in (GOOD, VICTIM):
            lib.set_status(pid, Status.TO_READ)
            lib.set_rating(pid, 4)
            lib.add_tags(pid, ["ml"])
            lib.set_note(pid, "a note")
        lib.save_search("mine", "bottleneck")
    return path


def _corrupt(path: Path, kind: str, field: str, value: Any) -> tuple[Path, str]:
    """Put `value` in `field` of the victim's paper or state record; (file, record id)."""
    target = path if kind == "paper" else path.with_name("library.state.json")
    data = json.loads(target.read_text())
    table = data["papers" if kind == "paper" else "state"]
    key = "id" if kind == "paper" else "paper_id"
    doc_id = next(k for k, doc in table.items() if doc[key] == VICTIM)
    table[doc_id][field] = value
    target.write_text(json.dumps(data))
    return target, doc_id


def _record(target: Path, kind: str, value_of_victim: Any, field: str) -> list[Any]:
    data = json.loads(target.read_text())
    return [doc for doc in data["papers" if kind == "paper" else "state"].values()
            if isinstance(doc, dict) and doc.get(field) == value_of_victim]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("pristine")
    _library(folder)
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _fresh(folder: Path, pristine: dict[str, bytes]) -> Path:
    folder.mkdir()
    for name, content in pristine.items():
        (folder / name).write_bytes(content)
    return folder / "library.json"



@pytest.mark.parametrize("kind,field", sorted({(k, f) for k, f, _ in CASES}))
def test_check_names_every_bad_record_and_field(
        kind: str, field: str, tmp_path: Path, pristine: dict[str, bytes],
        capsys: pytest.CaptureFixture[str]) -> None:
    for n, (k, f, value) in enumerate(CASES):
        if (k, f) != (kind, field):
            continue
        db = _fresh(tmp_path / str(n), pristine)
        _target, doc_id = _corrupt(db, kind, field, value)
        code, out, err = run(capsys, "--db", str(db), "check")
        errors = [line for line in out.splitlines() if line.startswith("error:")]
        assert code == 1, (field, value, out)
        assert any(f"{kind} record '{doc_id}'" in line and f"'{field}'" in line
                   for line in errors), (field, value, out)
        assert "internal error" not in err


COMMANDS = [["list"], ["list", "--json"], ["list", "--query", "bottleneck"],
            ["show", GOOD], ["show", GOOD, "--json"], ["related", GOOD], ["stats"],
            ["stats", "--json"], *(["export", "--all", "-f", f] for f in
                                   ("md", "csv", "bib", "json", "org", "html")),
            ["export"], ["mark", GOOD, "read"], ["rate", GOOD, "2"], ["note", GOOD, "new"],
            ["tag", GOOD, "x"], ["mark", VICTIM, "read"]]


@pytest.mark.parametrize("kind,field", sorted({(k, f) for k, f, _ in CASES}))
def test_commands_skip_a_bad_record_with_one_warning_and_leave_it_as_it_is(
        kind: str, field: str, tmp_path: Path, pristine: dict[str, bytes],
        capsys: pytest.CaptureFixture[str]) -> None:
    for n, (k, f, value) in enumerate(CASES):
        if (k, f) != (kind, field):
            continue
        db = _fresh(tmp_path / str(n), pristine)
        target, doc_id = _corrupt(db, kind, field, value)
        before = json.loads(target.read_text())["papers" if kind == "paper" else "state"]
        bad_doc = before[doc_id]
        for argv in COMMANDS:
            code, _out, err = run(capsys, "--db", str(db), *argv)
            lines = err.splitlines()
            assert "internal error" not in err, (field, value, argv, err)
            assert code in (0, 1), (field, value, argv, err)
            warnings = [line for line in lines if "invalid record" in line]
            assert len(warnings) == 1, (field, value, argv, err)
            if argv[1:2] != [VICTIM] or kind == "state":
                assert code == 0, (field, value, argv, err)
        after = json.loads(target.read_text())["papers" if kind == "paper" else "state"]
        kept = [doc for doc in after.values() if doc == bad_doc]
        assert len(kept) == 1, (field, value)


def test_an_import_keeps_a_bad_catalogue_record_as_it_is(
        tmp_path: Path, pristine: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    db = _fresh(tmp_path / "lib", pristine)
    target, _ = _corrupt(db, "paper", "urls", 0)
    listing = tmp_path / "more.bib"
    listing.write_text("@article{k, title={A brand new paper}, year={2025}}\n")
    code, out, err = run(capsys, "--db", str(db), "import", str(listing))
    assert code == 0 and "1 added" in out
    assert len([line for line in err.splitlines() if "invalid record" in line]) == 1
    docs = json.loads(target.read_text())["papers"].values()
    assert [d["urls"] for d in docs if d["id"] == VICTIM] == [0]
    assert {d["title"] for d in docs} >= {"A brand new paper", "Paper 1 on bottlenecks"}


def test_a_state_record_with_an_id_tinydb_cannot_read_survives_a_change(
        tmp_path: Path, pristine: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    db = _fresh(tmp_path / "lib", pristine)
    state = db.with_name("library.state.json")
    data = json.loads(state.read_text())
    data["state"]["not-a-number"] = {"paper_id": "arxiv:2401.00003", "status": "read"}
    state.write_text(json.dumps(data))
    code, _, err = run(capsys, "--db", str(db), "mark", GOOD, "read")
    assert code == 0 and "'not-a-number'" in err
    assert json.loads(state.read_text())["state"]["not-a-number"]["status"] == "read"
    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code == 1 and "state record 'not-a-number': its id" in out


def test_the_app_library_reports_skipped_records(tmp_path: Path,
                                                 pristine: dict[str, bytes]) -> None:
    db = _fresh(tmp_path / "lib", pristine)
    _corrupt(db, "paper", "authors", "x")
    with Library.open(db) as lib:
        assert lib.skipped is not None and "'authors'" in lib.skipped
        assert [e.paper.id for e in lib.entries()] == [GOOD, "arxiv:2401.00003"]
