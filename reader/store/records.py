"""Pure helpers of the store: documents <-> objects, metadata merge, tag cleaning."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reader.model import HistoryEntry, Paper, ReadingState
from reader.text import clean_line

PAPER_FIELDS = ("id", "title", "abstract", "authors", "year", "published", "arxiv_id",
                "doi", "urls", "venue", "source", "added_at")
_FILLABLE = ("title", "abstract", "authors", "year", "published", "arxiv_id", "doi",
             "urls", "venue")


def paper_doc(paper: Paper) -> dict[str, Any]:
    """The stored document of a paper (faster than dataclasses.asdict)."""
    return {
        "id": paper.id, "title": paper.title, "abstract": paper.abstract,
        "authors": list(paper.authors), "year": paper.year, "published": paper.published,
        "arxiv_id": paper.arxiv_id, "doi": paper.doi, "urls": list(paper.urls),
        "venue": paper.venue, "source": paper.source, "added_at": paper.added_at,
    }


def fill_missing(old: Paper, new: Paper) -> dict[str, Any]:
    """Fields of `old` that are empty and that `new` knows: the merge of an import."""
    fields: dict[str, Any] = {}
    for name in _FILLABLE:
        have = getattr(old, name)
        got = getattr(new, name)
        if not have and got:
            fields[name] = list(got) if isinstance(got, list) else got
    return fields


def copy_state(state: ReadingState) -> ReadingState:
    """A deep copy (results are shared with callers and must never be mutated)."""
    return ReadingState(
        paper_id=state.paper_id, status=state.status, rating=state.rating,
        tags=list(state.tags), note=state.note,
        history=[HistoryEntry(h.at, h.status, h.previous) for h in state.history],
        updated_at=state.updated_at, queue_pos=state.queue_pos,
    )


def clean_tags(tags: Iterable[str]) -> list[str]:
    """User tags -> stored tags: sanitized, `#` and commas split off, spaces to dashes,
    lower-case, no empties, no duplicates, order kept."""
    out: list[str] = []
    for raw in tags:
        for part in str(raw).split(","):
            tag = clean_line(part).lstrip("#").strip().lower().replace(" ", "-")
            if tag and tag not in out:
                out.append(tag)
    return out
