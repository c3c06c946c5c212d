"""A query answered before the catalogue is parsed (a glance and the vouched word
index) is the answer of the full load, or no answer at all."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.early_search import EarlySearch
from reader.model import Paper, Status
from reader.store import Library, first_screen
from reader.store.glance import Glance, glance
from tests.search.early_fixtures import vouched_view

WORDS = ["attention", "bottleneck", "transformer", "graph", "learning", "latent",
         "sparse", "memory", "token", "tokens", "vision", "diffusion", "agent", "gradient"]


def _library(path: Path, n: int = 300) -> None:
    rng = random.Random(5)
    papers = [Paper(
        id=f"p{i:04d}", title=" ".join(rng.choice(WORDS) for _ in range(4)).capitalize(),
        abstract=" ".join(rng.choice(WORDS) for _ in range(30)),
        authors=[rng.choice(["Ada Lovelace", "Alan Turing", "Grace Hopper", "Tim Gradient"])],
        year=2010 + i % 15) for i in range(n)]
    with Library.open(path) as lib:
        lib.add_papers(papers)
        for i in range(0, n, 7):
            lib.set_status(f"p{i:04d}", rng.choice(list(Status)))
        for i in range(0, n, 11):
            lib.add_tags(f"p{i:04d}", [rng.choice(["ml", "graph", "Later", "tokens"])])
        for i in range(0, n, 13):
            lib.set_rating(f"p{i:04d}", rng.randrange(1, 6))
        for i in range(0, n, 17):
            lib.set_note(f"p{i:04d}", f"about {rng.choice(WORDS)} and more")


def _early(path: Path) -> EarlySearch:
    seen = glance(path)
    assert seen is not None
    early = EarlySearch.load(path, seen)
    assert early is not None
    return early


QUERIES = ["a", "t", "to", "tok", "token", "tokens", "attention", "att graph", "graph -sparse",
           "-graph", "learning latent", "grad", "gradient", "status:read", "-status:new",
           "tag:ml", "tag:later", "-tag:graph memory", "rating:>=3", "rating:0", "has:note",
           "has:tags", "has:rating", "about", "more", "memory status:to-read", "zzz",
           "lovelace", "ada", "turing vision", "x", "9", "tokens tokens", "-",
           "status:new graph", "-has:note", "has:rating -status:read", "rating:<=2",
           "-rating:0 token", "tag:tokens tokens", "-tag:ml -status:new"]


def test_every_early_answer_is_the_full_loads(tmp_path: Path) -> None:
    path = tmp_path / "lib.json"
    _library(path)
    view = vouched_view(path)
    early = _early(path)
    answered = 0
    shelves = [shelf.key for shelf, count in view.shelves() if count is not None]
    assert len(shelves) >= 9  # the status shelves, All and tags
    for shelf in shelves:
        for text in QUERIES:
            got = early.visible(shelf, text)
            if got is None:
                continue
            answered += 1
            ids, query, elsewhere = got
            expected, _ = view.visible(view.shelf(shelf), text)
            assert ids == expected, (shelf, text)
            if not expected and shelf != "all":
                assert elsewhere == len(view.visible(view.shelf("all"), text)[0])
            assert query.errors == []
    assert answered >= len(shelves) * (len(QUERIES) - 4)  # most are answered early


def test_what_needs_the_full_index_is_not_answered(tmp_path: Path) -> None:
    path = tmp_path / "lib.json"
    _library(path, 50)
    vouched_view(path)
    early = _early(path)
    for text in ['"attention bottleneck"', "author:turing", "year:2015", "sort:year",
                 "key:x", "cat:cs", "has:code", "graph sort:foryou", ""]:
        assert early.visible("all", text) is None, text
    assert early.visible("search:mine", "graph") is None


def test_no_early_search_without_a_word_index_vouched_for_this_catalogue(
        tmp_path: Path) -> None:
    path = tmp_path / "lib.json"
    _library(path, 40)
    seen = glance(path)
    assert seen is not None and EarlySearch.load(path, seen) is None  # nothing vouched yet
    vouched_view(path)
    with Library.open(path) as lib:  # the catalogue is replaced: another token
        lib.add_papers([Paper(id="late", title="A late paper")])
    seen = glance(path)
    assert seen is None or EarlySearch.load(path, seen) is None


def test_no_glance_without_a_derived_index_of_this_catalogue(tmp_path: Path) -> None:
    from reader.store import derived

    path = tmp_path / "lib.json"
    _library(path, 20)
    assert isinstance(glance(path), Glance)
    derived.index_file(path).unlink()
    assert glance(path) is None
    assert glance(tmp_path / "missing.json") is None


@pytest.mark.parametrize("n", [0, 1, 300])
def test_the_first_screen_from_a_glance_is_the_loaded_librarys(tmp_path: Path,
                                                               n: int) -> None:
    path = tmp_path / "lib.json"
    if n:
        _library(path, n)
    else:
        Library.open(path).close()
    with Library.open(path, create=False) as lib:
        rows, counts = first_screen.first_rows(lib.entries())
    seen = glance(path)
    if seen is None:  # (an empty library has no derived index: the load is instant)
        assert n == 0
        return
    shown = first_screen.from_glance(seen)
    assert shown.counts == counts and list(shown.counts) == list(counts)
    assert [(e.paper.id, e.paper.title, e.paper.year, e.state) for e in shown.entries] == [
        (e.paper.id, e.paper.title, e.paper.year, e.state) for e in rows]
