"""The parser contract, the registry and format sniffing (the one place that guesses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reader.errors import ParseError
from reader.model import Paper, ReadingState


@dataclass(slots=True)
class ParseResult:
    papers: list[Paper]
    warnings: list[str] = field(default_factory=list)
    """One line each: entries skipped and why (file and entry named)."""
    states: dict[str, ReadingState] = field(default_factory=dict)
    """Only Reader's own JSON export carries reading state (for the round trip)."""
    fmt: str = ""


class Parser(Protocol):
    name: str

    def sniff(self, head: str) -> bool:
        """True when the first few KB of text look like this format."""
        ...

    def parse(self, text: str, source_name: str) -> ParseResult:
        """Parse a whole decoded text. Raise ParseError on input that is not this format."""
        ...


FORMATS: dict[str, Parser] = {}


def register(parser: Parser) -> Parser:
    FORMATS[parser.name] = parser
    return parser


def _load_plugins() -> None:
    # Imported for their register() side effect. Order matters for sniffing:
    # the most specific formats first, the plain-text page last.
    # The parsing owner imports each format module here.
    return


def sniff(text: str) -> str:
    raise NotImplementedError


def parse_text(text: str, fmt: str | None = None, source_name: str = "<text>") -> ParseResult:
    raise NotImplementedError


def parse_file(path: str | Path, fmt: str | None = None) -> ParseResult:
    raise NotImplementedError


__all__ = ["FORMATS", "ParseError", "ParseResult", "Parser", "parse_file", "parse_text",
           "register", "sniff"]
