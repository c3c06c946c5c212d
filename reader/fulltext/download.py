"""The downloads the full text needs, through the shared network client (its
endpoints, rate limits, size caps and one error type). `Download` is the interface
the loader takes, so tests and callers can pass another."""

from __future__ import annotations

from typing import Protocol

from reader.fulltext.errors import FulltextError


class Download(Protocol):
    def __call__(self, url: str, *, max_bytes: int, accept: str = "*/*") -> bytes | None:
        """The body; None for 404/410 (not there); FulltextError for any other fault."""
        ...


def http_download(url: str, *, max_bytes: int, accept: str = "*/*") -> bytes | None:
    from reader.net import Client, NetError

    try:
        with Client() as http:
            return http.get_bytes(url, max_bytes=max_bytes, accept=accept)
    except NetError as exc:
        if exc.kind == "not-found" or exc.status == 410:
            return None
        raise FulltextError(str(exc)) from None
