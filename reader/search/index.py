"""The search index (CONTRACT STUB)."""

from __future__ import annotations

from collections.abc import Iterable

from reader.model import Entry
from reader.search.query import Query


class SearchIndex:
    def __init__(self, entries: Iterable[Entry]) -> None:
        raise NotImplementedError

    def update(self, entry: Entry) -> None:
        raise NotImplementedError

    def search(self, query: Query | str) -> list[str]:
        raise NotImplementedError

    def related(self, paper_id: str, k: int = 10) -> list[tuple[str, float]]:
        raise NotImplementedError
