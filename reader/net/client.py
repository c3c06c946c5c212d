"""The HTTP client every network feature goes through (httpx underneath).

    with Client() as http:
        feed = http.get_bytes(url, params={...}, accept="application/atom+xml",
                              expect="xml", label="arXiv API")

What it guarantees: a User-Agent naming Reader and its version; connect and
read timeouts (READER_FETCH_TIMEOUT); at most one request per delay to each
host, across every client and thread of the process (limiter.py); retries with
exponential backoff on 429 and 5xx, waiting what Retry-After asks (up to a
limit); the body streamed and refused once it passes `max_bytes` (a huge or
endless body never sits in memory); proxies from the usual environment
variables (httpx's trust_env); a `cancel` event that ends any wait at once; and
every fault as one NetError line (faults.py). Timeouts and connection errors
are not retried: a user offline learns it at once, not after minutes.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

import httpx

from reader import __version__
from reader.net import faults
from reader.net.errors import FetchCancelled, NetError
from reader.net.limiter import RateLimiter, shared_limiter
from reader.net.settings import Settings

__all__ = ["DEFAULT_MAX_BYTES", "USER_AGENT", "Client"]

USER_AGENT = (f"Reader/{__version__} (terminal reading companion for research papers; "
              f"python-httpx/{httpx.__version__})")
DEFAULT_MAX_BYTES = 20_000_000
"""A response larger than this is refused unless the caller allows more."""
MAX_RETRY_AFTER = 120.0
"""A server asking to wait longer than this gets a clear error instead of a frozen wait."""
_RETRY = frozenset({429, 500, 502, 503, 504})
_CHUNK = 65536


class Client:
    """One connection pool with Reader's etiquette. Thread-safe; close it (or use `with`).

    `requests` counts the HTTP requests sent (retries included), `waited` the seconds
    spent in the rate limiter and backoff: the figures a command reports.
    """

    def __init__(self, settings: Settings | None = None, *,
                 cancel: threading.Event | None = None,
                 limiter: RateLimiter | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.cancel = cancel
        self.requests = 0
        self.waited = 0.0
        self._limiter = limiter or shared_limiter()
        self._count = threading.Lock()
        timeout = self.settings.timeout
        try:
            self._http = httpx.Client(
                timeout=httpx.Timeout(timeout, connect=timeout), follow_redirects=True,
                trust_env=True, headers={"User-Agent": USER_AGENT})
        except (ValueError, httpx.InvalidURL) as exc:  # a proxy variable httpx cannot use
            raise NetError(f"the proxy setting is not usable ({exc}); check HTTPS_PROXY, "
                           "HTTP_PROXY and ALL_PROXY", kind="proxy") from None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def get_bytes(self, url: str, *, params: Mapping[str, str | int] | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, accept: str = "*/*",
                  expect: str | None = None, label: str | None = None) -> bytes:
        """The body of a GET (after redirects). `expect` (`xml`, `json`, `pdf`, `html`)
        refuses a body of another kind, such as an HTML error page. NetError on any
        fault, FetchCancelled when `cancel` was set."""
        host = urlsplit(url).netloc.lower()
        label = label or host or url
        delay = self.settings.delay_for(host)
        tries = self.settings.retries + 1
        for attempt in range(tries):
            self._check_cancel()
            self._add_wait(self._limiter.wait(host, delay, self.cancel))
            with self._count:
                self.requests += 1
            try:
                with self._http.stream("GET", url, params=params,
                                       headers={"Accept": accept}) as response:
                    if response.status_code in _RETRY and attempt + 1 < tries:
                        self._back_off(response, host, attempt, label)
                        continue
                    if response.status_code >= 400:
                        raise faults.from_status(response, label, attempt + 1)
                    body = self._read(response, max_bytes, label)
                    content_type = response.headers.get("content-type", "")
                    final_url = str(response.url)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise faults.from_transport(exc, label, self.settings.timeout) from None
            faults.check_body(body, expect, content_type, label, final_url)
            return body
        raise AssertionError("unreachable: the last try returns or raises")

    def get_text(self, url: str, **kwargs: Any) -> str:
        """`get_bytes` decoded as UTF-8 (a stray invalid byte becomes U+FFFD)."""
        return self.get_bytes(url, **kwargs).decode("utf-8", errors="replace")

    # internals -------------------------------------------------------------
    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise FetchCancelled()

    def _add_wait(self, seconds: float) -> None:
        with self._count:
            self.waited += seconds

    def _back_off(self, response: httpx.Response, host: str, attempt: int,
                  label: str) -> None:
        asked = faults.retry_after(response)
        if asked is not None and asked > MAX_RETRY_AFTER:
            raise NetError(f"{label}: the server asks to wait {asked:.0f} s (HTTP "
                           f"{response.status_code}); try again later", kind="http",
                           url=str(response.request.url), status=response.status_code)
        wait = asked if asked is not None else self.settings.backoff * 2 ** attempt
        self._limiter.push_back(host, wait)
        response.close()
        self._add_wait(wait)

    def _read(self, response: httpx.Response, max_bytes: int, label: str) -> bytes:
        url = str(response.request.url)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _too_large(label, int(declared), max_bytes, url)
        body = bytearray()
        for chunk in response.iter_bytes(_CHUNK):
            body += chunk
            if len(body) > max_bytes:
                raise _too_large(label, len(body), max_bytes, url)
            self._check_cancel()
        return bytes(body)


def _too_large(label: str, size: int, limit: int, url: str) -> NetError:
    return NetError(f"{label}: the response is too large (over {limit / 1e6:.1f} MB, "
                    f"{size / 1e6:.1f} MB seen); refused", kind="too-large", url=url)
