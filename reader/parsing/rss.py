"""arXiv RSS listings (rss.arxiv.org, RSS 2.0; the older RSS 1.0/RDF feed too).

What the 2026 feed looks like (corpus/FORMATS.md):
- `<link>` has no version (`https://arxiv.org/abs/2609.26811`), `<guid>` has
  one (`oai:arXiv.org:2609.26811v1`);
- `<description>` starts `arXiv:<id>v<n> Announce Type: new ` + newline +
  `Abstract: `: that prefix is stripped;
- `dc:creator` is one comma-joined string of names;
- `pubDate` is the announcement date, so it is the paper's `published` date
  only for a first version announced as new (or cross-listed); replacements
  and cross-lists of old papers (2205.06398v2) get the year their id encodes;
- `arxiv:DOI` is upper case (the API says `arxiv:doi`): both are read.
The pre-2024 RDF feed (titles "Title. (arXiv:1805.06430v2 [nucl-th] UPDATED)",
HTML author links in `dc:creator`, HTML descriptions) is read as well.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET  # types and errors only; parsing uses defusedxml
from email.utils import parsedate_to_datetime

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing import arxiv
from reader.parsing.base import ParseResult, register
from reader.parsing.record import (
    clean_abstract,
    clean_text,
    make_paper,
    merge_duplicates,
    source_label,
)
from reader.parsing.xmlsafe import ARXIV, DC, line_of, local, parse_xml, text_of
from reader.text import clean_line

_SNIFF = re.compile(r"<rss[\s>]|<(?:rdf:)?RDF[\s>][^<]*purl\.org/rss/1\.0", re.IGNORECASE)
_OLD_TITLE = re.compile(r"\.?\s*\(arXiv:[^()]*\)\s*$")
_TAGS = re.compile(r"<[^>]*>")
_NAME_SEP = re.compile(r"\s*,\s*|\s+and\s+")


def _plain(text: str) -> str:
    """HTML (RDF feed descriptions and author links) -> text."""
    if "<" in text or "&" in text:
        return html.unescape(_TAGS.sub(" ", text))
    return text


def _announce_date(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _field(item: ET.Element, name: str) -> str:
    """An arxiv: element by name, case-insensitively (`DOI`, `doi`)."""
    for child in item:
        if local(child.tag).lower() == name and ARXIV in str(child.tag):
            return clean_line("".join(child.itertext()))
    return ""


def item_to_paper(item: ET.Element, source: str) -> Paper | None:
    """One `<item>` -> a Paper (None without a title)."""
    link = line_of(item, None, "link")
    guid = line_of(item, None, "guid")
    description = _plain(text_of(item, None, "description"))
    found = (arxiv.split_version(guid) or arxiv.split_version(link)
             or arxiv.split_version(description[:80]))
    arxiv_id, version = found if found else (None, None)
    announce = _field(item, "announce_type").lower() or "new"
    published = None
    if version in (None, 1) and announce in ("new", "cross"):
        published = _announce_date(line_of(item, None, "pubDate") or line_of(item, DC, "date"))
    year = arxiv.year_of(arxiv_id) if arxiv_id else None
    if published and (year is None or abs(int(published[:4]) - year) <= 1):
        year = int(published[:4])
    raw_abstract = arxiv.strip_announce(description)
    creators = _plain(" , ".join("".join(c.itertext()) for c in item
                                 if local(c.tag) == "creator"))
    authors = [clean_text(n) for n in _NAME_SEP.split(creators) if n.strip()]
    title = _OLD_TITLE.sub("", line_of(item, None, "title"))
    return make_paper(
        title=clean_text(title), source=source,
        abstract=clean_abstract(raw_abstract), raw_abstract=raw_abstract,
        authors=authors, year=year, published=published, arxiv_id=arxiv_id,
        doi=_field(item, "doi") or None,
        urls=[arxiv.abs_url(arxiv_id)] if arxiv_id else [link],
        venue=clean_text(_field(item, "journal_reference") or _field(item, "journal_ref"))
        or None,
    )


class ArxivRssParser:
    """The `arxiv-rss` format."""

    name = "arxiv-rss"

    def sniff(self, head: str) -> bool:
        return _SNIFF.search(head) is not None

    def parse(self, text: str, source_name: str) -> ParseResult:
        root = parse_xml(text, source_name)
        if local(root.tag) not in ("rss", "RDF"):
            raise ParseError(f"not an RSS feed (root element <{local(root.tag)}>)",
                             path=source_name)
        source = source_label(self.name, source_name)
        papers: list[Paper] = []
        warnings: list[str] = []
        items = [e for e in root.iter() if local(e.tag) == "item"]
        for index, item in enumerate(items, 1):
            paper = item_to_paper(item, source)
            if paper is None:
                warnings.append(f"{source_name}: item {index}: no title, skipped")
                continue
            papers.append(paper)
        return ParseResult(papers=merge_duplicates(papers), warnings=warnings, fmt=self.name)


register(ArxivRssParser())

__all__ = ["ArxivRssParser", "item_to_paper"]
