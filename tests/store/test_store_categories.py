"""arXiv categories in the catalogue: an old catalogue (no such field) still loads with
none, an import fills them when missing and never drops or replaces them, and they are
cleaned and capped like every other field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Paper, Status
from reader.store import Library
from reader.store.records import LIMITS


def _paper(categories: list[str], abstract: str = "") -> Paper:
    return Paper(id="arxiv:2401.00001", title="Cats in the catalogue", arxiv_id="2401.00001",
                 categories=categories, abstract=abstract)


def test_an_old_catalogue_without_the_field_loads_and_gets_them_later(
        db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Library.open(db_path) as lib:
        lib.add_papers([_paper([]), Paper(id="title:x", title="Another one")])
        lib.set_status("arxiv:2401.00001", Status.READING)
    data = json.loads(db_path.read_text())
    for doc in data["papers"].values():
        del doc["categories"]  # as a Reader from before the field wrote it
    db_path.write_text(json.dumps(data))
    for _ in range(2):  # a full load, then (the derived index saved) a quick one
        assert main(["--db", str(db_path), "show", "2401.00001", "--json"]) == 0
        out, err = capsys.readouterr()
        assert json.loads(out)["categories"] == [] and "skipped" not in err
    assert main(["--db", str(db_path), "check"]) == 0
    capsys.readouterr()
    with Library.open(db_path) as lib:
        assert lib.paper("arxiv:2401.00001").categories == []
        lib.add_papers([_paper(["cs.LG", "stat.ML"])])
    with Library.open(db_path) as lib:
        assert lib.paper("arxiv:2401.00001").categories == ["cs.LG", "stat.ML"]
        assert lib.state("arxiv:2401.00001").status is Status.READING


def test_reimport_keeps_categories(db_path: Path) -> None:
    with Library.open(db_path) as lib:
        lib.add_papers([_paper(["cs.LG", "stat.ML"])])
        lib.add_papers([_paper([], abstract="Now with an abstract.")])  # e.g. a BibTeX file
        lib.add_papers([_paper(["math.CO"])])  # never replaced either
    with Library.open(db_path) as lib:
        paper = lib.paper("arxiv:2401.00001")
        assert paper.categories == ["cs.LG", "stat.ML"]
        assert paper.abstract == "Now with an abstract."


def test_categories_are_cleaned_and_capped(db_path: Path) -> None:
    many = [f"cs.X{i}" for i in range(LIMITS["categories"] + 20)]
    with Library.open(db_path) as lib:
        lib.add_papers([_paper(["cs.\x1b[31mLG", "x" * 500, *many])])
    with Library.open(db_path) as lib:
        cats = lib.paper("arxiv:2401.00001").categories
    assert cats[0] == "cs.LG" and len(cats) <= LIMITS["categories"]
    assert all(len(c) <= LIMITS["category"] for c in cats)


def test_show_lists_them(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Library.open(db_path) as lib:
        lib.add_papers([_paper(["cs.LG", "stat.ML"])])
    assert main(["--db", str(db_path), "show", "2401.00001"]) == 0
    assert "categories  cs.LG, stat.ML" in capsys.readouterr().out.splitlines()
