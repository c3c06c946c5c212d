"""RIS (Zotero, Scopus, Lens, EndNote exports).

One tag per line, `TAG  - value`; a record runs from `TY  - ` to `ER  -`
(with or without the trailing space). Real files bring:
- CRLF line endings (Zotero) and LF (Scopus);
- untagged continuation lines (Scopus `N1  - References: ...` is followed by
  hundreds of them): they belong to the previous tag;
- dates `DA  - 2021/02/01/`, `2020///nan`, `PY  - 2020`;
- the journal in `T2`/`JO`/`JF`, the abbreviation in `J2`;
- links in `UR`/`L1`/`L2`/`L4`, arXiv ids only in links, notes or the DOI.
A record with no title is skipped with one warning line; a record cut off
before `ER  -` (truncated file) is kept when it has a title, with a warning.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing import arxiv
from reader.parsing.base import ParseResult, register
from reader.parsing.names import invert_name
from reader.parsing.record import (
    clean_abstract,
    clean_text,
    make_paper,
    merge_duplicates,
    source_label,
    year_in,
)

_TAG = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$")
_SNIFF = re.compile(r"(?m)^\ufeff?TY {1,2}- ")
_DATE = re.compile(r"^\s*(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2}))?)?")
_INLINE_HTML = re.compile(r"</?(?:i|b|em|strong|sup|sub|p|br|span|scp|u)\b[^>]*>", re.IGNORECASE)
_TITLE_TAGS = ("TI", "T1", "CT", "BT")
_VENUE_TAGS = ("T2", "JF", "JO", "JA", "J2", "T3")
_URL_TAGS = ("UR", "L1", "L2", "L4", "LK")


@dataclass(slots=True)
class Record:
    """The raw tags of one RIS record, in order, and where it started."""

    line: int
    tags: dict[str, list[str]] = field(default_factory=dict)
    last: str = ""
    closed: bool = False

    def add(self, tag: str, value: str) -> None:
        self.tags.setdefault(tag, []).append(value)
        self.last = tag

    def extend(self, text: str) -> None:
        if self.last:
            values = self.tags[self.last]
            values[-1] = f"{values[-1]}\n{text}"

    def first(self, *tags: str) -> str:
        for tag in tags:
            for value in self.tags.get(tag, []):
                if value.strip():
                    return value
        return ""


def split_records(text: str) -> list[Record]:
    """Group lines into records; untagged lines continue the previous tag."""
    records: list[Record] = []
    current: Record | None = None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.lstrip("\ufeff")
        m = _TAG.match(line)
        if m:
            tag, value = m.group(1), (m.group(2) or "").strip()
            if tag == "TY":
                current = Record(line=number)
                records.append(current)
                current.add(tag, value)
            elif current is not None and not current.closed:
                if tag == "ER":
                    current.closed = True
                else:
                    current.add(tag, value)
        elif current is not None and not current.closed and line.strip():
            current.extend(line.strip())
    return records


def _date(record: Record) -> tuple[str | None, int | None]:
    for tag in ("DA", "Y1", "PY", "Y2"):
        value = record.first(tag)
        m = _DATE.match(value)
        if not m:
            continue
        year = int(m.group(1))
        month, day = m.group(2), m.group(3)
        if month and day and 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return f"{year:04d}-{int(month):02d}-{int(day):02d}", year
        return None, year
    return None, year_in(record.first("PY", "Y1", "DA"))


def _html_text(value: str) -> str:
    """Scopus and Zotero carry inline HTML (`<i>E. coli</i>`, `p &lt; .001`)."""
    if "<" in value:
        value = _INLINE_HTML.sub("", value)
    return html.unescape(value) if "&" in value else value


def record_to_paper(record: Record, source: str) -> Paper | None:
    """One record -> a Paper, None when it has no title."""
    published, year = _date(record)
    urls = [u for tag in _URL_TAGS for u in record.tags.get(tag, [])]
    notes = " ".join(record.tags.get("N1", []))
    arxiv_id = arxiv.in_fields({
        "doi": record.first("DO"), "url": " ".join(urls), "note": notes,
        "journal": record.first(*_VENUE_TAGS), "number": record.first("IS", "M1"),
    })
    raw_abstract = _html_text(record.first("AB", "N2"))
    authors = [invert_name(a) for tag in ("AU", "A1") for a in record.tags.get(tag, [])]
    return make_paper(
        title=clean_text(_html_text(record.first(*_TITLE_TAGS)), latex=False), source=source,
        abstract=clean_abstract(raw_abstract, latex=False), raw_abstract=raw_abstract,
        authors=authors, year=year, published=published, arxiv_id=arxiv_id,
        doi=record.first("DO"), urls=urls,
        venue=clean_text(_html_text(record.first(*_VENUE_TAGS)), latex=False) or None,
        key=record.first("ID"),
    )


class RisParser:
    """The `ris` format."""

    name = "ris"

    def sniff(self, head: str) -> bool:
        return _SNIFF.search(head) is not None

    def parse(self, text: str, source_name: str) -> ParseResult:
        records = split_records(text)
        if not records:
            raise ParseError("no RIS record found (no 'TY  - ' line)", path=source_name)
        source = source_label(self.name, source_name)
        papers: list[Paper] = []
        warnings: list[str] = []
        for index, record in enumerate(records, 1):
            label = record.first("ID") or str(index)
            where = f"{source_name}: entry {label} (line {record.line})"
            paper = record_to_paper(record, source)
            if paper is None:
                warnings.append(f"{where}: no title, skipped")
                continue
            if not record.closed:
                warnings.append(f"{where}: no 'ER  -' end tag (file cut short?), kept")
            papers.append(paper)
        return ParseResult(papers=merge_duplicates(papers), warnings=warnings, fmt=self.name)


register(RisParser())

__all__ = ["Record", "RisParser", "record_to_paper", "split_records"]
