"""`reader list --query` answered from the saved word index and the reading states,
without parsing the catalogue or folding any paper's text.

A query of words (`bottleneck -survey`, prefixes, `status:`, `tag:`, `rating:`,
`has:note`...) needs only which papers hold each word, in which field, and the
reading states: the word index has the first, the state file the second. This runs
SearchIndex's own evaluation and ranking over those (scans are never chosen: they
would need the text, which is not there; the word index gives what scans give).
Anything that needs the papers' text (phrases, `author:`, `year:`, sorting by title
or date, for-you) reaches the missing text, which raises: the caller then takes the
full path. So do a library without a word index vouched for this catalogue, and a
damaged or changed derived file. The papers printed are read through the
catalogue's derived index.

The full path (`full_search`) builds the word index of a big library, or reads back
the one saved, and vouches for it, so the next query takes this path.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from reader.model import Entry, ReadingState
from reader.quick_search import saved_words
from reader.search import bits, persist
from reader.search.query import Query, parse_query
from reader.search.search_index import SearchIndex
from reader.store.light import Stale
from reader.store.quick import QuickLibrary
from reader.text import clean_line

__all__ = ["full_search", "quick_list", "quick_search"]


class _NeedsText(Exception):
    """The query needs the papers' text (not read on this path)."""


class _NoText:
    """Stands for the text scan and the entries: any use raises _NeedsText."""

    def __getattr__(self, name: str) -> NoReturn:
        raise _NeedsText(name)

    def __getitem__(self, key: object) -> NoReturn:
        raise _NeedsText("entries")

    def __len__(self) -> NoReturn:
        raise _NeedsText("entries")


_SET = ("_ids", "_alive", "_entries", "text", "words", "scan_limit")
"""The SearchIndex attributes set here (checked to exist: a renamed one must not
leave an empty index answering)."""


def quick_list(lib: QuickLibrary, db: Path, text: str,
               keep: Callable[[ReadingState], bool] | None, *, whole: bool) -> list[Entry] | None:
    """What `reader list --query TEXT` lists (the papers `keep` holds, all when None,
    then the query),
    its query's problems and notes printed as the full path prints them; None, with
    nothing printed, when this path cannot answer."""
    query = parse_query(text)
    found = quick_search(lib, db, query, keep, whole=whole)
    if found is None:
        return None
    for problem in query.errors:
        print(f"reader: query: {clean_line(problem)}", file=sys.stderr)
    for note in query.notes:
        print(f"reader: {note}", file=sys.stderr)
    return found


def quick_search(lib: QuickLibrary, db: Path, query: Query,
                 keep: Callable[[ReadingState], bool] | None, *, whole: bool
                 ) -> list[Entry] | None:
    """The entries `SearchIndex(kept entries).search(query)` gives, where `kept` are
    the entries whose state `keep` holds, all when None (`whole=False`: papers as
    select's briefs);
    None when this path cannot answer (see the module docstring)."""
    token = lib.catalogue_token
    if not lib.quick or token is None or query.sort == "foryou":
        return None
    try:
        words = saved_words.read(persist.cache_file(db), token)
        if words is None or words.size != len(lib):
            return None
        rows = _search(lib.states_in_order(), keep, words, query)
    except (_NeedsText, Stale, saved_words.SavedWordsGone):
        return None
    if rows is None:
        return None
    found = lib.entries_at(rows, whole=whole)
    if found is None:  # many whole papers: read them all (the search is done)
        size = len(lib)
        entries = lib.entries()
        if lib.catalogue_token != token or len(entries) != size:
            return None  # another catalogue was read meanwhile: its own search
        found = [entries[row] for row in rows]
    return found


def _search(states: list[ReadingState], keep: Callable[[ReadingState], bool] | None,
            words: Any, query: Query) -> list[int] | None:
    index = SearchIndex([])
    if any(name not in vars(index) for name in _SET):
        return None
    size = len(states)
    index.state.add(states)
    index.words = words
    index.scan_limit = 0  # always the word index
    index.text = _NoText()  # type: ignore[assignment]
    index._entries = _NoText()  # type: ignore[assignment]
    rows_as_ids: Any = list(range(size))  # the result: rows, not ids
    index._ids = rows_as_ids
    index._alive = (bits.full(size) if keep is None else
                    bits.from_positions([row for row, s in enumerate(states) if keep(s)], size))
    rows: list[Any] = index.search(query)
    return rows


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
