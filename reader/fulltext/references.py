"""The reference list of a LaTeXML page, each entry with the arXiv id, DOI and links
it contains, and the match of a reference to a paper already in the library."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.fulltext.document import Reference
from reader.fulltext.htmltree import Node
from reader.fulltext.inline import plain, plain_label
from reader.ids import ARXIV_ID_RE, normalize_doi
from reader.model import Entry
from reader.text import clean_line, normalize_title

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_ARXIV_CONTEXT = re.compile(r"arxiv", re.I)
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/([^\s?#]+?)(?:\.pdf)?/?(?:[?#]|$)", re.I)
_DOI_URL = re.compile(r"doi\.org/(10\.[^\s?#]+)", re.I)
_TRAILING = ".,;:)]}'\""


def read_bibliography(section: Node) -> list[Reference]:
    refs: list[Reference] = []
    for item in section.iter():
        if item.tag != "li" or not item.has("ltx_bibitem"):
            continue
        tag = item.find("ltx_tag_bibitem") or item.find("ltx_tag")
        label = plain_label(tag) if tag is not None else f"[{len(refs) + 1}]"
        blocks = [b for b in item.iter() if b.has("ltx_bibblock")]
        parts = [plain(b) for b in blocks] if blocks else [plain(_without(item, tag))]
        text = " ".join(p for p in parts if p)
        links = [clean_line(a.attrs["href"]) for a in item.iter()
                 if a.tag == "a" and a.attrs.get("href", "").startswith(("http://", "https://"))]
        ref = Reference(item.attrs.get("id", "") or f"ref{len(refs) + 1}", label, text,
                        title=_title_guess(parts))
        _find_ids(ref, text, links)
        refs.append(ref)
    return refs


def _without(node: Node, drop: Node | None) -> Node:
    holder = Node("span", {})
    holder.children = [c for c in node.children if c is not drop]
    return holder


def _title_guess(parts: list[str]) -> str:
    """LaTeXML splits an entry at BibTeX's \\newblock: authors, title, venue."""
    if len(parts) >= 2:
        return parts[1].strip().rstrip(".").strip()
    pieces = [p.strip() for p in (parts[0] if parts else "").split(". ") if p.strip()]
    return pieces[1].rstrip(".") if len(pieces) >= 2 else (pieces[0] if pieces else "")


def _find_ids(ref: Reference, text: str, links: list[str]) -> None:
    for url in links:
        arxiv = _ARXIV_URL.search(url)
        if arxiv and ref.arxiv_id is None:
            found = ARXIV_ID_RE.search(arxiv.group(1))
            if found:
                ref.arxiv_id = found.group(1)
        doi = _DOI_URL.search(url)
        if doi and ref.doi is None:
            ref.doi = normalize_doi(doi.group(1).rstrip(_TRAILING))
        if url not in ref.urls:
            ref.urls.append(url)
    if ref.arxiv_id is None and _ARXIV_CONTEXT.search(text):
        found = ARXIV_ID_RE.search(text)
        if found:
            ref.arxiv_id = found.group(1)
    if ref.doi is None:
        doi = _DOI.search(text)
        if doi:
            ref.doi = normalize_doi(doi.group(1).rstrip(_TRAILING))
    if ref.doi and ref.doi.startswith("10.48550/arxiv.") and ref.arxiv_id is None:
        ref.arxiv_id = ref.doi.removeprefix("10.48550/arxiv.")


@dataclass(slots=True)
class LibraryIndex:
    """Papers of the library by arXiv id, DOI and normalised title."""

    by_arxiv: dict[str, str]
    by_doi: dict[str, str]
    by_title: dict[str, str]

    @classmethod
    def build(cls, entries: Iterable[Entry], refs: Iterable[Reference] = ()) -> LibraryIndex:
        """The papers of `entries` that may be one of `refs` (by arXiv id, DOI, or a
        title with the same first letters): one cheap pass, even over 100k papers."""
        refs = list(refs)
        arxiv = {r.arxiv_id.lower() for r in refs if r.arxiv_id}
        dois = {r.doi.lower() for r in refs if r.doi}
        heads = {r.title[:4].lower() for r in refs if r.title}
        index = cls({}, {}, {})
        for entry in entries:
            paper = entry.paper
            if paper.arxiv_id and paper.arxiv_id.lower() in arxiv:
                index.by_arxiv[paper.arxiv_id.lower()] = paper.id
            if paper.doi and paper.doi.lower() in dois:
                index.by_doi[paper.doi.lower()] = paper.id
            if paper.title[:4].lower() in heads:
                title = normalize_title(paper.title)
                if len(title) >= 12:
                    index.by_title.setdefault(title, paper.id)
        return index

    def match(self, ref: Reference) -> str | None:
        """The id of the library's paper that `ref` cites, if any."""
        if ref.arxiv_id and ref.arxiv_id.lower() in self.by_arxiv:
            return self.by_arxiv[ref.arxiv_id.lower()]
        if ref.doi and ref.doi.lower() in self.by_doi:
            return self.by_doi[ref.doi.lower()]
        title = normalize_title(ref.title)
        if len(title) >= 12 and title in self.by_title:
            return self.by_title[title]
        return None
