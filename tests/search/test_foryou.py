"""The "for you" order learns from the user's decisions (Rocchio over the related
papers' TF-IDF vectors): on the primary listing, after five concept-bottleneck
papers rated 5 and five KV-cache papers skipped, most of the top ten new papers are
about concept bottlenecks and none about KV caches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Entry, Paper, ReadingState, Status
from reader.search import SearchIndex, parse_query
from reader.search.foryou import NO_DECISIONS
from reader.store import Library


def _text(entry: Entry | dict[str, object]) -> str:
    if isinstance(entry, Entry):
        return f"{entry.paper.title} {entry.paper.abstract}".lower()
    return f"{entry['title']} {entry['abstract']}".lower()


def about_concept_bottlenecks(entry: Entry | dict[str, object]) -> bool:
    text = _text(entry).replace("-", " ")
    return "concept bottleneck" in text or " cbm" in text


def about_kv_caches(entry: Entry | dict[str, object]) -> bool:
    text = _text(entry).replace("-", " ")
    return "kv cache" in text or "kv head" in text or "key value cache" in text


@pytest.fixture
def decided_library(seed_listing: Path, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "library.json"
    assert main(["--db", str(db), "import", str(seed_listing)]) == 0
    with Library.open(db) as lib:
        entries = lib.entries()
        liked = [e.paper.id for e in entries if "Concept Bottleneck" in e.paper.title][:5]
        skipped = [e.paper.id for e in entries if "KV" in e.paper.title][:5]
        assert len(liked) == 5 and len(skipped) == 5
        lib.set_rating_many(liked, 5)
        lib.set_status_many(skipped, Status.SKIPPED)
    capsys.readouterr()
    return db


def test_the_top_ten_new_papers_follow_the_ratings_and_avoid_the_skips(
        decided_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(decided_library), "list", "--json",
                 "--query", "status:new sort:foryou"]) == 0
    captured = capsys.readouterr()
    papers = json.loads(captured.out)
    top = papers[:10]
    assert len(papers) == 238  # every new paper, reordered
    assert all(p["status"] == "new" for p in top)
    assert sum(map(about_concept_bottlenecks, top)) >= 6, [p["title"] for p in top]
    assert not any(map(about_kv_caches, top)), [p["title"] for p in top]
    assert captured.err == ""
    # and among the papers not decided on yet (the five rated are new too)
    assert main(["--db", str(decided_library), "list", "--json",
                 "--query", "status:new rating:none sort:foryou"]) == 0
    fresh = json.loads(capsys.readouterr().out)[:10]
    assert sum(map(about_concept_bottlenecks, fresh)) >= 7, [p["title"] for p in fresh]
    assert not any(map(about_kv_caches, fresh)), [p["title"] for p in fresh]


def test_the_reason_names_the_closest_paper_kept(decided_library: Path) -> None:
    with Library.open(decided_library) as lib:
        entries = lib.entries()
    index = SearchIndex(entries)
    top = index.search(parse_query("status:new sort:foryou"))[0]
    reason = index.for_you_reason(top)
    assert reason.startswith("like “") and reason.endswith("which you rated 5")


def test_no_decisions_keeps_the_default_order_and_says_so(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    papers = [Paper(id=f"title:{i:04x}", title=f"Paper {i} on topic {i % 3}", source="t",
                    abstract=f"words about topic {i % 3}") for i in range(6)]
    index = SearchIndex([Entry(p, ReadingState(p.id)) for p in papers])
    query = parse_query("sort:foryou")
    assert index.search(query) == [p.id for p in papers]
    assert query.notes == [NO_DECISIONS]
    db = tmp_path / "library.json"
    with Library.open(db) as lib:
        lib.add_papers(papers)
    assert main(["--db", str(db), "list", "--query", "sort:foryou"]) == 0
    captured = capsys.readouterr()
    assert "no decisions yet" in captured.err and captured.out.count("\n") == 6
