"""`cat:` filters by arXiv category (case-insensitive; an archive name takes all of its
categories), the same in the index and in the reference matcher, and after a merge."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.model import Entry, Paper, ReadingState
from reader.search.match import matches
from reader.search.query import parse_query
from reader.search.search_index import SearchIndex


def _entry(pid: str, categories: list[str]) -> Entry:
    return Entry(Paper(id=pid, title=f"Paper {pid}", categories=categories),
                 ReadingState(paper_id=pid))


ENTRIES = [_entry("a", ["cs.LG", "stat.ML"]), _entry("b", ["stat.ML"]),
           _entry("c", ["cs.CV"]), _entry("d", []), _entry("e", ["cond-mat.str-el"])]


@pytest.mark.parametrize(("query", "wanted"), [
    ("cat:cs.LG", {"a"}), ("cat:CS.lg", {"a"}), ("cat:cs", {"a", "c"}),
    ("cat:stat.ML", {"a", "b"}), ("-cat:cs", {"b", "d", "e"}), ("cat:cond-mat", {"e"}),
    ("category:cs.CV", {"c"}), ("cat:cs.L", set()), ("cat:c", set()),
])
def test_cat_filter(query: str, wanted: set[str]) -> None:
    q = parse_query(query)
    assert not q.errors
    assert set(SearchIndex(ENTRIES).search(q)) == wanted
    assert {e.paper.id for e in ENTRIES if matches(q, e)} == wanted


def test_an_empty_cat_is_an_error_line() -> None:
    assert parse_query("cat:.").errors


def test_a_merge_that_fills_categories_is_searchable() -> None:
    index = SearchIndex(ENTRIES)
    d = ENTRIES[3]
    index.update(Entry(replace(d.paper, categories=["cs.LG"]), d.state))
    assert set(index.search("cat:cs.LG")) == {"a", "d"}
