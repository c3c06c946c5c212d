"""`reader resolve`: papers known only by title (a pasted page) to their arXiv records.

Titles are searched TITLE_BATCH at a time (one arXiv request each); each batch's
matches are written before the next request, so ctrl+c, a crash or a network
fault keeps what was resolved, and the next run goes on with the papers still
without an arXiv id. A match fills the metadata the paper lacks (arXiv id,
authors, date, links...) under the paper's own id, which never changes: the
arXiv id becomes an alias of it. Reading state is never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from reader.errors import UnknownPaperError
from reader.model import Paper
from reader.net import Client
from reader.sources import arxiv
from reader.sources.matching import match
from reader.store import Library

__all__ = ["Resolved", "pending", "resolve"]


@dataclass(slots=True)
class Resolved:
    """What became of one paper."""

    paper_id: str
    title: str
    outcome: str
    """resolved | no match | ambiguous | duplicate"""
    arxiv_id: str = ""
    candidates: list[str] = field(default_factory=list)
    """arXiv ids of the ambiguous candidates, or the paper a duplicate already is."""

    def line(self) -> str:
        if self.outcome == "resolved":
            return f"resolved: {self.paper_id} -> arXiv {self.arxiv_id}  {self.title}"
        if self.outcome == "ambiguous":
            return (f"ambiguous: {self.paper_id}  {self.title} (candidates: "
                    f"{', '.join(self.candidates)})")
        if self.outcome == "duplicate":
            return (f"duplicate: {self.paper_id}  {self.title} (arXiv {self.arxiv_id} is "
                    f"already {self.candidates[0]})")
        return f"no match: {self.paper_id}  {self.title}"


def pending(library: Library, ids: Iterable[str] | None = None) -> list[Paper]:
    """The papers to resolve: `ids` (resolved from prefixes), else every paper with a
    title and neither an arXiv id nor a DOI. Papers that have an arXiv id are skipped."""
    if ids is not None:
        papers = [library.paper(library.resolve(i)) for i in ids]
        return list({p.id: p for p in papers if not p.arxiv_id}.values())
    return [p for p in library.papers() if not p.arxiv_id and not p.doi and p.title.strip()]


def _holder(library: Library, arxiv_id: str) -> str | None:
    """The paper that already has `arxiv_id` (as its id or an alias), if any."""
    try:
        pid = library.resolve(f"arxiv:{arxiv_id}")
    except UnknownPaperError:
        return None
    return pid if library.paper(pid).arxiv_id == arxiv_id else None


def _judge(library: Library, paper: Paper, records: list[Paper],
           claimed: dict[str, str]) -> tuple[Resolved, Paper | None]:
    found = match(paper, records)
    if found.kind == "ambiguous":
        return Resolved(paper.id, paper.title, "ambiguous",
                        candidates=[r.arxiv_id or r.id for r in found.records]), None
    record = found.record
    if record is None or not record.arxiv_id:
        return Resolved(paper.id, paper.title, "no match"), None
    holder = claimed.get(record.arxiv_id) or _holder(library, record.arxiv_id)
    if holder is not None and holder != paper.id:
        return Resolved(paper.id, paper.title, "duplicate", record.arxiv_id, [holder]), None
    claimed[record.arxiv_id] = paper.id
    return (Resolved(paper.id, paper.title, "resolved", record.arxiv_id),
            replace(record, id=paper.id))


def resolve(library: Library, http: Client, papers: list[Paper], *,
            batch: int = arxiv.TITLE_BATCH,
            report: Callable[[list[Resolved]], None] | None = None) -> list[Resolved]:
    """Resolve `papers` batch by batch; each batch written, then passed to `report`.
    NetError or FetchCancelled stops between batches; what was written stays.

    A batch whose results were cut (more matches than one page: a short, common
    title) asks again for its unmatched titles one by one, after the other batches."""
    out: list[Resolved] = []
    work = [papers[i:i + batch] for i in range(0, len(papers), batch)]
    while work:
        chunk = work.pop(0)
        feed = arxiv.search_titles(http, [p.title for p in chunk])
        cut = feed.total is not None and feed.total > len(feed.papers) and len(chunk) > 1
        results, updates, again = [], [], []
        claimed: dict[str, str] = {}
        for paper in chunk:
            result, update = _judge(library, paper, feed.papers, claimed)
            if cut and result.outcome == "no match":
                again.append(paper)
                continue
            results.append(result)
            if update is not None:
                updates.append(update)
        if updates:
            library.add_papers(updates)
        work.extend([p] for p in again)
        out.extend(results)
        if report is not None:
            report(results)
    return out
