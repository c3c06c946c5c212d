"""`reader list --query` and `reader related` through the real CLI and a real library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from search_fixtures import library

from reader.store import Library
from tests.cli_fixtures import run_cli as run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    entries = library()
    with Library.open(path) as lib:
        lib.add_papers([e.paper for e in entries])
        for e in entries:
            s = e.state
            if s.status.value != "new":
                lib.set_status(e.paper.id, s.status)
            if s.rating:
                lib.set_rating(e.paper.id, s.rating)
            if s.tags:
                lib.add_tags(e.paper.id, s.tags)
            if s.note:
                lib.set_note(e.paper.id, s.note)
    return path


def listed(capsys: pytest.CaptureFixture[str], db: Path, query: str) -> list[str]:
    code, out, err = run(capsys, "--db", str(db), "list", "--query", query, "--json")
    assert (code, err) == (0, "")
    return [e["id"] for e in json.loads(out)]


def test_list_query_ranks_and_filters(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert listed(capsys, db, "bottleneck")[:4] == ["p0", "p1", "p5", "p9"]
    assert listed(capsys, db, "bottleneck status:to-read") == ["p1", "p2"]
    assert listed(capsys, db, '"information bottleneck" -tag:survey') == ["p1", "p7"]
    assert listed(capsys, db, "tag:to-cite has:note") == ["p2"]
    assert listed(capsys, db, "rating:>=4 sort:year") == ["p0", "p7", "p8", "p1"]
    assert listed(capsys, db, "schrodinger") == ["p4"]


def test_list_query_with_other_options(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "list", "--status", "to-read", "--query",
                       "compress", "--json")
    assert code == 0 and [e["id"] for e in json.loads(out)] == ["p2"]
    code, out, _ = run(capsys, "--db", str(db), "list", "-q", "tishby")
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()] == ["p1", "p7"]


def test_a_bad_query_warns_and_still_lists(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "list", "--query", "tishby foo:bar rating:9",
                         "--json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)] == ["p1", "p7"]
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("reader: query: ") for line in lines)
    assert "foo:" in lines[0] and "rating:9" in lines[1]


def test_related_json_has_scores(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "related", "p1", "--json", "-k", "3")
    assert (code, err) == (0, "")
    related = json.loads(out)
    assert related[0]["id"] == "p7"
    assert len(related) <= 3
    scores = [r["score"] for r in related]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    assert related[0]["title"] == "Information theory of deep learning"


def test_related_text_and_unknown_id(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "related", "p1")
    assert code == 0 and out.splitlines()[0].split()[1:3] == ["p7", "Information"]
    code, _, err = run(capsys, "--db", str(db), "related", "nope")
    assert code == 1 and err.startswith("reader: ") and "Traceback" not in err
