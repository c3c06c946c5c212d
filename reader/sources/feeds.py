"""A network response read by the import parsers: a parse failure becomes a NetError
(the server sent something broken), and fetched papers say where they came from."""

from __future__ import annotations

from dataclasses import replace

from reader.errors import ParseError
from reader.net import NetError
from reader.parsing.base import Parser, ParseResult

__all__ = ["parse_response"]


def parse_response(parser: Parser, body: bytes, label: str, source: str) -> ParseResult:
    """Parse `body` (UTF-8) with `parser`; each paper's `source` becomes `source`."""
    text = body.decode("utf-8", errors="replace")
    try:
        result = parser.parse(text, label)
    except ParseError as exc:
        raise NetError(f"{label}: the response is malformed ({exc})", kind="malformed") from None
    result.papers = [replace(p, source=source) for p in result.papers]
    return result
