"""Search: the query language, the in-memory index, related papers, highlighting.

    q = parse_query('bottleneck status:to-read rating:>=4 -survey')
    q.errors          # parts it could not understand (shown, then ignored)
    q.highlight_terms # words/phrases to highlight in the detail pane
    index = SearchIndex(entries, ahead=True)  # once per load (off the UI thread): ~2 s
                                        # at 100k; ahead: a helper process starts on the
                                        # word index meanwhile
    index.prepare()                     # then, same worker: the word index (~2.5 s more at
                                        # 100k); search works before (slower), related needs it
    index.prepare(cache=persist.cache_file(db_path))  # the same, read from the file
                                        # saved at the last load when it matches (~1 s)
    index.update(entry)                 # after a state change
    index.add(entries) / index.remove(paper_id)   # after an import / a deletion
    index.search(q) -> list[str]        # ids, ranked (or sorted by q.sort)
    index.related(paper_id, k=10) -> list[tuple[str, float]]
    related_once(entries, paper_id, k=10)   # the same, with no index (`reader related`)
    highlight_spans(text, q) -> list[tuple[int, int]]   # what to highlight in text

Layout: query.py (the language), match.py (what a query means for one entry:
the reference the index is tested against), tokens.py (folding, stemming),
bits.py (position masks), folding.py (each paper's text as folded bytes),
scan.py (that text, scanned), catalogue.py (the word index), vectorized.py and
csr.py (the word index built by numpy), offload.py (that build in a helper
process), state.py (status, rating, tags, notes), rank.py, index.py
(SearchIndex), related.py, oneshot.py (related papers without the index),
persist.py (the word index in a cache file), highlight.py.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.search.highlight import highlight_spans
    from reader.search.index import SearchIndex
    from reader.search.oneshot import related_once
    from reader.search.query import Filter, Query, Term, parse_query

_HOME = {"highlight_spans": "highlight", "SearchIndex": "index", "related_once": "oneshot",
         "Filter": "query", "Query": "query", "Term": "query", "parse_query": "query"}
"""Where each name lives. Imported on first use, so that importing one module of the
package (offload.py's helper process imports vectorized.py) does not load them all."""


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = ["Filter", "Query", "SearchIndex", "Term", "highlight_spans", "parse_query",
           "related_once"]
