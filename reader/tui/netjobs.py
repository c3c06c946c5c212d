"""The network jobs the app runs in a worker (NetJobBar): add, fetch, resolve. Plain
functions of a JobContext (no Textual here): they write through the app's Library as
each batch arrives, report progress, and return the one line the app notifies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the HTTP client is imported by the job's worker, not at start-up)
    from reader.net import Client
    from reader.store import Library

__all__ = ["JobContext", "NetJob", "add_job", "arxiv_job", "hf_daily_job", "resolve_job"]


@dataclass(slots=True)
class JobContext:
    library: Library
    http: Client
    progress: Callable[[int, int | None, str], None]
    """(done, total or None when unknown, what is happening)"""
    arrived: Callable[[], None]
    """Papers were written: the app shows them."""


@dataclass(slots=True)
class NetJob:
    title: str
    """What the progress bar says ("Resolving titles")."""
    run: Callable[[JobContext], str]
    """Does the work; returns the summary line."""
    paper_id: str | None = None
    """The one paper the job is about, if any (`o` on a paper without a link)."""


def _count(outcomes: list[str]) -> str:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    return ", ".join(f"{n} {what}" for what, n in counts.items()) or "nothing"


def add_job(refs: list[str]) -> NetJob:
    def run(ctx: JobContext) -> str:
        from reader.sources.adding import add_refs

        ctx.progress(0, None, f"fetching {len(refs)} paper{'s' if len(refs) != 1 else ''}")
        results = add_refs(ctx.library, ctx.http, refs)
        ctx.arrived()
        missing = [r.given for r in results if r.failed]
        text = _count([r.outcome for r in results])
        return text + (f" ({', '.join(missing[:3])})" if missing else "")
    return NetJob("Adding papers", run)


def hf_daily_job(date: str | None = None) -> NetJob:
    def run(ctx: JobContext) -> str:
        from reader.sources.listing import fetch_hf_daily

        ctx.progress(0, None, "asking Hugging Face")
        done = fetch_hf_daily(ctx.library, ctx.http, date)
        ctx.arrived()
        return done.line(f"Hugging Face daily papers ({date or 'latest'})")
    return NetJob("Fetching Hugging Face daily papers", run)


def arxiv_job(text: str, limit: int = 200) -> NetJob:
    """A category (`cs.LG`) or a query; ValueError for neither."""
    from reader.sources import arxiv

    words = text.strip()
    if not words:
        raise ValueError("type an arXiv category (cs.LG) or a search")
    try:
        query = arxiv.category_query(words)
    except ValueError:
        query = arxiv.user_query(words)

    def run(ctx: JobContext) -> str:
        from reader.sources.listing import Fetched, fetch_arxiv

        def page(done: Fetched, total: int | None) -> None:
            got = done.added + done.updated + done.unchanged
            ctx.progress(got, min(limit, total) if total is not None else limit,
                         f"{done.added} new")
            ctx.arrived()

        ctx.progress(0, limit, "asking arXiv")
        return fetch_arxiv(ctx.library, ctx.http, query, limit=limit,
                           progress=page).line(f"arXiv {words}")
    return NetJob(f"Fetching arXiv {words}", run)


def resolve_job(ids: list[str] | None = None) -> NetJob:
    def run(ctx: JobContext) -> str:
        from reader.sources.resolving import Resolved, pending, resolve

        papers = pending(ctx.library, ids)
        if not papers:
            return "nothing to resolve: every paper has an arXiv id or a DOI"
        outcomes: list[str] = []

        def batch(results: list[Resolved]) -> None:
            outcomes.extend(r.outcome for r in results)
            ctx.progress(len(outcomes), len(papers), _count(outcomes))
            if any(r.outcome == "resolved" for r in results):
                ctx.arrived()

        ctx.progress(0, len(papers), "asking arXiv")
        resolve(ctx.library, ctx.http, papers, report=batch)
        return f"{_count(outcomes)} of {len(papers)}"
    title = "Resolving titles" if ids is None else "Looking the title up on arXiv"
    return NetJob(title, run, paper_id=ids[0] if ids and len(ids) == 1 else None)
