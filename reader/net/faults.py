"""Every way a request fails, as one NetError line: transport errors of httpx,
HTTP statuses, and bodies that are not what was asked for (an HTML error page from
a proxy or a portal where XML or JSON was expected, an empty or cut body)."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, datetime

import httpx

from reader.net.errors import NetError

__all__ = ["check_body", "from_status", "from_transport", "retry_after"]

_DNS = ("name or service not known", "nodename nor servname", "temporary failure in name",
        "getaddrinfo failed", "no address associated", "name resolution", "[errno -2]",
        "[errno -3]", "[errno 8]", "[errno 11001]")
_OFFLINE = ("network is unreachable", "no route to host", "[errno 101]", "[errno 113]")


def from_transport(exc: httpx.HTTPError | httpx.InvalidURL, label: str,
                   timeout: float) -> NetError:
    """The line for a failure below HTTP (no status was received)."""
    if isinstance(exc, httpx.InvalidURL):
        return NetError(f"{label}: not a valid address ({_short(exc)})", kind="config")
    url = str(exc.request.url) if _has_request(exc) else ""
    detail = str(exc).lower()
    if isinstance(exc, httpx.ConnectTimeout):
        return NetError(f"{label}: no connection within {timeout:g} s (offline, or the "
                        "server is down)", kind="timeout", url=url)
    if isinstance(exc, httpx.TimeoutException):
        return NetError(f"{label}: the server stopped answering (nothing received for "
                        f"{timeout:g} s); try again later", kind="timeout", url=url)
    if isinstance(exc, httpx.ProxyError):
        return NetError(f"{label}: the proxy failed ({_short(exc)}); check HTTPS_PROXY / "
                        "HTTP_PROXY", kind="proxy", url=url)
    if isinstance(exc, httpx.ConnectError):
        if any(sign in detail for sign in _DNS):
            return NetError(f"{label}: cannot look up the host (offline, or a DNS "
                            "failure)", kind="dns", url=url)
        if any(sign in detail for sign in _OFFLINE):
            return NetError(f"{label}: the network is unreachable (offline?)", kind="offline",
                            url=url)
        if "refused" in detail:
            return NetError(f"{label}: the server refused the connection", kind="connect",
                            url=url)
        return NetError(f"{label}: cannot connect ({_short(exc)})", kind="connect", url=url)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return NetError(f"{label}: the connection was cut before the whole response "
                        "arrived; try again", kind="truncated", url=url)
    if isinstance(exc, httpx.DecodingError):
        return NetError(f"{label}: the compressed response is damaged", kind="malformed",
                        url=url)
    if isinstance(exc, httpx.TooManyRedirects):
        return NetError(f"{label}: too many redirects", kind="http", url=url)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return NetError(f"{label}: not a valid http(s) address", kind="config", url=url)
    return NetError(f"{label}: request failed ({_short(exc)})", kind="connect", url=url)


def _has_request(exc: httpx.HTTPError) -> bool:
    try:
        exc.request  # noqa: B018 - raises RuntimeError when the error has no request
    except RuntimeError:
        return False
    return True


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def from_status(response: httpx.Response, label: str, tries: int = 1) -> NetError:
    """The line for an HTTP error status (after `tries` attempts)."""
    status = response.status_code
    url = str(response.request.url)
    reason = response.reason_phrase or "error"
    if status == 404:
        return NetError(f"{label}: not found (HTTP 404)", kind="not-found", url=url,
                        status=status)
    again = f" after {tries} tries" if tries > 1 else ""
    if status == 429 or status >= 500:
        return NetError(f"{label}: the server is busy or failing (HTTP {status} {reason})"
                        f"{again}; try again later", kind="http", url=url, status=status)
    return NetError(f"{label}: HTTP {status} {reason}", kind="http", url=url, status=status)


def retry_after(response: httpx.Response, now: float | None = None) -> float | None:
    """Seconds asked by a Retry-After header (delta or HTTP date); None when absent/bad."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now) if when > datetime(1971, 1, 1, tzinfo=UTC) else None


def _looks_html(head: bytes) -> bool:
    lowered = head.lower()
    return b"<!doctype html" in lowered or b"<html" in lowered


_WANTED = {"xml": "XML", "json": "JSON", "pdf": "a PDF", "html": "a web page"}


def check_body(body: bytes, expect: str | None, content_type: str, label: str,
               url: str) -> None:
    """NetError when `body` is not the kind asked for (`xml`, `json`, `pdf`, `html`)."""
    if expect is None:
        return
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise NetError(f"{label}: the server sent an empty response", kind="malformed",
                       url=url)
    if expect == "html":
        return
    ok = {"xml": head.startswith(b"<") and not _looks_html(head),
          "json": head[:1] in (b"[", b"{"),
          "pdf": head.startswith(b"%PDF-")}.get(expect, True)
    if ok and not (expect == "json" and "html" in content_type.lower()):
        return
    if _looks_html(head) or "html" in content_type.lower():
        raise NetError(f"{label}: got a web page instead of {_WANTED[expect]} (an error "
                       "page, a proxy or a captive portal?)", kind="error-page", url=url)
    raise NetError(f"{label}: the response is not {_WANTED[expect]}", kind="malformed",
                   url=url)
