"""QA regressions for `reader export`: a query whose every part is malformed must not export
the whole library (it used to: the bad parts were dropped and nothing was left to filter by)."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_fixtures import mixed_entries

from reader.cli import main
from reader.store import Library


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    entries = mixed_entries()
    with Library.open(path) as lib:
        lib.add_papers([e.paper for e in entries],
                       states={e.paper.id: e.state for e in entries if not e.state.is_default})
    return path


@pytest.mark.parametrize("query", ["tag:", "rating:>>x", "rating:lots year:soon"])
def test_a_query_with_nothing_usable_left_exports_nothing(
        db: Path, tmp_path: Path, query: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.md"
    assert main(["export", "--db", str(db), "--query", query, "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "reader: query: " in err and "--all" in err
    assert not target.exists()


def test_a_query_with_a_usable_part_still_exports(db: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(db), "--query", "status:to-read rating:lots"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Reading list") and "rating:lots" in err
