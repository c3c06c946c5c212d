"""Adding a cited paper to the library: through `reader add`'s path (its metadata
fetched from arXiv or the DOI resolver) when the reference has an arXiv id or a DOI,
else by its title into the Inbox (also the fallback when the network fails, so the
paper is not lost: `reader resolve` can complete it later)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from reader.fulltext.document import Reference
from reader.ids import paper_id
from reader.model import Paper
from reader.store import Library
from reader.text import clean_line

MAX_TITLE = 300


@dataclass(frozen=True, slots=True)
class AddedReference:
    paper_id: str
    how: str
    """What happened, for a notification: "added from arXiv", "added by its title"..."""


def reference_paper(ref: Reference, citing: Paper, now: datetime | None = None) -> Paper:
    """The paper a reference names, with what the reference itself says."""
    title = clean_line(ref.title or ref.text)[:MAX_TITLE] or clean_line(ref.text)[:MAX_TITLE]
    when = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return Paper(id=paper_id(ref.arxiv_id, ref.doi, title), title=title,
                 arxiv_id=ref.arxiv_id, doi=ref.doi, urls=list(ref.urls),
                 source=f"reference:{citing.id}", added_at=when)


def add_reference(library: Library, ref: Reference, citing: Paper) -> AddedReference:
    """Add the paper `ref` cites (slow: it may ask the network; call in a worker)."""
    given = f"arXiv:{ref.arxiv_id}" if ref.arxiv_id else ref.doi
    problem = ""
    if given:
        from reader.net import Client, NetError
        from reader.sources.adding import add_refs

        try:
            with Client() as http:
                result = add_refs(library, http, [given])[0]
        except NetError as exc:
            problem = f" (offline? {exc.kind})"
        else:
            if not result.failed:
                source = "arXiv" if ref.arxiv_id else "the DOI"
                return AddedReference(result.paper_id, f"{result.outcome} from {source}")
            problem = f" ({given} was not found)"
    paper = reference_paper(ref, citing)
    report = library.add_papers([paper])
    target = report.merged.get(paper.id, paper.id)
    return AddedReference(target, f"{report.outcome(paper.id)} by its title{problem}")
