"""`reader list --query` answered from the saved word index and the reading states,
without parsing the catalogue or folding any paper's text.

A query of words (`bottleneck -survey`, prefixes, `status:`, `tag:`, `rating:`,
`has:note`...) needs only which papers hold each word, in which field, and the
reading states: the word index has the first, the state file the second. This runs
SearchIndex's own evaluation and ranking over those (SearchIndex.over_words; scans
are never chosen: they would need the text, which is not there; the word index
gives what scans give).
Anything that needs the papers' text (phrases, `author:`, `year:`, sorting by title
or date, for-you) reaches the missing text, which raises: the caller then takes the
full path. So do a library without a word index vouched for this catalogue, and a
damaged or changed derived file. The lines printed are made from the catalogue's
derived index (ids, titles, years) and the stored states; `--json` reads the whole
papers.

The full path (`full_search`) builds the word index of a big library, or reads back
the one saved, and vouches for it, so the next query takes this path.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from reader.model import Entry, Paper, ReadingState
from reader.quick_search import saved_words
from reader.search import bits, persist
from reader.search.query import Query, parse_query
from reader.search.reading_state import ReadingStateIndex
from reader.search.search_index import SearchIndex
from reader.search.textless import NeedsText
from reader.search.word_index import WordIndex
from reader.store.light import Stale
from reader.store.quick import QuickLibrary
from reader.text import clean_line

__all__ = ["full_search", "quick_list", "quick_search", "whole_papers"]

T = TypeVar("T")


def quick_list(lib: QuickLibrary, db: Path, text: str,
               keep: Callable[[ReadingState], bool] | None,
               shown: Callable[[list[int]], T | None]) -> T | None:
    """What `reader list --query TEXT` shows, `shown(positions)` of the papers it lists
    (their positions in catalogue order, in its order: the papers `keep` holds, all
    when None, then the query), its query's problems and notes printed as the full
    path prints them; None, with nothing printed, when this path cannot answer (or
    `shown` gives None)."""
    query = parse_query(text)
    found = quick_search(lib, db, query, keep)
    if found is None:
        return None
    answer = shown(found)
    if answer is None:
        return None
    for problem in query.errors:
        print(f"reader: query: {clean_line(problem)}", file=sys.stderr)
    for note in query.notes:
        print(f"reader: {note}", file=sys.stderr)
    return answer


def quick_search(lib: QuickLibrary, db: Path, query: Query,
                 keep: Callable[[ReadingState], bool] | None) -> list[int] | None:
    """The positions of the entries `SearchIndex(kept entries).search(query)` gives,
    where `kept` are the entries whose state `keep` holds, all when None; None when
    this path cannot answer (see the module docstring)."""
    token = lib.catalogue_token
    if not lib.quick or token is None or query.sort == "foryou":
        return None
    try:
        words = saved_words.read(persist.cache_file(db), token)
        if words is None or words.size != len(lib):
            return None
        return _search(len(lib), lib.states_by_row(), keep, words, query)
    except (NeedsText, Stale, saved_words.SavedWordsGone):
        return None


def whole_papers(lib: QuickLibrary, rows: list[int]) -> list[Paper] | None:
    """The whole papers at `rows`; None when the catalogue read is not the one
    searched (its own search then)."""
    token = lib.catalogue_token
    found = lib.papers_at(rows)
    if found is None:  # the index cannot: read them all (the search is done)
        size = len(lib)
        entries = lib.entries()
        if lib.catalogue_token != token or len(entries) != size:
            return None  # another catalogue was read meanwhile: its own search
        found = [entries[row].paper for row in rows]
    return found


def _search(size: int, stored: dict[int, ReadingState],
            keep: Callable[[ReadingState], bool] | None, words: WordIndex,
            query: Query) -> list[int]:
    rows = sorted(stored)
    states = [stored[row] for row in rows]
    alive = bits.full(size)
    if keep is not None:  # (keep looks at no paper id: one default state for the others)
        kept = bits.from_positions([row for row, state in zip(rows, states, strict=True)
                                    if keep(state)], size)
        alive = kept | (alive & ~bits.from_positions(rows, size) if keep(ReadingState(""))
                        else 0)
    positions = cast(list[str], list(range(size)))  # the answer in positions, not ids
    index = SearchIndex.over_words(positions, alive, words,
                                   ReadingStateIndex.placed(size, rows, states))
    return cast(list[int], index.search(query))


def full_search(entries: list[Entry], query: Query, lib: QuickLibrary, db: Path,
                whole_library: bool) -> list[str]:
    """`SearchIndex(entries).search(query)`. When `entries` are the whole library and it
    is big, its word index too (read back or built), vouched for this catalogue: the
    next query takes the quick path."""
    token = lib.catalogue_token
    if not whole_library or len(entries) < persist.MIN_SIZE or token is None:
        return SearchIndex(entries).search(query)
    cache = persist.cache_file(db)
    if saved_words.load(cache, token) is not None:  # vouched already (a query needing text)
        return SearchIndex(entries).search(query)
    index = SearchIndex(entries, cache=cache)
    found = index.search(query)  # (by scans, before the word index: the same answer)
    index.word_index()
    persist.vouch(cache, token, index.text.docs)
    saved_words.read(cache, token)  # read whole once: the next query reads it lazily
    return found
