"""Search: the query language, the in-memory index, related papers.

    q = parse_query('bottleneck status:to-read rating:>=4 -survey')
    q.errors          # parts it could not understand (shown, then ignored)
    q.highlight_terms # words/phrases to highlight in the detail pane
    index = SearchIndex(entries)        # built once per load (off the UI thread)
    index.update(entry)                 # after a state change
    index.search(q) -> list[str]        # ids, ranked (or sorted by q.sort)
    index.related(paper_id, k=10) -> list[tuple[str, float]]

CONTRACT STUB written by the lead: the search owner replaces the bodies.
"""

from __future__ import annotations

from reader.search.index import SearchIndex
from reader.search.query import Query, parse_query

__all__ = ["Query", "SearchIndex", "parse_query"]
