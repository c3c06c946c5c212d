"""`related_once` (what `reader related` runs for a small library) says what the index says."""

from __future__ import annotations

import pytest
from search_fixtures import entry, library

from reader.errors import UnknownPaperError
from reader.model import Entry, ReadingState
from reader.parsing import parse_file
from reader.search import SearchIndex, related_once, word_build
from tests.conftest import SEED_LISTING, requires_shared


def _inflected() -> list[Entry]:
    """Papers whose words come in many spellings, accents, venues and ids."""
    papers = [
        ("a", "Studies of modelling bottlenecks", "We study models; the model studied is "
         "bottlenecked. Modeled bottleneck studies.", "NeurIPS", "10.1/xyz"),
        ("b", "A study of the bottleneck model", "Bottlenecks in studied models: modelling "
         "and modeling.", None, None),
        ("c", "Schrödinger bridges and diffusion", "Schrödinger's diffusions diffuse; "
         "bridging diffusion models (Müller, Åström).", "ICML", None),
        ("d", "Diffusion bridges for generative models", "Bridges of the Schrodinger kind for "
         "generation; generative diffusion.", None, "10.2/abc"),
        ("e", "KV-cache compression", "Compressing the KV cache; compressed caches and "
         "caching.", None, None),
        ("f", "Caching keys and values", "KV caches compress well; cache compression.",
         "MLSys", None),
        ("g", "Empty abstract", "", None, None),
        ("h", "Ladies and spies", "Lady spy flies; the spies' flies.", None, None),
    ]
    return [entry(pid, title, abstract, venue=venue, doi=doi)
            for pid, title, abstract, venue, doi in papers] + library()


def test_same_papers_and_scores_as_the_index_on_small_libraries() -> None:
    entries = _inflected()
    index = SearchIndex(entries)
    for e in entries:
        for k in (1, 3, 10):
            assert related_once(entries, e.paper.id, k) == index.related(e.paper.id, k)
    assert related_once(entries, "a", 1)[0][0] == "b"  # inflections count as one word
    assert {pid for pid, _ in related_once(entries, "e", 2)} == {"f", "p2"}  # the KV caches


@requires_shared
def test_same_papers_and_scores_as_the_index_on_the_seed_listing() -> None:
    papers = parse_file(SEED_LISTING).papers
    entries = [Entry(p, ReadingState(p.id)) for p in papers]
    index = SearchIndex(entries)
    for e in entries[::4]:
        expected = index.related(e.paper.id, 10)
        assert len(expected) == 10
        assert related_once(entries, e.paper.id, 10) == expected


def test_a_repeated_id_keeps_its_first_place_and_its_last_text() -> None:
    entries = library()
    again = entry("p1", "Concept bottleneck models again", "Concepts and bottlenecks.")
    got = related_once([*entries, again], "p0", 5)
    assert got == related_once([*entries[:1], again, *entries[2:]], "p0", 5)
    assert "p1" in [pid for pid, _ in got]


def test_unknown_id_and_k_zero() -> None:
    entries = library()
    with pytest.raises(UnknownPaperError):
        related_once(entries, "nope")
    assert related_once(entries, "p0", 0) == []


def test_same_answers_when_the_texts_are_read_in_many_chunks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    entries = _inflected()
    index = SearchIndex(entries)
    index.prepare()
    monkeypatch.setattr(word_build, "CHUNK_BYTES", 64)  # a paper or two a chunk
    for e in entries:
        assert related_once(entries, e.paper.id, 5) == index.related(e.paper.id, 5)
