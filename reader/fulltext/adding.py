"""A cited paper as a library paper: its arXiv id or DOI when the reference has one
(the stable id follows them), else its title, so it lands in the Inbox once."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.fulltext.document import Reference
from reader.ids import paper_id
from reader.model import Paper
from reader.text import clean_line

MAX_TITLE = 300


def reference_paper(ref: Reference, citing: Paper, now: datetime | None = None) -> Paper:
    title = clean_line(ref.title or ref.text)[:MAX_TITLE] or clean_line(ref.text)[:MAX_TITLE]
    when = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return Paper(
        id=paper_id(ref.arxiv_id, ref.doi, title),
        title=title,
        abstract="",
        arxiv_id=ref.arxiv_id,
        doi=ref.doi,
        urls=list(ref.urls),
        source=f"reference:{citing.id}",
        added_at=when,
    )
