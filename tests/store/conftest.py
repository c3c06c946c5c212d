"""Fixtures of the store tests: libraries in memory and on disk, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.model import Paper
from reader.store import Library


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


@pytest.fixture(params=["memory", "disk"])
def storage_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def lib(storage_kind: str, tmp_path: Path, clock: FakeClock) -> Iterator[Library]:
    path = None if storage_kind == "memory" else tmp_path / "lib" / "library.json"
    with Library.open(path, clock=clock) as library:
        library.add_papers(make_papers(5))
        yield library
