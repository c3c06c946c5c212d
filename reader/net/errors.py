"""The one error of the network layer: every fault becomes a NetError whose text is
one line a user can act on (offline, DNS, timeout, HTTP status, error page, bad body)."""

from __future__ import annotations

from reader.errors import ReaderError

__all__ = ["FetchCancelled", "NetError"]


class NetError(ReaderError):
    """A request failed. `str(err)` is the line to show; `kind` says which fault."""

    def __init__(self, message: str, *, kind: str, url: str = "",
                 status: int | None = None) -> None:
        super().__init__(" ".join(message.split()))
        self.kind = kind
        """offline | dns | connect | timeout | http | not-found | too-large | truncated |
        error-page | malformed | proxy | config"""
        self.url = url
        self.status = status


class FetchCancelled(ReaderError):
    """The user cancelled while a request waited or ran (not a fault: nothing to report)."""

    def __init__(self) -> None:
        super().__init__("cancelled")
