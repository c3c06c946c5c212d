"""Input formats. One module per format, one registry, one sniffing function.

Public API (used by the CLI, the app and the tests):

    parse_file(path, fmt=None) -> ParseResult
    parse_text(text, fmt=None, source_name="<text>") -> ParseResult
    sniff(text) -> str            # format name, or raises ParseError
    formats()                     # name -> Parser, every format loaded, in sniffing order
    FORMATS                       # the raw registry (filled once formats() or a parse ran)

Every parser returns papers or raises reader.errors.ParseError, nothing else.
"""

from __future__ import annotations

from reader.parsing.base import (
    FORMATS,
    Parser,
    ParseResult,
    formats,
    parse_file,
    parse_text,
    sniff,
)

__all__ = ["FORMATS", "ParseResult", "Parser", "formats", "parse_file", "parse_text", "sniff"]
