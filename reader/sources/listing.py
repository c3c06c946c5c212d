"""`reader fetch`: a day's Hugging Face papers, or the newest arXiv papers of a category
or a query, into the library (new papers land in the Inbox). Each page is written as
it arrives, so a fault or a cancel keeps the pages already fetched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from reader.net import Client
from reader.sources import arxiv, hf
from reader.sources.arxiv import Feed
from reader.store import ImportReport, Library

__all__ = ["DEFAULT_MAX", "Fetched", "fetch_arxiv", "fetch_hf_daily"]

DEFAULT_MAX = 200
"""Papers `reader fetch arxiv` brings at most unless told (--max)."""


@dataclass(slots=True)
class Fetched:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    def take(self, feed: Feed, report: ImportReport | None) -> None:
        self.warnings += feed.warnings
        if report is not None:
            self.added += report.added
            self.updated += report.updated
            self.unchanged += report.unchanged

    def line(self, what: str) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged "
                f"from {what}")


def _store(library: Library, feed: Feed) -> ImportReport | None:
    return library.add_papers(feed.papers) if feed.papers else None


def fetch_hf_daily(library: Library, http: Client, date: str | None = None) -> Fetched:
    """The Hugging Face daily papers of `date` (YYYY-MM-DD; None: the latest)."""
    feed = hf.daily(http, date)
    done = Fetched()
    done.take(feed, _store(library, feed))
    return done


def since_days(days: int, now: datetime | None = None) -> str:
    """The ISO date `days` days ago (a listing of the last N days starts there)."""
    now = now or datetime.now(UTC)
    return (now - timedelta(days=max(days, 1) - 1)).date().isoformat()


def fetch_arxiv(library: Library, http: Client, search_query: str, *,
                limit: int = DEFAULT_MAX, since: str | None = None,
                progress: Callable[[Fetched, int | None], None] | None = None) -> Fetched:
    """The newest papers of `search_query` (see arxiv.listing), written page by page;
    `progress(done so far, total matches)` after each page."""
    done = Fetched()
    for feed in arxiv.listing(http, search_query, limit=limit, since=since):
        done.take(feed, _store(library, feed))
        if progress is not None:
            progress(done, feed.total)
    return done
