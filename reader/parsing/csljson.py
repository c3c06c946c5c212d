"""CSL-JSON ("csl-json"): the citation format of Zotero, Manubot, Pandoc, citeproc.

An array of items `{id, type, title, author[{given, family} | {literal}],
issued{date-parts | raw}, container-title, DOI, URL, abstract, note, number, ...}`.

- arXiv preprints are `type: report` with the id in `number`, publisher and
  container-title `arXiv`, the URL `https://arxiv.org/abs/<id>`, a Manubot note
  `standard_id: arxiv:<id>`, or a `10.48550/arXiv.<id>` DOI: all are checked.
- `date-parts` mix strings and ints (`[["2019"]]`, `[["2014", 1, 1]]`), some
  items have no `issued`; `raw` dates are read too.
- Titles and abstracts may hold CSL rich-text or JATS tags (`<i>`, `<jats:p>`).
"""

from __future__ import annotations

import html
import re
from typing import Any

from reader.ids import ARXIV_ID_RE, normalize_doi, paper_id
from reader.model import Paper
from reader.parsing.base import ParseResult, register
from reader.parsing.jsonutil import (
    date_parts,
    head_json_start,
    iso_date,
    load_json,
    parse_items,
    text_field,
)
from reader.parsing.links import extract_urls, merge_urls
from reader.text import clean_line

_TAG = re.compile(r"</?[a-zA-Z][\w:.-]*(?:\s[^<>]*)?/?>")
_CSL_TYPES = ("article-journal", "paper-conference", "report", "chapter", "book", "webpage",
              "article", "thesis", "manuscript", "post", "dataset", "entry-encyclopedia")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?(?:[?#]|$)", re.I)
_DOI_ID = re.compile(r"(?:doi:\s*)?10\.\d{4,9}/", re.I)
_STANDARD_ID = re.compile(r"standard_id:\s*arxiv:(\S+)", re.I)


def _rich(value: Any) -> str:
    """Text of a CSL rich-text value: tags dropped, entities (`&amp;`) decoded."""
    if not isinstance(value, str):
        return text_field(value)
    if "<" in value:
        value = _TAG.sub("", value)
    if "&" in value:
        value = html.unescape(value)
    return text_field(value)


def _arxiv_id(item: dict[str, Any]) -> str | None:
    candidates: list[str] = []
    note = item.get("note")
    if isinstance(note, str):
        candidates += _STANDARD_ID.findall(note)
    url = item.get("URL")
    if isinstance(url, str):
        candidates += _ARXIV_URL.findall(url)
    doi = item.get("DOI")
    if isinstance(doi, str) and normalize_doi(doi).startswith("10.48550/arxiv."):
        candidates.append(normalize_doi(doi)[len("10.48550/arxiv."):])
    where = " ".join(str(item.get(k) or "") for k in ("publisher", "container-title"))
    if "arxiv" in where.lower() and item.get("number") is not None:
        candidates.append(str(item["number"]))
    for text in candidates:
        m = ARXIV_ID_RE.search(text.strip())
        if m:
            return m.group(1)
    return None


def _key(value: Any) -> str:
    """The item's `id`, its citation key (a string, or a number in some files). An id
    that is a link or a DOI (a DOI resolver's record, Zotero's item URIs) is no key a
    writer would cite: "" then, and the store generates one."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        key = clean_line(str(value))
        if "://" in key or _DOI_ID.match(key):
            return ""
        return key
    return ""


def _author(value: Any) -> str:
    if isinstance(value, str):
        return text_field(value)
    if not isinstance(value, dict):
        return ""
    if value.get("literal"):
        return text_field(value["literal"])
    parts = [value.get(k) for k in ("given", "dropping-particle", "non-dropping-particle",
                                    "family")]
    name = " ".join(text_field(p) for p in parts if text_field(p))
    suffix = text_field(value.get("suffix"))
    return f"{name}, {suffix}" if name and suffix else name


def _issued(value: Any) -> tuple[str | None, int | None]:
    if not isinstance(value, dict):
        return None, None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = [*parts[0], None, None]
        return date_parts(first[0], first[1], first[2])
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            return iso_date(value[key])
    return None, None


class CslJsonParser:
    name = "csl-json"

    def sniff(self, head: str) -> bool:
        start = head_json_start(head)
        if start not in ("[", "{") or '"type"' not in head or '"title"' not in head:
            return False
        return any(f'"{t}"' in head for t in _CSL_TYPES) and any(
            k in head for k in ('"issued"', '"author"', '"container-title"', '"DOI"', '"URL"'))

    def parse(self, text: str, source_name: str) -> ParseResult:
        return parse_items(load_json(text, source_name), source_name, self._paper,
                           shape="CSL-JSON is an array of items",
                           single=lambda doc: "title" in doc)

    @staticmethod
    def _paper(item: Any) -> Paper:
        if not isinstance(item, dict):
            raise ValueError("not an object")
        title = _rich(item.get("title"))
        if not title:
            raise ValueError("no title")
        abstract = _rich(item.get("abstract"))
        arxiv_id = _arxiv_id(item)
        raw_doi = item.get("DOI")
        doi = normalize_doi(raw_doi) if isinstance(raw_doi, str) and raw_doi.strip() else None
        authors_raw = item.get("author")
        authors = [_author(a) for a in authors_raw] if isinstance(authors_raw, list) else []
        published, year = _issued(item.get("issued"))
        venue = _rich(item.get("container-title"))
        if venue.lower() == "arxiv":
            venue = ""
        own = [f"https://arxiv.org/abs/{arxiv_id}"] if arxiv_id else []
        url = item.get("URL")
        given = extract_urls(url) if isinstance(url, str) else []
        return Paper(id=paper_id(arxiv_id, doi, title), title=title, abstract=abstract,
                     authors=[a for a in authors if a], year=year, published=published,
                     arxiv_id=arxiv_id, doi=doi, urls=merge_urls(own, given,
                                                                extract_urls(abstract)),
                     venue=venue or None, key=_key(item.get("id")))


register(CslJsonParser())
