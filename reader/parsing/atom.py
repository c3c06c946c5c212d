"""arXiv API Atom responses, old (2016-2017) and new (2026) dialects.

Parsed by namespace URI, never by prefix or line. What the corpus shows:
- titles hard-wrapped with `\\n  ` and summaries wrapped at 80 columns with a
  leading "  ": whitespace collapses; in the summary an indented line starts a
  new paragraph (the 2026 format keeps `\\n  ` paragraph breaks);
- ids `http://arxiv.org/abs/1201.4869v1` and old-style `cond-mat/0412498v1`
  (containing `/`): the id is kept without its version;
- LaTeX in summaries, titles and journal refs (`R\\'{e}nyi`, `$\\delta$`), and
  entities (`&gt;=`, `&lt;1 minute`) which the XML parser already decodes;
- `arxiv:doi`, `arxiv:journal_ref` (the venue), `arxiv:comment` (its links are
  kept), `link title="pdf"`/`title="doi"`. Categories are not stored (and MSC
  codes such as `05E99 (Primary)` are not arXiv categories anyway).
- the API's error feed (one entry whose id is `.../api/errors#...`) becomes a
  warning, so a file holding only that error fails with its message.
The rss.arxiv.org Atom variant (ids `oai:arXiv.org:X`, "Announce Type"
prefixes) reads the same way.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # types and errors only; parsing uses defusedxml

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing import arxiv
from reader.parsing.base import ParseResult, register
from reader.parsing.links import extract_urls
from reader.parsing.record import (
    clean_abstract,
    clean_text,
    make_paper,
    merge_duplicates,
    source_label,
    year_in,
)
from reader.parsing.xmlsafe import ARXIV, ATOM, children, line_of, local, parse_xml, text_of

_SNIFF_ROOT = re.compile(r"<(?:\w+:)?feed[\s>]")


def _date(value: str) -> tuple[str | None, int | None]:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", int(m.group(1))
    return None, year_in(value)


def _links(entry: ET.Element, arxiv_id: str | None) -> list[str]:
    urls = [arxiv.abs_url(arxiv_id)] if arxiv_id else []
    for link in children(entry, ATOM, "link"):
        href = (link.get("href") or "").strip()
        if not href.startswith(("http://", "https://")):
            continue
        if arxiv_id and link.get("rel", "alternate") == "alternate" and arxiv.in_url(href):
            continue  # the versioned abs page: the unversioned one is already there
        urls.append(href)
    return urls


def _categories(entry: ET.Element, arxiv_id: str | None) -> list[str]:
    """Primary category first, then the others, each once (arXiv's own order)."""
    found: list[str] = []
    for elem in children(entry, ARXIV, "primary_category"):
        found.append((elem.get("term") or "").strip())
    for elem in children(entry, ATOM, "category"):
        scheme = (elem.get("scheme") or "").strip().rstrip("/")
        if scheme == ARXIV or (not scheme and arxiv_id):
            found.append((elem.get("term") or "").strip())
    return [c for c in dict.fromkeys(found) if arxiv.is_category(c)]


def entry_to_paper(entry: ET.Element, source: str) -> Paper | None:
    """One `<entry>` -> a Paper (None without a title)."""
    raw_id = line_of(entry, ATOM, "id")
    found = arxiv.split_version(raw_id)
    arxiv_id = found[0] if found else None
    published, year = _date(line_of(entry, ATOM, "published") or line_of(entry, ATOM, "updated"))
    raw_abstract = arxiv.strip_announce(text_of(entry, ATOM, "summary")
                                        or text_of(entry, ATOM, "content"))
    comment = text_of(entry, ARXIV, "comment")
    authors = [clean_text(line_of(a, ATOM, "name")) for a in children(entry, ATOM, "author")]
    return make_paper(
        title=clean_text(text_of(entry, ATOM, "title")), source=source,
        abstract=clean_abstract(raw_abstract, paragraphs=True), raw_abstract=raw_abstract,
        authors=authors, year=year or (arxiv.year_of(arxiv_id) if arxiv_id else None),
        published=published, arxiv_id=arxiv_id, doi=line_of(entry, ARXIV, "doi") or None,
        urls=_links(entry, arxiv_id) + extract_urls(comment),
        venue=clean_text(text_of(entry, ARXIV, "journal_ref")) or None,
        categories=_categories(entry, arxiv_id),
    )


class ArxivAtomParser:
    """The `arxiv-atom` format (any Atom feed; arXiv's fields understood)."""

    name = "arxiv-atom"

    def sniff(self, head: str) -> bool:
        return ATOM in head and _SNIFF_ROOT.search(head) is not None

    def parse(self, text: str, source_name: str) -> ParseResult:
        root = parse_xml(text, source_name)
        if local(root.tag) != "feed":
            raise ParseError(f"not an Atom feed (root element <{local(root.tag)}>)",
                             path=source_name)
        source = source_label(self.name, source_name)
        papers: list[Paper] = []
        warnings: list[str] = []
        for index, entry in enumerate(children(root, ATOM, "entry"), 1):
            entry_id = line_of(entry, ATOM, "id")
            if "/api/errors" in entry_id:
                message = line_of(entry, ATOM, "summary") or entry_id
                warnings.append(f"{source_name}: entry {index}: arXiv API error: {message}")
                continue
            paper = entry_to_paper(entry, source)
            if paper is None:
                warnings.append(f"{source_name}: entry {entry_id or index}: no title, skipped")
                continue
            papers.append(paper)
        return ParseResult(papers=merge_duplicates(papers), warnings=warnings, fmt=self.name)


register(ArxivAtomParser())

__all__ = ["ArxivAtomParser", "entry_to_paper"]
