"""Building clean Paper objects from the loose fields of bibliographic records.

Shared by the BibTeX, RIS, arXiv Atom and arXiv RSS parsers: the id rules,
DOI hygiene, abstract cleanup and link gathering live in one place, and so does
the rule for a file that names one paper twice (merged, first record wins,
later records only fill what is missing). Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from reader.ids import normalize_doi, paper_id
from reader.model import Paper
from reader.parsing import arxiv
from reader.parsing.latex import latex_to_text
from reader.parsing.links import extract_urls, merge_urls
from reader.text import clean_line, normalize_title, sanitize

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_MAX_MERGED_URLS = 50
_ESCAPED = re.compile(r"\\([_%&#$~])")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2\d\d\d)(?!\d)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n[ \t]+")


def source_label(fmt: str, source_name: str) -> str:
    """`Paper.source`: the format and the file's base name."""
    return f"{fmt}:{Path(source_name).name}"


def clean_doi(value: str | None) -> str | None:
    """A lower-case bare DOI (`10.x/y`) or None when `value` holds none."""
    if not value:
        return None
    value = _ESCAPED.sub(r"\1", value).replace("{", "").replace("}", "")
    m = _DOI.search(normalize_doi(clean_line(value)))
    return m.group(0).rstrip(".,;") if m else None


def unescape_url(value: str) -> str:
    """BibTeX escapes in a link or DOI (`a\\_b`, `50\\%20`) -> the plain characters."""
    return _ESCAPED.sub(r"\1", value)


def year_in(text: str | None) -> int | None:
    """The first plausible year (1500-2999) in a date-ish string."""
    if not text:
        return None
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def clean_text(text: str | None, *, latex: bool = True) -> str:
    """One clean line: LaTeX converted (unless told not), controls removed, spaces collapsed."""
    if not text:
        return ""
    return clean_line(latex_to_text(text) if latex else text)


def clean_abstract(text: str | None, *, paragraphs: bool = False, latex: bool = True) -> str:
    """A clean abstract. With `paragraphs`, an indented or blank line starts a new one
    (arXiv Atom keeps `\\n  ` breaks); otherwise all whitespace collapses."""
    if not text:
        return ""
    if not paragraphs:
        return clean_text(text, latex=latex)
    text = sanitize(text).strip()
    parts = (clean_text(p, latex=latex) for p in _PARAGRAPH.split(text))
    return "\n".join(p for p in parts if p)


def _links(text: str) -> list[str]:
    """The cleaned links in `text` (control characters removed first)."""
    if "http" not in text and "HTTP" not in text:
        return []
    return extract_urls(sanitize(text, multiline=False))


def make_paper(*, title: str, source: str, abstract: str = "", raw_abstract: str = "",
               authors: Iterable[str] = (), year: int | None = None,
               published: str | None = None, arxiv_id: str | None = None,
               doi: str | None = None, urls: Iterable[str] = (),
               venue: str | None = None, key: str = "",
               categories: Iterable[str] = ()) -> Paper | None:
    """A Paper with its stable id, or None when there is no title to show.

    `title`, `abstract` and `venue` must already be clean lines; `raw_abstract`
    (default: `abstract`) is searched for links. `key` is the record's citation key
    (kept as the file gives it; the store cleans it and makes it unique).
    """
    if not title:
        return None
    doi = clean_doi(doi)
    if not arxiv_id and doi:
        arxiv_id = arxiv.in_doi(doi)
    record_urls = [u for x in urls for u in _links(x)]
    links = _links(raw_abstract or abstract)
    if published and year is None:
        year = year_in(published)
    return Paper(
        id=paper_id(arxiv_id, doi, title),
        title=title,
        abstract=abstract,
        authors=[a for a in authors if a],
        year=year,
        published=published,
        arxiv_id=arxiv_id or None,
        doi=doi,
        urls=merge_urls(record_urls, links),
        venue=venue or None,
        source=source,
        key=clean_line(key),
        categories=list(dict.fromkeys(c for c in map(clean_line, categories) if c)),
    )


def merge_duplicates(papers: Iterable[Paper]) -> list[Paper]:
    """One Paper per id, in first-seen order; later copies fill empty fields only.
    Two records with the same citation key and title are one paper too, even when only
    one of them carries the DOI or arXiv id (a bibliography repeating an entry)."""
    by_id: dict[str, Paper] = {}
    by_key: dict[tuple[str, str], str] = {}
    for paper in papers:
        first = by_id.get(paper.id)
        if first is None and paper.key:
            same = (paper.key, normalize_title(paper.title))
            first = by_id.get(by_key.setdefault(same, paper.id))
        if first is None:
            by_id[paper.id] = paper
            continue
        for name in ("abstract", "year", "published", "arxiv_id", "doi", "venue", "key"):
            if not getattr(first, name) and getattr(paper, name):
                setattr(first, name, getattr(paper, name))
        if not first.authors:
            first.authors = list(paper.authors)
        if not first.categories:
            first.categories = list(paper.categories)
        if len(first.urls) < _MAX_MERGED_URLS:  # a file naming one paper 10,000 times
            first.urls = merge_urls(first.urls, paper.urls)
    return list(by_id.values())


__all__ = ["clean_abstract", "clean_doi", "clean_text", "make_paper", "merge_duplicates",
           "source_label", "unescape_url", "year_in"]
