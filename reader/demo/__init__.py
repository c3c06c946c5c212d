"""The bundled demo library (our own text, in the plain-text page layout).

`listing.txt` is a made-up Hugging Face Papers page copy (24 invented papers,
with the page chrome a real copy has), imported with the real parser.
`states.json` adds author names (the page layout has none) and reading
states spread over the past weeks, so every screen has something to show:
shelves, ratings, tags, Markdown notes, history for the statistics.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from reader.model import HistoryEntry, Paper, ReadingState, Status
from reader.parsing import parse_text

LISTING = "listing.txt"
STATES = "states.json"


def _data(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _stamp(now: datetime, days_ago: float) -> str:
    return (now - timedelta(days=days_ago)).isoformat(timespec="seconds")


def _state(paper_id: str, spec: dict[str, Any], now: datetime) -> ReadingState:
    history: list[HistoryEntry] = []
    previous: Status | None = Status.NEW
    for status, days_ago in spec.get("history", []):
        history.append(HistoryEntry(at=_stamp(now, days_ago), status=Status(status),
                                    previous=previous))
        previous = Status(status)
    return ReadingState(
        paper_id=paper_id, status=previous or Status.NEW, rating=spec.get("rating"),
        tags=list(spec.get("tags", [])), note=spec.get("note", ""), history=history,
        updated_at=history[-1].at if history else None)


def demo_entries(now: datetime | None = None) -> tuple[list[Paper], dict[str, ReadingState]]:
    """The demo papers and their reading states, timed relative to `now`."""
    now = now or datetime.now(UTC)
    papers = parse_text(_data(LISTING), source_name=LISTING).papers
    specs = json.loads(_data(STATES))["papers"]
    states: dict[str, ReadingState] = {}
    out: list[Paper] = []
    for index, paper in enumerate(papers):
        spec = next((s for s in specs if paper.title.startswith(s["title"])), None)
        first_seen = (max(d for _, d in spec["history"]) + 1) if spec and spec.get("history") \
            else index % 7 + 0.5
        paper = replace(paper, added_at=_stamp(now, first_seen),
                        authors=list(spec.get("authors", [])) if spec else [])
        state = _state(paper.id, spec, now) if spec else None
        if state is not None and not state.is_default:  # some specs only name authors
            states[paper.id] = state
        out.append(paper)
    return out, states


def build_demo_library(path: Path, now: datetime | None = None) -> None:
    """Create a library at `path` from the demo listing, with a few reading states
    so every screen looks alive."""
    from reader.store import Library

    papers, states = demo_entries(now)
    with Library.open(path, create=True) as library:
        library.add_papers(papers, states=states)


__all__ = ["build_demo_library", "demo_entries"]
