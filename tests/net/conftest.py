"""The network tests run against a real local HTTP server (pytest-httpserver): every
endpoint points at it, the arXiv delay is 0 unless a test sets it, proxies off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from reader.net.limiter import shared_limiter


@pytest.fixture
def served(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    """The local server with READER_* endpoints aimed at it."""
    base = httpserver.url_for("").rstrip("/")
    monkeypatch.setenv("READER_ARXIV_API_URL", f"{base}/api/query")
    monkeypatch.setenv("READER_ARXIV_URL", base)
    monkeypatch.setenv("READER_HF_URL", base)
    monkeypatch.setenv("READER_DOI_URL", f"{base}/doi")
    monkeypatch.setenv("READER_FETCH_DELAY", "0")
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "5")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    shared_limiter().reset()
    yield httpserver
    shared_limiter().reset()
