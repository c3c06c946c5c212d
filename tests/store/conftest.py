"""Fixtures of the store tests: libraries in memory and on disk, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import FakeClock, make_papers

from reader.store import Library


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
