"""The query language (CONTRACT STUB)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Query:
    text: str
    errors: list[str] = field(default_factory=list)
    highlight_terms: list[str] = field(default_factory=list)
    sort: str | None = None
    """None (ranked), 'rating', 'year', 'added', 'title'."""

    @property
    def is_empty(self) -> bool:
        raise NotImplementedError


def parse_query(text: str) -> Query:
    raise NotImplementedError
