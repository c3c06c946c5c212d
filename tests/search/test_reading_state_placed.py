"""ReadingStateIndex.placed (the few stored states of a big library put at their
positions) is the index `add` makes of every paper's state, and the search index
over saved words built on it answers as the full index or not at all."""

from __future__ import annotations

import random

import pytest

from reader.model import ReadingState, Status
from reader.search import SearchIndex, bits
from reader.search.reading_state import ReadingStateIndex
from reader.search.textless import NeedsText

TAGS = ["ml", "Later", "graph", "to read", "Müller"]
NOTES = ["", "about graphs", "  ", "Kv cache and more", "müller's idea"]


def _states(rng: random.Random, n: int) -> dict[int, ReadingState]:
    stored: dict[int, ReadingState] = {}
    for row in rng.sample(range(n), n // 3):
        stored[row] = ReadingState(
            f"p{row}", status=rng.choice(list(Status)), rating=rng.choice([None, 0, 1, 3, 5]),
            tags=rng.sample(TAGS, rng.randrange(3)), note=rng.choice(NOTES))
    return stored


@pytest.mark.parametrize("n", [1, 7, 300, 1000])
def test_placed_is_the_index_of_every_state(n: int) -> None:
    rng = random.Random(n)
    stored = _states(rng, n)
    every = ReadingStateIndex()
    every.add([stored.get(row, ReadingState(f"p{row}")) for row in range(n)])
    rows = list(stored)  # in any order
    placed = ReadingStateIndex.placed(n, rows, [stored[row] for row in rows])
    assert vars(placed) == vars(every)
    for word in ("ml", "m", "graph", "about", "kv", "muller", "zzz"):
        for prefix in (False, True):
            assert placed.word_masks(word, prefix) == every.word_masks(word, prefix)


def test_an_index_over_words_answers_as_the_full_one_or_raises() -> None:
    from test_persist import papers

    entries = papers(60)
    rng = random.Random(3)
    stored = _states(rng, len(entries))
    for row, state in stored.items():
        state.paper_id = entries[row].paper.id
        entries[row].state = state
    stored |= {row: e.state for row, e in enumerate(entries) if not e.state.is_default}
    full = SearchIndex(entries)
    words = full.word_index()
    rows = sorted(stored)
    quick = SearchIndex.over_words(
        [e.paper.id for e in entries], bits.full(len(entries)), words,
        ReadingStateIndex.placed(len(entries), rows, [stored[row] for row in rows]))
    for text in ("bottleneck", "bott", "study -scaling", "status:read", "-status:new cache",
                 "tag:ml", "rating:>=3", "has:note", "has:tags study", "has:rating", "ml",
                 "graphs", "zzz"):
        assert quick.search(text) == full.search(text), text
    for text in ('"kv cache"', "author:müller", "year:2020", "sort:title study", "has:code"):
        with pytest.raises(NeedsText):
            quick.search(text)
