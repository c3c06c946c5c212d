"""The parser contract, the registry and format sniffing (the one place that guesses).

Every format module calls `register(parser)` at import; `_load_plugins()` imports
them all, in sniffing order (most specific first, the plain-text page last).
`parse_file` owns everything about bytes: decoding (UTF-8, with or without a
byte-order mark, UTF-16 with a BOM), and the clear one-line errors for what
is not a listing at all (missing, directory, empty, binary, legacy encoding).
"""

from __future__ import annotations

import importlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reader.errors import ParseError
from reader.gcutil import paused_gc
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

# Sniffing order: formats with an unmistakable signature first, the tolerant
# plain-text page last (it accepts almost any prose with title/abstract pairs).
SNIFF_ORDER = ["reader-json", "hf-json", "csl-json", "arxiv-atom", "arxiv-rss", "ris",
               "bibtex", "hf-text"]
_PLUGINS = ["readerjson", "hfjson", "csljson", "atom", "rss", "ris", "bibtex", "plaintext"]
_loaded = False
SNIFF_BYTES = 64 * 1024
"""How much of the text `sniff` looks at."""


def register(parser: Parser) -> Parser:
    FORMATS[parser.name] = parser
    return parser


def _load_plugins() -> None:
    """Import every format module once, for its register() side effect."""
    global _loaded
    if _loaded:
        return
    for module in _PLUGINS:
        importlib.import_module(f"reader.parsing.{module}")
    _loaded = True


def formats() -> dict[str, Parser]:
    """Every registered parser (loading them on first use), in sniffing order."""
    _load_plugins()
    ordered = {name: FORMATS[name] for name in SNIFF_ORDER if name in FORMATS}
    others = {name: p for name, p in FORMATS.items() if name not in ordered}
    if "hf-text" in ordered:  # whatever else registers still goes before plain text
        last = ordered.pop("hf-text")
        return {**ordered, **others, "hf-text": last}
    return {**ordered, **others}


def _known() -> str:
    return ", ".join(formats())


def sniff(text: str, source_name: str | None = None) -> str:
    """The name of the format `text` is in, or ParseError when none fits."""
    head = text[:SNIFF_BYTES].lstrip("\ufeff")
    if not head.strip():
        raise ParseError("empty file: no papers to import", path=source_name)
    for name, parser in formats().items():
        if parser.sniff(head):
            return name
    start = head.lstrip()[:1]
    if start in ("{", "["):
        raise ParseError("JSON of a shape Reader does not know (expected a Reader export, "
                         "the Hugging Face daily-papers API or CSL-JSON)", path=source_name)
    if start == "<":
        raise ParseError("XML or HTML that is not an arXiv Atom or RSS feed",
                         path=source_name)
    raise ParseError(f"unknown format: not a listing Reader can read (known formats: "
                     f"{_known()}; --format forces one)", path=source_name)


def parse_text(text: str, fmt: str | None = None, source_name: str = "<text>") -> ParseResult:
    """Parse decoded text. `source_name` names the file in errors and `Paper.source`.

    Raises ParseError when the format is unknown, the text is not in that format,
    or it holds no paper at all (a file that fails imports nothing).
    """
    text = text.lstrip("\ufeff")
    if fmt is None:
        fmt = sniff(text, source_name)
    else:
        fmt = fmt.strip().lower()
        if fmt not in formats():
            raise ParseError(f"unknown format {fmt!r} (known formats: {_known()})")
    parser = formats()[fmt]
    try:
        with paused_gc():
            result = parser.parse(text, source_name)
    except ParseError:
        raise
    except Exception as exc:
        # Safety net: a parser bug must still give the user one clear line.
        raise ParseError(f"not a valid {fmt} file ({type(exc).__name__}: {exc})",
                         path=source_name) from exc
    result.fmt = fmt
    if not result.papers:
        first = result.warnings[0].removeprefix(f"{source_name}: ") if result.warnings else ""
        detail = f": {first}" if first else ""
        raise ParseError(f"no papers found (read as {fmt}){detail}", path=source_name)
    label = f"{fmt}:{Path(source_name).name}"
    for paper in result.papers:
        if not paper.source:
            paper.source = label
    return result


def _binary_kind(data: bytes) -> str | None:
    """A short name when `data` is plainly not text (PDF, archive, image...)."""
    signatures = {b"%PDF": "a PDF", b"PK\x03\x04": "a zip archive", b"\x1f\x8b": "gzip data",
                  b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                  b"\x7fELF": "a program", b"SQLite format 3": "an SQLite database"}
    for magic, kind in signatures.items():
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if len(head) >= 4 and (even.count(0) > 0.9 * len(even) or odd.count(0) > 0.9 * len(odd)):
            return "UTF-16 text without a byte-order mark (re-save it as UTF-8)"
        return "binary data"
    return None


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (BOM optional) or UTF-16 with a BOM; ParseError otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ParseError("broken UTF-16 text", path=name) from None
    kind = _binary_kind(data)
    if kind:
        message = kind if kind.startswith("UTF-16") else f"{kind}, not a text listing"
        raise ParseError(message, path=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        raise ParseError(f"not UTF-8 text (byte 0x{byte:02x}): probably a legacy encoding "
                         "such as Latin-1 or Windows-1252; re-save the file as UTF-8",
                         path=name, line=line) from None


MAX_FILE_BYTES = 512 * 1024 * 1024
"""The largest listing file Reader imports (a 100,000-paper listing is ~170 MB)."""


def _read_regular(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; ParseError otherwise.
    Opened without blocking and checked before reading: /dev/zero, /dev/urandom or
    a FIFO would be read until memory runs out (or wait for a writer forever)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ParseError("is a directory, not a file", path=name)
        if not stat.S_ISREG(st.st_mode):
            raise ParseError("is not a regular file (a device, pipe or socket); "
                             "save the listing to a file and import that", path=name)
        if st.st_size > MAX_FILE_BYTES:
            raise ParseError(f"too large to import ({st.st_size / 2**20:,.0f} MB; the limit "
                             f"is {MAX_FILE_BYTES // 2**20} MB): split it into smaller "
                             "files", path=name)
        os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew while we read it
        raise ParseError(f"too large to import (over {MAX_FILE_BYTES // 2**20} MB): "
                         "split it into smaller files", path=name)
    return data


def read_text(path: str | Path) -> str:
    """The decoded text of a listing file, or one clear ParseError naming it."""
    path = Path(path)
    name = str(path)
    try:
        data = _read_regular(path, name)
    except FileNotFoundError:
        raise ParseError("no such file", path=name) from None
    except PermissionError:
        raise ParseError("permission denied", path=name) from None
    except IsADirectoryError:
        raise ParseError("is a directory, not a file", path=name) from None
    except MemoryError:
        raise ParseError("not enough memory to read it", path=name) from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", path=name) from None
    text = decode(data, name)
    if not text.strip():
        raise ParseError("empty file: no papers to import", path=name)
    return text


def parse_file(path: str | Path, fmt: str | None = None) -> ParseResult:
    """Read, decode, sniff (unless `fmt`) and parse one file."""
    return parse_text(read_text(path), fmt, str(path))


__all__ = ["FORMATS", "SNIFF_ORDER", "ParseError", "ParseResult", "Parser", "decode",
           "formats", "parse_file", "parse_text", "paused_gc", "read_text", "register",
           "sniff"]
