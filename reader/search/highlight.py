"""Where the search words are in a text, for highlighting in the detail pane."""

from __future__ import annotations

import re
import unicodedata

from reader.search.match import phrase_pattern
from reader.search.query import Query, parse_query


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each folded character, the index of its source character."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    parts: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = "".join(c for c in unicodedata.normalize("NFKD", ch.casefold())
                         if not unicodedata.combining(c))
        parts.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(parts), offsets


def highlight_spans(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of `text` to highlight.

    Whole words are highlighted when a query word is their prefix ("bott"
    lights up "bottleneck"); phrases are highlighted from first to last word.
    """
    q = parse_query(query) if isinstance(query, str) else query
    if not q.terms or not text:
        return []
    folded, offsets = _folded_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in q.terms:
        pattern = phrase_pattern(term)
        for m in pattern.finditer(folded):
            end = m.end()
            if term.prefix:
                tail = re.match(r"[^\W_]*", folded[end:])
                end += tail.end() if tail else 0
            if end > m.start():
                spans.append((offsets[m.start()], offsets[end - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


__all__ = ["highlight_spans"]
