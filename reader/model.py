"""Plain data: the catalogue (Paper) and the user's reading state.

Layer 1. No I/O, no Textual, no TinyDB. Converters to and from plain dicts
live here so every layer agrees on one shape: parsers, store, exports and the app.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Where a paper stands in the user's reading."""

    NEW = "new"
    TO_READ = "to-read"
    READING = "reading"
    READ = "read"
    SKIPPED = "skipped"

    @classmethod
    def parse(cls, text: str) -> Status:
        """Accept the value and a few spellings users type (`toread`, `done`)."""
        key = text.strip().lower().replace("_", "-").replace(" ", "-")
        aliases = {"toread": "to-read", "todo": "to-read", "done": "read", "skip": "skipped"}
        key = aliases.get(key, key)
        try:
            return cls(key)
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown status {text!r} (choose from {choices})") from None


STATUS_GLYPHS: dict[Status, str] = {
    Status.NEW: "●",
    Status.TO_READ: "◆",
    Status.READING: "◐",
    Status.READ: "✓",
    Status.SKIPPED: "✗",
}


@dataclass(slots=True)
class Paper:
    """One paper of the catalogue. Written on import, never by reading."""

    id: str
    """Stable id: `arxiv:<id>`, else `doi:<doi>`, else `title:<hash>` (see ids.py)."""
    title: str
    abstract: str = ""
    authors: list[str] = field(default_factory=list)
    """Display names, "Given Family", in the order of the source."""
    year: int | None = None
    published: str | None = None
    """ISO date (YYYY-MM-DD) when known."""
    arxiv_id: str | None = None
    """Without version, e.g. `2401.00001` or `cond-mat/0412498`."""
    doi: str | None = None
    """Lower-case, without `https://doi.org/`."""
    urls: list[str] = field(default_factory=list)
    """Code, project and paper links, cleaned of trailing punctuation."""
    venue: str | None = None
    source: str = ""
    """`<format>:<file name>` of the first import that brought the paper."""
    added_at: str = ""
    """ISO timestamp (UTC) of the first import."""
    key: str = ""
    """Citation key (`vaswani2017attention`): from the imported file, else generated
    once (citekeys.py); unique in a library, changed only by `reader rekey`."""
    categories: list[str] = field(default_factory=list)
    """arXiv categories (`cs.LG`), the primary one first, as arXiv lists them. A
    record stored before this field existed has none."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        return cls(
            id=str(data["id"]),
            title=str(data.get("title") or ""),
            abstract=str(data.get("abstract") or ""),
            authors=[str(a) for a in data.get("authors") or []],
            year=int(data["year"]) if data.get("year") is not None else None,
            published=data.get("published") or None,
            arxiv_id=data.get("arxiv_id") or None,
            doi=data.get("doi") or None,
            urls=[str(u) for u in data.get("urls") or []],
            venue=data.get("venue") or None,
            source=str(data.get("source") or ""),
            added_at=str(data.get("added_at") or ""),
            key=str(data.get("key") or ""),
            categories=[str(c) for c in data.get("categories") or []],
        )


@dataclass(slots=True)
class HistoryEntry:
    """One status change, timestamped (ISO, UTC)."""

    at: str
    status: Status
    previous: Status | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "status": self.status.value,
            "previous": self.previous.value if self.previous else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HistoryEntry:
        prev = data.get("previous")
        return cls(at=str(data["at"]), status=Status(data["status"]),
                   previous=Status(prev) if prev else None)


@dataclass(slots=True)
class ReadingState:
    """What the user did with one paper. The part that must never be lost."""

    paper_id: str
    status: Status = Status.NEW
    rating: int | None = None
    """None or 1..5."""
    tags: list[str] = field(default_factory=list)
    note: str = ""
    """Markdown text."""
    history: list[HistoryEntry] = field(default_factory=list)
    updated_at: str | None = None
    queue_pos: float | None = None
    """Position in the to-read queue (lower first); None = by rating, then added."""

    @property
    def is_default(self) -> bool:
        """True when nothing was ever recorded for the paper."""
        return (self.status is Status.NEW and self.rating is None and not self.tags
                and not self.note and not self.history and self.queue_pos is None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "paper_id": self.paper_id,
            "status": self.status.value,
            "rating": self.rating,
            "tags": list(self.tags),
            "note": self.note,
            "history": [h.to_dict() for h in self.history],
            "updated_at": self.updated_at,
            "queue_pos": self.queue_pos,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReadingState:
        rating = data.get("rating")
        return cls(
            paper_id=str(data["paper_id"]),
            status=Status(data.get("status") or "new"),
            rating=int(rating) if rating else None,
            tags=[str(t) for t in data.get("tags") or []],
            note=str(data.get("note") or ""),
            history=[HistoryEntry.from_dict(h) for h in data.get("history") or []],
            updated_at=data.get("updated_at"),
            queue_pos=data.get("queue_pos"),
        )


@dataclass(slots=True)
class Entry:
    """A paper with its reading state: what the UI, search and exports see."""

    paper: Paper
    state: ReadingState

    def to_dict(self) -> dict[str, Any]:
        """The `--json` shape: paper fields plus status, rating, tags, note."""
        data = self.paper.to_dict()
        data.update(
            status=self.state.status.value,
            rating=self.state.rating,
            tags=list(self.state.tags),
            note=self.state.note,
        )
        return data
