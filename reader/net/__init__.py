"""The network layer: one HTTP client with Reader's etiquette, and the endpoints.

    from reader.net import Client, NetError, endpoints
    with Client() as http:
        html = http.get_bytes(endpoints.arxiv_html_url("2406.01234"), expect="html",
                              max_bytes=30_000_000, label="arXiv")

Every fault is a NetError (one line for the user); a set `cancel` event raises
FetchCancelled. Endpoints and limits come from READER_* variables (settings.py).
"""

from __future__ import annotations

from reader.net import endpoints
from reader.net.client import DEFAULT_MAX_BYTES, USER_AGENT, Client
from reader.net.errors import FetchCancelled, NetError
from reader.net.settings import Settings

__all__ = ["DEFAULT_MAX_BYTES", "USER_AGENT", "Client", "FetchCancelled", "NetError",
           "Settings", "endpoints", "get_bytes"]


def get_bytes(url: str, **kwargs: object) -> bytes:
    """One request with a short-lived client (see Client.get_bytes for the arguments)."""
    with Client() as http:
        return http.get_bytes(url, **kwargs)  # type: ignore[arg-type]
