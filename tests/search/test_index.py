"""SearchIndex on a small hand-made library: each filter, ranking, sorting, updates.

Every test runs twice: before `prepare()` (words found by scanning the folded
text) and after (the word index, forced even for this tiny library), since the
app queries in both states.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from search_fixtures import entry, library

from reader.errors import UnknownPaperError
from reader.model import Entry, Status
from reader.search import SearchIndex, parse_query


@pytest.fixture(params=["scan", "words"])
def index(request: pytest.FixtureRequest) -> SearchIndex:
    idx = SearchIndex(library())
    if request.param == "words":
        idx.prepare()
        idx.scan_limit = 0  # use the word index even for this tiny library
    return idx


def ids(index: SearchIndex, text: str) -> list[str]:
    return index.search(text)


def test_empty_query_gives_everything_in_library_order(index: SearchIndex) -> None:
    assert ids(index, "") == [f"p{i}" for i in range(10)]
    assert ids(index, "   ") == ids(index, "")


def test_all_words_must_match_and_a_prefix_matches(index: SearchIndex) -> None:
    assert set(ids(index, "information bottleneck")) == {"p1", "p7"}
    assert set(ids(index, "bottl")) == {"p0", "p1", "p2", "p3", "p5", "p7", "p9"}
    assert ids(index, "zzz") == []


def test_words_match_authors_tags_and_notes(index: SearchIndex) -> None:
    assert ids(index, "tishby") == ["p1", "p7"]
    assert ids(index, "to-cite") == ["p2"]
    assert ids(index, "quantization") == ["p2"]


def test_title_matches_rank_above_abstract_matches(index: SearchIndex) -> None:
    result = ids(index, "bottleneck")
    title_hits = ["p0", "p1", "p5", "p9"]
    assert result[:4] == title_hits  # ties keep import order
    assert set(result[4:]) == {"p2", "p3", "p7"}
    assert result[4:] == ["p7", "p2", "p3"]  # the note of p7 ranks it over abstracts


def test_rarer_words_weigh_more_in_the_ranking(index: SearchIndex) -> None:
    # p1 has both words in its title; p7 only "information"; p0 neither.
    assert ids(index, "deep information")[:2] == ["p1", "p7"]


def test_accents_and_case_are_ignored_both_ways(index: SearchIndex) -> None:
    assert ids(index, "schrodinger") == ["p4"]
    assert ids(index, "SCHRÖDINGER bridges") == ["p4"]
    assert ids(index, "muller") == ["p2"]
    assert ids(index, "zoe") == ["p9"]


def test_phrases_need_adjacent_words(index: SearchIndex) -> None:
    assert set(ids(index, '"information bottleneck"')) == {"p1", "p7"}
    assert ids(index, '"bottleneck information"') == []
    assert ids(index, '"kv cache"') == ["p2"]  # "KV cache" and "KV-cache" alike
    assert ids(index, '"memory bott') == ["p2"]  # still typing: the last word is a prefix
    assert ids(index, '"memory bott"') == []  # closed: whole words only
    assert ids(index, 'kv-cache') == ["p2"]


def test_a_phrase_never_spans_two_fields(index: SearchIndex) -> None:
    # p0's title ends with "models" and its abstract starts with "interpretable".
    assert ids(index, '"models interpretable"') == []


def test_exclusions(index: SearchIndex) -> None:
    assert set(ids(index, "bottleneck -survey")) == {"p0", "p1", "p2", "p3", "p7", "p9"}
    assert "p1" not in ids(index, 'bottleneck -"information bottleneck"')
    assert "p5" not in ids(index, "bottleneck -tag:survey")
    assert set(ids(index, "-status:new")) == {"p0", "p1", "p2", "p4", "p7"}


def test_status_tag_rating_year_author_filters(index: SearchIndex) -> None:
    assert ids(index, "status:to-read") == ["p1", "p2"]
    assert ids(index, "status:todo") == ["p1", "p2"]
    assert ids(index, "tag:Systems") == ["p2"]
    assert ids(index, "rating:>=4") == ["p0", "p1", "p7", "p8"]
    assert ids(index, "rating:<3") == ["p4"]
    assert ids(index, "rating:4") == ["p1", "p7"]
    assert ids(index, "rating:none") == ["p2", "p5", "p6", "p9"]
    assert ids(index, "year:2020") == ["p0", "p3"]
    assert ids(index, "year:2017..2020") == ["p0", "p3", "p7", "p8"]
    assert ids(index, "year:>=2023") == ["p2", "p5"]
    assert ids(index, "author:tishby") == ["p1", "p7"]
    assert ids(index, 'author:"naftali tish"') == ["p1", "p7"]
    assert ids(index, 'author:"noga tishby"') == []  # two authors, not one
    assert ids(index, "author:mull") == ["p2"]


def test_has_filters(index: SearchIndex) -> None:
    assert ids(index, "has:note") == ["p2", "p7"]
    assert ids(index, "has:code") == ["p0", "p2", "p8"]  # github, "Code:" + link, HF space
    assert ids(index, "has:tags") == ["p0", "p2", "p5"]
    assert ids(index, "has:rating") == ["p0", "p1", "p3", "p4", "p7", "p8"]
    assert ids(index, "-has:abstract") == ["p6"]


def test_filters_combine_with_words(index: SearchIndex) -> None:
    assert ids(index, "bottleneck status:to-read") == ["p1", "p2"]
    assert ids(index, "deep rating:>=4 year:..2016") == ["p1"]


def test_sorts(index: SearchIndex) -> None:
    assert ids(index, "sort:rating") == ["p0", "p8", "p1", "p7", "p3", "p4",
                                         "p2", "p5", "p6", "p9"]
    assert ids(index, "sort:rating-asc")[:3] == ["p4", "p3", "p1"]
    assert ids(index, "sort:year")[:3] == ["p2", "p5", "p9"]
    assert ids(index, "sort:year")[-1] == "p6"  # no year: last, whatever the direction
    assert ids(index, "sort:year-asc")[0] == "p1" and ids(index, "sort:year-asc")[-1] == "p6"
    assert ids(index, "sort:added")[:2] == ["p8", "p7"] and ids(index, "sort:added")[-1] == "p9"
    titles = ids(index, "sort:title")
    assert titles[:3] == ["p5", "p8", "p9"]
    assert ids(index, "bottleneck sort:year") == ["p2", "p5", "p9", "p0", "p3", "p7", "p1"]


def test_malformed_queries_still_filter_by_the_rest(index: SearchIndex) -> None:
    assert ids(index, "tishby foo:bar rating:>9 year:x") == ["p1", "p7"]
    for text in ['"', "-", "status:", 'author:""', "((", "rating:", "\x1b[2J", "year:9..1"]:
        ids(index, text)  # never raises


def test_update_changes_the_results(index: SearchIndex) -> None:
    lib = {e.paper.id: e for e in library()}
    p3 = lib["p3"]
    index.update(Entry(p3.paper, replace(p3.state, status=Status.READ, rating=5,
                                         tags=["Scaling"], note="read with the group")))
    assert "p3" in ids(index, "status:read")
    assert ids(index, "tag:scaling") == ["p3"]
    assert ids(index, "group") == ["p3"]
    assert "p3" in ids(index, "rating:5")
    index.update(p3)
    assert "p3" not in ids(index, "status:read")
    assert ids(index, "group") == []
    assert ids(index, "tag:scaling") == []


def test_update_of_the_catalogue_text_and_add_and_remove(index: SearchIndex) -> None:
    p6 = library()[6]
    index.update(Entry(replace(p6.paper, title="Mamba: selective state spaces", year=2023),
                       p6.state))
    assert ids(index, "mamba") == ["p6"]
    assert ids(index, "untitled") == []
    assert "p6" in ids(index, "year:2023")
    index.add([entry("p10", "Mamba two", "State space duality.")])
    assert ids(index, "mamba") == ["p6", "p10"]
    index.remove("p6")
    assert ids(index, "mamba") == ["p10"]
    assert "p6" not in ids(index, "")
    assert len(index) == 10


def test_related_of_an_unknown_id_is_a_reader_error(index: SearchIndex) -> None:
    with pytest.raises(UnknownPaperError):
        index.related("nope")


def test_count_agrees_with_search(index: SearchIndex) -> None:
    for text in ("bottleneck", "status:to-read", '"information bottleneck"', ""):
        assert index.count(text) == len(ids(index, text))
        assert index.count(parse_query(text)) == len(ids(index, text))


def test_letterlike_symbols_are_found_the_same_by_every_path() -> None:
    from reader.search.match import matches

    entries = [entry("m1", "Optimization on ℝ^n and 𝒪(n) bounds", "Over ℂ too."),
               entry("m2", "Real analysis", "On R and C.")]
    index = SearchIndex(entries)
    assert sorted(index.search("ℝ")) == ["m1", "m2"]  # ℝ is an R, as in the title's text
    for query in ["r", "ℝ", '"on ℝ"', "o", "ℂ", '"over c"']:
        expected = [e.paper.id for e in entries if matches(parse_query(query), e)]
        assert sorted(index.search(query)) == expected, query  # by scanning
        index.word_index()
        index.scan_limit = 0
        assert sorted(index.search(query)) == expected, query  # by the word index
        index.scan_limit = 3000
