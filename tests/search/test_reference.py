"""The index answers exactly like the plain definition of a query (match.matches).

Hypothesis builds small libraries from a tiny vocabulary (so that words, phrases
and filters actually hit) and queries mixing every kind of part; the index,
before and after `prepare()`, must return the same set as the reference.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.model import Entry, Paper, ReadingState, Status
from reader.search import SearchIndex, parse_query
from reader.search.match import matches

WORDS = ["bottleneck", "bottle", "Bottlenecks", "information", "infos", "kv", "cache", "KV-cache",
         "Schrödinger", "schrodinger", "model", "models", "über", "deep", "ÉCOLE", "ecole",
         "antibottleneck", "precache"]
TEXT = st.lists(st.sampled_from([*WORDS, ",", "-", "(x)", "2024"]), max_size=8).map(" ".join)
ENTRY = st.builds(
    lambda title, abstract, authors, year, status, rating, tags, note, urls: (
        title, abstract, authors, year, status, rating, tags, note, urls),
    TEXT, TEXT, st.lists(st.sampled_from(["Naftali Tishby", "José Müller", "Li Wei", "Wei Li"]),
                         max_size=2),
    st.sampled_from([None, 2019, 2020, 2024]), st.sampled_from(list(Status)),
    st.sampled_from([None, 1, 3, 5]), st.lists(st.sampled_from(["ml", "Deep", "kv-cache"]),
                                               max_size=2, unique=True),
    TEXT, st.sampled_from([[], ["https://github.com/a/b"], ["https://example.org"]]))
QUERY_PART = st.one_of(
    st.sampled_from([*WORDS, "bott", "inf", "k", "sch", "mod", "éc", "zzz", "ottle", "ache"]),
    st.sampled_from(['"information bottleneck"', '"kv cache"', '"deep mod', '"model"',
                     '"bottleneck information"', "kv-cache", '"schrodinger model"']),
    st.sampled_from(["status:to-read", "status:new", "tag:ml", "tag:deep", "rating:>=3",
                     "rating:none", "rating:<3", "year:2020..2024", "year:2019",
                     "author:wei", 'author:"li wei"', "author:müll", "has:note",
                     "has:code", "has:tags", "has:rating", "has:link", "has:abstract"]),
)
QUERY = st.lists(st.tuples(st.booleans(), QUERY_PART), max_size=4).map(
    lambda parts: " ".join(("-" if neg else "") + part for neg, part in parts))


def make(rows: list[tuple[object, ...]]) -> list[Entry]:
    entries = []
    for i, (title, abstract, authors, year, status, rating, tags, note, urls) in enumerate(rows):
        paper = Paper(id=f"p{i}", title=str(title), abstract=str(abstract),
                      authors=list(authors), year=year, urls=list(urls))  # type: ignore[call-overload]
        state = ReadingState(f"p{i}", status=status, rating=rating,  # type: ignore[arg-type]
                             tags=list(tags), note=str(note))  # type: ignore[call-overload]
        entries.append(Entry(paper, state))
    return entries


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, min_size=1, max_size=12), st.lists(QUERY, min_size=1, max_size=4))
def test_index_agrees_with_the_reference(rows: list[tuple[object, ...]],
                                         queries: list[str]) -> None:
    entries = make(rows)
    scanning = SearchIndex(entries)
    prepared = SearchIndex(entries)
    prepared.prepare()
    prepared.scan_limit = 0  # the word index, not scans, however small the library
    for text in queries:
        query = parse_query(text)
        expected = {e.paper.id for e in entries if matches(query, e)}
        for index in (scanning, prepared):
            result = index.search(query)
            assert len(result) == len(set(result))
            assert set(result) == expected, (text, index.words is not None)
