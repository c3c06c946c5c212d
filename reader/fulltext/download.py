"""The one download the full text needs: GET a URL, capped in size and time.

This is a small stand-in with the shape of the shared network client (its endpoint
and timeout variables, one error type): `Download` is the interface the loader
uses, so the shared client can replace `http_download` without touching callers.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Protocol
from urllib.parse import urlsplit

from reader import __version__
from reader.fulltext.errors import FulltextError

USER_AGENT = f"Reader/{__version__} (a terminal reading companion; full text for one reader)"
_DEFAULTS = {"READER_ARXIV_URL": "https://arxiv.org", "READER_DOI_URL": "https://doi.org"}


class Download(Protocol):
    def __call__(self, url: str, *, max_bytes: int, accept: str = "*/*") -> bytes | None:
        """The body; None for 404/410 (not there); FulltextError for any other fault."""
        ...


def endpoint(name: str) -> str:
    value = os.environ.get(name, "").strip() or _DEFAULTS[name]
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FulltextError(f"{name} must be an http(s) URL, not {value!r}")
    return value.rstrip("/")


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise FulltextError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not 0 <= value <= 86400:
        raise FulltextError(f"{name} must be a number of seconds, not {raw!r}")
    return value


_LOCK = threading.Lock()
_NEXT: dict[str, float] = {}


def _polite(host: str) -> None:
    """One request at a time per host, READER_FETCH_DELAY seconds apart (arXiv asks 3)."""
    delay = _seconds("READER_FETCH_DELAY", 3.0)
    with _LOCK:
        now = time.monotonic()
        start = max(now, _NEXT.get(host, now))
        _NEXT[host] = start + delay
    if start > now:
        time.sleep(start - now)


def http_download(url: str, *, max_bytes: int, accept: str = "*/*") -> bytes | None:
    import httpx

    timeout = _seconds("READER_FETCH_TIMEOUT", 30.0) or 30.0
    host = urlsplit(url).netloc
    _polite(host)
    try:
        with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True,
                          headers={"User-Agent": USER_AGENT, "Accept": accept}) as client, \
                client.stream("GET", url) as response:
            if response.status_code in (404, 410):
                return None
            if response.status_code >= 400:
                raise FulltextError(f"{host} answered {response.status_code} for {url}")
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FulltextError(f"{url} is {int(length) // 2**20} MB, over the "
                                    f"{max_bytes // 2**20} MB Reader accepts")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FulltextError(f"{url} is over the {max_bytes // 2**20} MB "
                                        "Reader accepts")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TimeoutException:
        raise FulltextError(f"{host} did not answer within {timeout:g} s "
                            "(READER_FETCH_TIMEOUT); try again later") from None
    except httpx.HTTPError as exc:
        raise FulltextError(f"could not reach {host}: {type(exc).__name__} "
                            "(offline? a cached paper still reads)") from None
