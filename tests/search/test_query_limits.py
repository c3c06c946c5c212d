"""Hostile queries: huge numbers and huge words cost no more than ordinary ones."""

from __future__ import annotations

import tracemalloc

import pytest

from reader.model import Entry, Paper, ReadingState
from reader.search import SearchIndex, parse_query
from reader.search.query import MAX_WORD
from reader.search.scan import TextScan

HUGE = "9" * 5000  # int() refuses more than 4,300 digits


@pytest.mark.parametrize("text", [f"year:{HUGE}", f"year:1..{HUGE}", f"year:{HUGE}..",
                                  f"rating:>{HUGE}", f"rating:{HUGE}", f"rating:>={HUGE}"],
                         ids=["year", "range-end", "range-start", "rating-gt", "rating",
                              "rating-ge"])
def test_a_number_of_thousands_of_digits_is_out_of_range(text: str) -> None:
    q = parse_query(text)
    assert q.filters == []
    assert len(q.errors) == 1
    assert len(q.errors[0]) < 200  # the error quotes a short piece of the query


def test_a_huge_upper_bound_still_means_no_upper_bound_for_ratings() -> None:
    q = parse_query(f"rating:<={HUGE}")
    assert q.errors == []
    assert (q.filters[0].lo, q.filters[0].hi) == (1, 5)


def test_leading_zeros_do_not_make_a_number_huge() -> None:
    assert (parse_query("year:" + "0" * 50 + "2024").filters[0].lo) == 2024


def test_query_words_are_capped() -> None:
    q = parse_query("a" * 40_000 + " b" + "c" * 500)
    assert [len(w) for t in q.terms for w in t.words] == [MAX_WORD, MAX_WORD]


def _entries(n: int) -> list[Entry]:
    return [Entry(Paper(id=f"p{i}", title=f"paper {i} " + "a" * (i + 1)), ReadingState(f"p{i}"))
            for i in range(n)]


def test_scanning_for_a_long_word_takes_memory_in_proportion_to_it() -> None:
    scan = TextScan()
    scan.add(_entries(20))
    word = "a" * 100_000
    tracemalloc.start()
    try:
        scan.word(word, True, (1 << 20) - 1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(word)  # all prefixes at once took ~5 GB here


def test_searching_a_pasted_wall_of_text_finds_what_its_start_finds() -> None:
    index = SearchIndex(_entries(120))
    assert index.search(parse_query("a" * 40_000)) == index.search(parse_query("a" * MAX_WORD))
