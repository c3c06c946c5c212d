"""A library and a cached full text for the reading screen's tests (no network)."""

from __future__ import annotations

from pathlib import Path

from tui_fixtures import FIXED_NOW

from reader.fulltext.cache import FulltextCache
from reader.model import Paper, Status
from reader.store import Library

PAGE = Path(__file__).resolve().parent.parent / "fulltext" / "fixtures" / "paper.html"
READ_ID = "arxiv:2401.01234"


def reading_papers() -> list[Paper]:
    return [
        Paper(id=READ_ID, title="Sparse Bottlenecks for Readable Models",
              authors=["Ada Lovelace", "Alan Turing"], year=2024, arxiv_id="2401.01234",
              abstract="We make models readable.", added_at="2025-03-01T10:00:00+00:00"),
        Paper(id="arxiv:1706.03762", title="Attention Is All You Need", year=2017,
              arxiv_id="1706.03762", added_at="2025-03-02T10:00:00+00:00"),
    ]


def reading_library() -> Library:
    """Two papers; the cited one (reference [3]) is already read. The first paper's
    HTML is in the cache, so the screen opens without the network."""
    lib = Library.open(None, clock=lambda: FIXED_NOW)
    papers = reading_papers()
    lib.add_papers(papers)
    lib.set_status("arxiv:1706.03762", Status.READ)
    FulltextCache().write(papers[0], "html", PAGE.read_bytes())
    return lib
