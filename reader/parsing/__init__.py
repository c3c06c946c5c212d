"""Input formats. One module per format, one registry, one sniffing function.

Public API (used by the CLI, the app and the tests):

    parse_file(path, fmt=None) -> ParseResult
    parse_text(text, fmt=None, source_name="<text>") -> ParseResult
    sniff(text) -> str            # format name, or raises ParseError
    FORMATS                       # name -> Parser

Every parser returns papers or raises reader.errors.ParseError, nothing else.
"""

from __future__ import annotations

from reader.parsing.base import FORMATS, Parser, ParseResult, parse_file, parse_text, sniff

__all__ = ["FORMATS", "ParseResult", "Parser", "parse_file", "parse_text", "sniff"]
