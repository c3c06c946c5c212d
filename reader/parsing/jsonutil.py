"""Helpers shared by the JSON formats: loading with clear errors, field hygiene, dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import orjson

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing.base import ParseResult
from reader.text import clean_line

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def load_json(text: str, source_name: str) -> Any:
    """Parsed JSON, or ParseError naming the file, line and column."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        msg = exc.msg if hasattr(exc, "msg") else str(exc)
        raise ParseError(f"malformed JSON (column {exc.colno}): {msg}", path=source_name,
                         line=exc.lineno) from None


def parse_items(doc: Any, source_name: str, to_paper: Callable[[Any], Paper], *,
                shape: str, single: Callable[[dict[str, Any]], bool] = lambda _: True
                ) -> ParseResult:
    """Papers from a JSON array of items (a lone object counts as one item when `single`
    accepts it). An item `to_paper` rejects with ValueError is skipped with a warning
    naming its number and its "id"; any other shape is a ParseError saying `shape`."""
    if isinstance(doc, dict) and single(doc):
        doc = [doc]
    if not isinstance(doc, list):
        raise ParseError(f"JSON of the wrong shape: {shape}", path=source_name)
    result = ParseResult(papers=[])
    for number, item in enumerate(doc, 1):
        try:
            result.papers.append(to_paper(item))
        except ValueError as exc:
            label = item.get("id") if isinstance(item, dict) else None
            where = f"entry {number}" + (f" ({label})" if isinstance(label, str) else "")
            result.warnings.append(f"{source_name}: {where} skipped: {exc}")
    return result


def head_json_start(head: str) -> str:
    """The first non-space character of a sniffed head ('' when blank)."""
    stripped = head.lstrip(" \t\r\n\ufeff")
    return stripped[:1]


def text_field(value: Any) -> str:
    """A one-line clean string from any JSON value (non-strings give '')."""
    if isinstance(value, str):
        return clean_line(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def iso_date(value: Any) -> tuple[str | None, int | None]:
    """(`YYYY-MM-DD` or None, year or None) from an ISO timestamp or date string."""
    if not isinstance(value, str):
        return None, None
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None, None
    year = int(m.group(1))
    if not 1000 <= year <= 9999:
        return None, None
    if m.group(2) and m.group(3):
        month, day = int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}", year
    return None, year


def date_parts(year: Any, month: Any = None, day: Any = None) -> tuple[str | None, int | None]:
    """(ISO date, year) from loose parts: ints or digit strings, any may be missing."""
    def as_int(v: Any) -> int | None:
        if isinstance(v, bool):
            return None
        if isinstance(v, int):
            return v
        if isinstance(v, str) and v.strip().isdigit():
            return int(v.strip())
        return None

    y, m, d = as_int(year), as_int(month), as_int(day)
    if y is None or not 1000 <= y <= 9999:
        return None, None
    if m is not None and d is not None and 1 <= m <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{m:02d}-{d:02d}", y
    return None, y
