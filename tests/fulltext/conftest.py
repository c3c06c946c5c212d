"""A local arXiv for the full-text tests (pytest-httpserver): no test leaves the machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.model import Paper
from reader.net.limiter import shared_limiter
from reader.store import Library

FIXTURES = Path(__file__).parent / "fixtures"
PAPER_ID = "2401.01234"


@pytest.fixture
def arxiv(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    monkeypatch.setenv("READER_ARXIV_URL", httpserver.url_for("/arxiv").rstrip("/"))
    monkeypatch.setenv("READER_DOI_URL", httpserver.url_for("/doi").rstrip("/"))
    monkeypatch.setenv("READER_FETCH_DELAY", "0")
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "5")
    monkeypatch.setenv("READER_ARXIV_API_URL", httpserver.url_for("/api/query"))
    shared_limiter().reset()
    yield httpserver
    shared_limiter().reset()


@pytest.fixture
def page_html() -> str:
    return (FIXTURES / "paper.html").read_text(encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    papers = [
        Paper(id=f"arxiv:{PAPER_ID}", title="Sparse Bottlenecks for Readable Models",
              authors=["Ada Lovelace"], arxiv_id=PAPER_ID, year=2024),
        Paper(id="arxiv:1706.03762", title="Attention Is All You Need", arxiv_id="1706.03762"),
        Paper(id="doi:10.1000/nohtml", title="A Journal Paper", doi="10.1000/nohtml"),
        Paper(id="title:abc", title="A Paper Without Ids"),
    ]
    with Library.open(path, create=True) as lib:
        lib.add_papers(papers)
    return path
