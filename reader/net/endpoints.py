"""The addresses Reader asks, built from the configured endpoints (settings.py), so a
mirror or a test server replaces every one of them."""

from __future__ import annotations

from urllib.parse import quote

from reader.net.settings import Settings

__all__ = ["arxiv_abs_url", "arxiv_api_url", "arxiv_html_url", "arxiv_pdf_url",
           "doi_url", "hf_daily_url", "hf_paper_url"]


def _s(settings: Settings | None) -> Settings:
    return settings or Settings.from_env()


def _version(arxiv_id: str, version: int | None) -> str:
    return f"{arxiv_id}v{version}" if version else arxiv_id


def arxiv_api_url(settings: Settings | None = None) -> str:
    """The arXiv API query endpoint (takes `id_list=`, `search_query=`, ...)."""
    return _s(settings).arxiv_api


def arxiv_abs_url(arxiv_id: str, version: int | None = None,
                  settings: Settings | None = None) -> str:
    return f"{_s(settings).arxiv}/abs/{_version(arxiv_id, version)}"


def arxiv_html_url(arxiv_id: str, version: int | None = None,
                   settings: Settings | None = None) -> str:
    """The LaTeXML rendering (most papers since late 2023)."""
    return f"{_s(settings).arxiv}/html/{_version(arxiv_id, version)}"


def arxiv_pdf_url(arxiv_id: str, version: int | None = None,
                  settings: Settings | None = None) -> str:
    return f"{_s(settings).arxiv}/pdf/{_version(arxiv_id, version)}"


def hf_daily_url(settings: Settings | None = None) -> str:
    """The daily papers API (`?date=YYYY-MM-DD` for another day)."""
    return f"{_s(settings).hf}/api/daily_papers"


def hf_paper_url(arxiv_id: str, settings: Settings | None = None) -> str:
    return f"{_s(settings).hf}/papers/{arxiv_id}"


def doi_url(doi: str, settings: Settings | None = None) -> str:
    """The resolver's address of a DOI (ask it for CSL-JSON with the Accept header)."""
    return f"{_s(settings).doi}/{quote(doi, safe='/:;()._-<>[]')}"
