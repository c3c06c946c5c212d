"""Helpers shared by the store tests (a module with its own name: `conftest` is
ambiguous when several test folders have one)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reader.model import Paper


class FakeClock:
    """Starts at 2026-01-01 12:00 UTC and advances one minute per call."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def make_papers(n: int, prefix: str = "2401") -> list[Paper]:
    return [Paper(id=f"arxiv:{prefix}.{i:05d}", title=f"Paper number {i}",
                  abstract=f"Abstract of paper {i}.", authors=[f"Ada Lovelace{i}"],
                  year=2024, arxiv_id=f"{prefix}.{i:05d}", source="test:fixture")
            for i in range(n)]
