"""Related papers on the real seed listing (243 papers, ../shared/listings).

Group membership is decided by keywords in the title or abstract, independently
of the algorithm: a paper belongs to "concept bottleneck models" if its text
says so, and so on. For the first paper of each group (in listing order) whose
title names the topic, at least three of its five most related papers must be
of the same group; and that must hold for most such papers, not just the first.
"""

from __future__ import annotations

import re

import pytest

from reader.model import Entry, ReadingState
from reader.parsing import parse_file
from reader.search import SearchIndex
from tests.conftest import HAS_SHARED, SEED_LISTING, SHARED_MISSING

GROUPS = {
    "concept bottleneck": re.compile(r"concept[- ]bottleneck|\bCBMs?\b", re.I),
    "information bottleneck": re.compile(r"information[- ]bottleneck", re.I),
    "kv cache": re.compile(r"\bKV[- ]?caches?\b|key[- ]value cache", re.I),
    "scaling laws": re.compile(r"scaling[- ]laws?\b", re.I),
}


@pytest.fixture(scope="module")
def seed() -> tuple[SearchIndex, dict[str, Entry]]:
    if not HAS_SHARED:
        pytest.skip(SHARED_MISSING)
    papers = parse_file(SEED_LISTING).papers
    entries = [Entry(p, ReadingState(p.id)) for p in papers]
    return SearchIndex(entries), {e.paper.id: e for e in entries}


def in_group(entry: Entry, group: str) -> bool:
    return bool(GROUPS[group].search(f"{entry.paper.title}\n{entry.paper.abstract}"))


def same_group_in_top5(index: SearchIndex, by_id: dict[str, Entry], pid: str,
                       group: str) -> int:
    return sum(in_group(by_id[i], group) for i, _ in index.related(pid, 5))


@pytest.mark.parametrize("group", list(GROUPS))
def test_first_paper_of_each_group_finds_its_group(
        seed: tuple[SearchIndex, dict[str, Entry]], group: str) -> None:
    index, by_id = seed
    first = next(e for e in by_id.values() if GROUPS[group].search(e.paper.title))
    assert same_group_in_top5(index, by_id, first.paper.id, group) >= 3


@pytest.mark.parametrize("group", list(GROUPS))
def test_most_papers_of_each_group_find_their_group(
        seed: tuple[SearchIndex, dict[str, Entry]], group: str) -> None:
    index, by_id = seed
    titled = [e for e in by_id.values() if GROUPS[group].search(e.paper.title)]
    assert len(titled) >= 4  # the listing really has such a group
    good = [e for e in titled if same_group_in_top5(index, by_id, e.paper.id, group) >= 3]
    assert len(good) * 2 > len(titled)


def test_scores_are_cosines_best_first_without_the_paper_itself(
        seed: tuple[SearchIndex, dict[str, Entry]]) -> None:
    index, by_id = seed
    for pid in list(by_id)[:20]:
        related = index.related(pid, 10)
        assert len(related) == 10
        scores = [s for _, s in related]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s <= 1 for s in scores)
        assert pid not in {i for i, _ in related}
        assert len({i for i, _ in related}) == 10
    assert len(index.related(pid, 3)) == 3
    assert index.related(pid, 0) == []


def test_a_paper_with_no_text_has_no_related_papers() -> None:
    from search_fixtures import library

    index = SearchIndex(library())
    assert index.related("p6") == []  # "Untitled preprint", no abstract: nothing shared
    assert index.related("p1")[0][0] == "p7"  # both about deep nets and the bottleneck
