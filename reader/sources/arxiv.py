"""The arXiv API as Reader uses it (Atom responses read by reader.parsing.atom):

- papers by id: one `id_list` request per ID_BATCH ids;
- title search: TITLE_BATCH titles per request, as `ti:"..." OR ti:"..."`;
- listings: a category or a query, newest first, PAGE results per request.

The client spaces the requests (READER_FETCH_DELAY) and retries 429/5xx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.model import Paper
from reader.net import Client, endpoints
from reader.parsing.arxiv import CATEGORY
from reader.parsing.atom import ArxivAtomParser
from reader.sources.feeds import parse_response
from reader.text import normalize_title

__all__ = ["ID_BATCH", "PAGE", "TITLE_BATCH", "Feed", "by_ids", "category_query", "listing",
           "search_titles", "title_query", "user_query"]

ID_BATCH = 100
"""Ids per `id_list` request (so `reader add` of 50 ids is one request)."""
TITLE_BATCH = 20
"""Titles per search request: the query stays a few KB, well inside a URL."""
TITLE_WORDS = 12
"""A title's first words make its phrase: enough to single it out, short in the URL."""
PAGE = 100
"""Results per listing request."""
MAX_BYTES = 30_000_000
LABEL = "arXiv API"
_TOTAL = re.compile(rb"<(?:\w+:)?totalResults[^>]*>\s*(\d+)\s*<")
_FIELDS = re.compile(r"\b(?:ti|au|abs|co|jr|cat|rn|id|all|submittedDate):", re.IGNORECASE)


@dataclass(slots=True)
class Feed:
    papers: list[Paper]
    total: int | None = None
    """opensearch:totalResults (all matches, not only this page)."""
    warnings: list[str] = field(default_factory=list)


def _get(http: Client, params: dict[str, str | int]) -> Feed:
    body = http.get_bytes(endpoints.arxiv_api_url(http.settings), params=params,
                          accept="application/atom+xml", expect="xml", label=LABEL,
                          max_bytes=MAX_BYTES)
    result = parse_response(ArxivAtomParser(), body, LABEL, "arxiv-atom:arXiv API")
    m = _TOTAL.search(body[:4096])
    return Feed(result.papers, int(m.group(1)) if m else None, result.warnings)


def by_ids(http: Client, ids: list[str]) -> Iterator[Feed]:
    """The records of `ids` (bare arXiv ids, no version), ID_BATCH per request. An id
    the API does not know is simply absent from the feeds."""
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), ID_BATCH):
        chunk = unique[start:start + ID_BATCH]
        yield _get(http, {"id_list": ",".join(chunk), "max_results": len(chunk)})


def title_query(titles: list[str]) -> str:
    """`ti:"w1 w2 ..." OR ti:"..."` from the normalised words of each title (punctuation,
    quotes and accents cannot break the query). Titles without words are left out."""
    phrases = []
    for title in titles:
        words = normalize_title(title).split()[:TITLE_WORDS]
        if words:
            phrases.append(f'ti:"{" ".join(words)}"')
    return " OR ".join(dict.fromkeys(phrases))


def search_titles(http: Client, titles: list[str]) -> Feed:
    """Every record whose title contains one of `titles` (one request, up to
    5 results per title); matching them to titles is matching.py's job."""
    query = title_query(titles)
    if not query:
        return Feed([])
    return _get(http, {"search_query": query, "start": 0,
                       "max_results": min(200, 5 * len(titles))})


def user_query(text: str) -> str:
    """A query as typed: arXiv syntax (`ti:`, `au:`, `cat:`, `AND`...) is kept; plain
    words must all appear (`all:w1 AND all:w2`)."""
    text = " ".join(text.split())
    if _FIELDS.search(text):
        return text
    words = re.findall(r"[^\s\"()]+", text)
    return " AND ".join(f"all:{w}" for w in words)


def category_query(category: str) -> str:
    """`cat:cs.LG`; ValueError for what is not an arXiv category."""
    if not CATEGORY.fullmatch(category.strip()):
        raise ValueError(f"not an arXiv category: {category!r} (e.g. cs.LG, hep-th, "
                         "astro-ph.CO)")
    return f"cat:{category.strip()}"


def listing(http: Client, search_query: str, *, limit: int,
            since: str | None = None) -> Iterator[Feed]:
    """The newest records of `search_query`, page by page, at most `limit`, and only
    those published on or after `since` (ISO date) when given."""
    got = 0
    start = 0
    while got < limit:
        size = min(PAGE, limit - got)
        feed = _get(http, {"search_query": search_query, "start": start,
                           "max_results": size, "sortBy": "submittedDate",
                           "sortOrder": "descending"})
        papers = feed.papers
        if since:
            papers = [p for p in papers if (p.published or "9999") >= since]
        older = len(papers) < len(feed.papers)
        got += len(papers)
        start += size
        yield Feed(papers, feed.total, feed.warnings)
        total = feed.total if feed.total is not None else start
        if len(feed.papers) < size or older or start >= total:
            return
