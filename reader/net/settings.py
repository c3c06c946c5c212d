"""Where Reader reaches papers and how politely: endpoints and limits from the
environment, read when a client is made (so a test or a mirror can point elsewhere).

    READER_ARXIV_API_URL  the arXiv API query endpoint
    READER_ARXIV_URL      arXiv's site (abs, pdf and html pages)
    READER_HF_URL         Hugging Face (daily papers API, paper pages)
    READER_DOI_URL        the DOI resolver (CSL-JSON by content negotiation)
    READER_FETCH_DELAY    seconds between two requests to one arXiv host (default 3)
    READER_FETCH_TIMEOUT  seconds to wait for a connection or for the next bytes (default 30)
    READER_FETCH_RETRIES  retries of a request answered 429 or 5xx (default 3)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.net.errors import NetError

__all__ = ["Settings"]

_DEFAULTS = {
    "READER_ARXIV_API_URL": "https://export.arxiv.org/api/query",
    "READER_ARXIV_URL": "https://arxiv.org",
    "READER_HF_URL": "https://huggingface.co",
    "READER_DOI_URL": "https://doi.org",
}
OTHER_HOST_DELAY = 1.0
"""Seconds between two requests to a host that is not arXiv's (capped by the arXiv delay)."""


def _url(name: str) -> str:
    value = os.environ.get(name, "").strip() or _DEFAULTS[name]
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise NetError(f"{name} must be an http(s) URL, not {value!r}", kind="config")
    return value.rstrip("/") if name != "READER_ARXIV_API_URL" else value


def _number(name: str, default: float, *, low: float = 0.0) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= low or value > 86400:
        raise NetError(f"{name} must be a number of seconds (>= {low:g}), not {raw!r}",
                       kind="config")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    arxiv_api: str
    arxiv: str
    hf: str
    doi: str
    delay: float
    """Seconds between two requests to one arXiv host (the API's terms ask for 3)."""
    timeout: float
    retries: int

    @classmethod
    def from_env(cls) -> Settings:
        """The settings in force; NetError (kind `config`) names a bad variable."""
        return cls(
            arxiv_api=_url("READER_ARXIV_API_URL"), arxiv=_url("READER_ARXIV_URL"),
            hf=_url("READER_HF_URL"), doi=_url("READER_DOI_URL"),
            delay=_number("READER_FETCH_DELAY", 3.0),
            timeout=_number("READER_FETCH_TIMEOUT", 30.0, low=0.01),
            retries=int(_number("READER_FETCH_RETRIES", 3.0)),
        )

    def arxiv_hosts(self) -> set[str]:
        return {urlsplit(self.arxiv_api).netloc.lower(), urlsplit(self.arxiv).netloc.lower()}

    def delay_for(self, host: str) -> float:
        """The pause between two requests to `host` (arXiv's hosts: the configured delay)."""
        if host.lower() in self.arxiv_hosts():
            return self.delay
        return min(self.delay, OTHER_HOST_DELAY)

    @property
    def backoff(self) -> float:
        """First wait before a retry (doubled each time) when the server names none."""
        return max(1.0, self.delay) if self.delay > 0 else 0.05
