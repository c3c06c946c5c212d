"""The query language: what each part means, and that nothing in it can crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search import Filter, parse_query
from reader.search.query import Term


def test_words_phrases_and_exclusions() -> None:
    q = parse_query('Bottleneck "information theory" -survey -"kv cache" kv-cache')
    assert q.terms == [Term(("bottleneck",)), Term(("information", "theory"), phrase=True,
                                                   prefix=False),
                       Term(("kv", "cache"), phrase=True)]
    assert q.excluded == [Term(("survey",)), Term(("kv", "cache"), phrase=True, prefix=False)]
    assert q.highlight_terms == ["bottleneck", "information theory", "kv cache"]
    assert q.errors == []


def test_an_unclosed_quote_is_a_phrase_being_typed() -> None:
    q = parse_query('"large langu')
    assert q.terms == [Term(("large", "langu"), phrase=True, prefix=True)]


def test_a_closed_single_quoted_word_is_exact() -> None:
    assert parse_query('"model"').terms == [Term(("model",), prefix=False)]


def test_accents_and_case_fold_in_the_query() -> None:
    assert parse_query("SCHRÖDINGER Émile").terms == [Term(("schrodinger",)), Term(("emile",))]


def test_status_accepts_the_usual_spellings() -> None:
    for text, value in [("status:to-read", "to-read"), ("status:toread", "to-read"),
                        ("status:todo", "to-read"), ("status:done", "read"),
                        ("is:read", "read"), ("status:inbox", "new"), ("status:Skip", "skipped")]:
        q = parse_query(text)
        assert q.filters == [Filter("status", value=value)], text
        assert q.errors == []


def test_rating_comparisons() -> None:
    cases = {"rating:>=4": (4, 5), "rating:>3": (4, 5), "rating:<3": (1, 2),
             "rating:<=2": (1, 2), "rating:=5": (5, 5), "rating:4": (4, 4),
             "rating:2..4": (2, 4), "rating:none": (0, 0)}
    for text, (lo, hi) in cases.items():
        (flt,) = parse_query(text).filters
        assert (flt.kind, flt.lo, flt.hi) == ("rating", lo, hi), text


def test_years_and_ranges() -> None:
    cases = {"year:2024": (2024, 2024), "year:2020..2023": (2020, 2023),
             "year:..2019": (None, 2019), "year:2021..": (2021, None),
             "year:>=2020": (2020, None), "year:<2020": (None, 2019)}
    for text, bounds in cases.items():
        (flt,) = parse_query(text).filters
        assert (flt.lo, flt.hi) == bounds, text


def test_other_filters_and_negation() -> None:
    q = parse_query('-tag:Survey author:"De Bortoli" has:code -has:note -status:read')
    assert q.filters == [Filter("tag", True, value="survey"),
                         Filter("author", words=("de", "bortoli")),
                         Filter("has", value="code"), Filter("has", True, value="note"),
                         Filter("status", True, value="read")]


def test_sorts_and_directions() -> None:
    assert (parse_query("sort:rating").sort, parse_query("sort:rating").sort_reversed) == (
        "rating", False)
    q = parse_query("sort:year-asc")
    assert (q.sort, q.sort_reversed) == ("year", True)
    q = parse_query("sort:title-desc")
    assert (q.sort, q.sort_reversed) == ("title", True)
    assert parse_query("sort:added").sort == "added"


def test_malformed_parts_become_errors_and_the_rest_still_counts() -> None:
    q = parse_query("bottleneck foo:bar rating:>9 year:20x status:maybe has:pdf sort:size "
                    "tag: -sort:year")
    assert q.terms == [Term(("bottleneck",))]
    assert q.filters == []
    assert q.sort is None
    assert len(q.errors) == 8
    joined = "\n".join(q.errors)
    for part in ("foo:", "rating:>9", "year:20x", "maybe", "has:pdf", "sort:size", "tag:",
                 "-sort:year"):
        assert part in joined


def test_empty_and_blank_queries() -> None:
    for text in ("", "   ", "-", '""', "—"):
        q = parse_query(text)
        assert q.is_empty and q.errors == [], text
    assert not parse_query("sort:year").is_empty


QUERY_PIECES = st.lists(st.sampled_from([*'ab -":=<>.,()[]*éÖ0129_\\\t\n',
    "tag:", "status:", "rating:", "year:", "sort:", "author:", "has:", "x:", "..", "-"]),
    max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(QUERY_PIECES)
def test_parsing_never_raises(text: str) -> None:
    q = parse_query(text)
    assert all(isinstance(e, str) and e for e in q.errors)


def test_a_saved_search_string_round_trips() -> None:
    text = 'status:to-read tag:ml "information bottleneck" rating:>=4 -survey sort:year'
    q = parse_query(text)
    assert q.errors == [] and q.text == text
    assert parse_query(q.text) == q
