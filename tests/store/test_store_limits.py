"""Field lengths are capped when papers come in; notes over the limit are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import ReaderError
from reader.model import Paper
from reader.store import Library
from reader.store.records import LIMITS


def test_an_absurd_bibtex_title_is_cut_at_import(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "huge.bib"
    listing.write_text("@article{k, title={" + "Very long title " * 70_000 + "}, "
                       "abstract={" + "word " * 40_000 + "}, year={2024}}\n")
    db = tmp_path / "library.json"
    assert main(["--db", str(db), "import", str(listing)]) == 0
    capsys.readouterr()
    with Library.open(db) as lib:
        paper = lib.papers()[0]
    assert len(paper.title) == LIMITS["title"] and paper.title.endswith("…")
    assert len(paper.abstract) == LIMITS["abstract"]


def test_every_field_is_capped_and_short_fields_are_untouched() -> None:
    lib = Library.open(None)
    big = Paper(id="x:1", title="t" * 5000, abstract="a" * 200_000,
                authors=["n" * 1000] * 3000, urls=["https://e.x/" + "u" * 3000,
                                                  "https://ok.example/"] * 150,
                venue="v" * 5000, source="s" * 5000, doi="10.1/" + "d" * 1000)
    lib.add_papers([big, Paper(id="x:2", title="Short", authors=["A B"])])
    paper = lib.paper("x:1")
    assert len(paper.title) <= LIMITS["title"]
    assert len(paper.abstract) <= LIMITS["abstract"]
    assert len(paper.authors) == LIMITS["authors"]
    assert max(map(len, paper.authors)) <= LIMITS["author"]
    assert paper.urls and all(len(u) <= LIMITS["url"] for u in paper.urls)
    assert len(paper.urls) <= LIMITS["urls"]
    assert len(paper.venue or "") <= LIMITS["venue"] and len(paper.source) <= LIMITS["source"]
    assert lib.paper("x:2") == Paper(id="x:2", title="Short", authors=["A B"],
                                     added_at=lib.paper("x:2").added_at,
                                     key="bshort")  # its generated citation key


def test_a_note_over_the_limit_is_refused_never_cut() -> None:
    lib = Library.open(None)
    lib.add_papers([Paper(id="x:1", title="A")])
    lib.set_note("x:1", "kept")
    with pytest.raises(ReaderError, match="too long"):
        lib.set_note("x:1", "n" * (LIMITS["note"] + 1))
    assert lib.state("x:1").note == "kept"
