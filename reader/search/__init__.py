"""Search: the query language, the in-memory index, related papers, highlighting.

    q = parse_query('bottleneck status:to-read rating:>=4 -survey')
    q.errors          # parts it could not understand (shown, then ignored)
    q.highlight_terms # words/phrases to highlight in the detail pane
    index = SearchIndex(entries, cache=cache_file(db_path))  # once per load, in a
                                        # worker: the folded text; search works (by scans)
    index.prepare()                     # then, same worker: the word index (read back
                                        # from the cache file, or built by numpy and
                                        # saved there), swapped in whole; related needs it
    index.update(entry)                 # after a state change
    index.add(entries) / index.remove(paper_id)   # after an import / a deletion
    index.search(q) -> list[str]        # ids, ranked (or sorted by q.sort)
    index.related(paper_id, k=10) -> list[tuple[str, float]]
    related_once(entries, paper_id, k=10, cache=None)   # the same, for one answer
    library_index(entries, db_path)     # a prepared index, its words from the cache file
    saved_word_index(db_path, token)    # the cache file alone, when a full load vouched
                                        # for it for the catalogue `token` (persist.py)
    highlight_spans(text, q) -> list[tuple[int, int]]   # what to highlight in text

Layout, each module importing only those above it: tokens.py (folding, stemming),
query.py (the language), match.py (what a query means for one entry: the reference
the index is tested against), bits.py (position masks), rank.py, folding.py (each
paper's text as folded bytes), scan.py (that text, scanned), reading_state.py
(status, rating, tags, notes), csr.py, word_table.py and word_build.py (the word
index built by numpy), word_index.py (the word index), persist.py (the word index in
a cache file), related.py, related_one.py (one paper's, with no word index), foryou.py,
terms.py, search_index.py (SearchIndex), highlight.py.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# numpy loads OpenBLAS, which starts a thread per core as it is imported (about 40 ms
# of CPU in every process that searches), though search never multiplies matrices and
# one thread is all it uses. Set before any module of this package imports numpy; a
# value the user chose is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

if TYPE_CHECKING:
    from reader.model import Entry
    from reader.search.highlight import highlight_spans
    from reader.search.query import Filter, Query, Term, parse_query
    from reader.search.search_index import SearchIndex
    from reader.search.word_index import WordIndex

_HOME = {"highlight_spans": "highlight", "SearchIndex": "search_index",
         "Filter": "query", "Query": "query", "Term": "query", "parse_query": "query"}
"""Where each name lives. Imported on first use, so that importing the package (the
CLI's commands do) loads only what a command needs."""


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def cache_file(db_path: Path) -> Path:
    """Where the word index of the library stored at `db_path` is kept."""
    from reader.search import persist

    return persist.cache_file(db_path)


def library_index(entries: Iterable[Entry], db_path: Path) -> SearchIndex:
    """The search index of a library's entries, prepared: its word index read back from
    the library's cache file when that holds these papers, else built and saved there."""
    from reader.search.search_index import SearchIndex

    index = SearchIndex(entries, cache=cache_file(db_path))
    index.prepare()
    return index


def saved_word_index(db_path: Path, token: str) -> WordIndex | None:
    """The word index saved for the library at `db_path`, when a full load vouched for it
    for the catalogue `token` (persist.vouch); else None. No paper is read."""
    from reader.search import persist

    return persist.load_vouched(cache_file(db_path), token)


def related_once(entries: Iterable[Entry], paper_id: str, k: int = 10,
                 cache: Path | None = None) -> list[tuple[str, float]]:
    """`SearchIndex(entries).related(paper_id, k)`; with `cache` (cache_file(db)), its
    word index is read from that file when it holds these papers. With no such file,
    only what scoring this paper needs is kept (related_one.py)."""
    if cache is not None and cache.exists():
        from reader.search.search_index import SearchIndex

        return SearchIndex(entries, cache=cache).related(paper_id, k)
    from reader.search.related_one import related_alone

    return related_alone(entries, paper_id, k)


__all__ = ["Filter", "Query", "SearchIndex", "Term", "cache_file", "highlight_spans",
           "library_index", "parse_query", "related_once", "saved_word_index"]
