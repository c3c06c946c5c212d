"""`reader add`: arXiv ids, DOIs and links to papers in the library, their metadata
fetched (all arXiv ids in one request per 100, one request per DOI). A paper already
in the library (by id, by arXiv id or DOI under another id, or by title) gains the
metadata it lacks; its reading state is never touched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.ids import PaperRef, parse_ref
from reader.model import Paper
from reader.net import Client
from reader.sources import arxiv, doi
from reader.store import ImportReport, Library

__all__ = ["Added", "add_refs"]


@dataclass(slots=True)
class Added:
    """What became of one argument."""

    given: str
    outcome: str
    """added | updated | unchanged | not found | not an id"""
    paper_id: str = ""
    title: str = ""

    def line(self) -> str:
        if self.outcome == "not an id":
            return (f"not an id: {self.given!r} (expected an arXiv id or link, a DOI or "
                    "a Hugging Face paper link)")
        if self.outcome == "not found":
            return f"not found: {self.given}"
        return f"{self.outcome}: {self.paper_id}  {self.title}"

    @property
    def failed(self) -> bool:
        return self.outcome in ("not found", "not an id")


def _fetch(http: Client, refs: list[PaperRef], found: dict[PaperRef, Paper]) -> None:
    """Fill `found` as records arrive (arXiv ids first, in batches, then each DOI)."""
    ids = [r.value for r in refs if r.kind == "arxiv"]
    for feed in arxiv.by_ids(http, ids):
        by_id = {p.arxiv_id: p for p in feed.papers if p.arxiv_id}
        found.update((r, by_id[r.value]) for r in refs if r.kind == "arxiv" and r.value in by_id)
    for ref in refs:
        if ref.kind == "doi":
            paper = doi.lookup(http, ref.value)
            if paper is not None:
                found[ref] = paper


def _store(library: Library, found: dict[PaperRef, Paper]) -> ImportReport | None:
    papers = list({p.id: p for p in found.values()}.values())
    return library.add_papers(papers) if papers else None


def add_refs(library: Library, http: Client, given: list[str],
             report: Callable[[Added], None] | None = None) -> list[Added]:
    """Fetch and merge each of `given` (one write); one Added per argument, in order,
    also passed to `report`. A network fault (NetError) or a cancel still stores what
    was fetched before it, then raises."""
    refs = {text: parse_ref(text) for text in given}
    wanted = list(dict.fromkeys(r for r in refs.values() if r is not None))
    found: dict[PaperRef, Paper] = {}
    try:
        _fetch(http, wanted, found)
    except BaseException:
        _store(library, found)
        raise
    merged = _store(library, found)
    out = []
    for text, ref in refs.items():
        if ref is None:
            result = Added(text, "not an id")
        elif ref not in found or merged is None:
            result = Added(text, "not found")
        else:
            paper = found[ref]
            target = merged.merged.get(paper.id, paper.id)
            result = Added(text, merged.outcome(paper.id), target, paper.title)
        out.append(result)
        if report is not None:
            report(result)
    return out
