"""The Hugging Face daily papers API (JSON read by reader.parsing.hfjson)."""

from __future__ import annotations

import re

from reader.net import Client, endpoints
from reader.parsing.hfjson import HfJsonParser
from reader.sources.arxiv import Feed
from reader.sources.feeds import parse_response

__all__ = ["daily"]

LABEL = "Hugging Face daily papers"
MAX_BYTES = 20_000_000


def daily(http: Client, date: str | None = None) -> Feed:
    """The papers listed on `date` (YYYY-MM-DD; None: the latest day)."""
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise ValueError(f"not a date: {date!r} (use YYYY-MM-DD)")
    body = http.get_bytes(endpoints.hf_daily_url(http.settings),
                          params={"date": date} if date else None,
                          accept="application/json", expect="json", label=LABEL,
                          max_bytes=MAX_BYTES)
    result = parse_response(HfJsonParser(), body, LABEL, f"hf-json:daily {date or 'latest'}")
    return Feed(result.papers, len(result.papers), result.warnings)
