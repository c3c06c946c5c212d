"""The first-screen cache computed from plain entries (no view of the app): the same
rows and counts as the app's sidebar and Inbox show once the library has loaded."""

from __future__ import annotations

import random
from pathlib import Path

from reader.model import Entry, Paper, ReadingState, Status
from reader.store import Library, first_screen
from reader.tui.state import LibraryView


def _entries(n: int, seed: int) -> list[Entry]:
    rng = random.Random(seed)
    tags = ["ml", "Émile", "emile", "zeta", "Alpha", "to do"]
    entries = []
    for i in range(n):
        pid = f"p{i:04d}"
        state = ReadingState(pid, status=rng.choice(list(Status)),
                             rating=rng.choice([None, 1, 5]),
                             tags=rng.sample(tags, rng.randrange(3)))
        entries.append(Entry(Paper(id=pid, title=f"Paper {i}", year=2000 + i % 20), state))
    return entries


def _as_the_app_shows(entries: list[Entry]) -> tuple[list[str], dict[str, int]]:
    view = LibraryView(entries, {"later": "status:to-read"}, index=False)
    ids, _ = view.visible(view.shelf("status:new"))
    counts = {shelf.key: n for shelf, n in view.shelves() if n is not None}
    return ids[:first_screen.ROWS], counts


def test_first_rows_are_the_inbox_and_the_sidebar_counts_the_app_shows() -> None:
    for n, seed in [(0, 1), (7, 2), (400, 3), (1000, 4)]:
        entries = _entries(n, seed)
        rows, counts = first_screen.first_rows(entries)
        ids, expected = _as_the_app_shows(entries)
        assert [e.paper.id for e in rows] == ids
        assert counts == expected
        assert list(counts) == list(expected)  # the sidebar's order too


def test_the_cli_writes_the_cache_the_app_reads(tmp_path: Path) -> None:
    path = tmp_path / "lib.json"
    with Library.open(path) as lib:
        lib.add_papers([Paper(id=f"p{i}", title=f"Title {i}") for i in range(5)])
        lib.set_status("p1", Status.READ)
        lib.add_tags("p2", ["ml"])
        first_screen.remember(path, lib)
    cached = first_screen.load(path)
    assert cached is not None
    assert [e.paper.id for e in cached.entries] == ["p0", "p2", "p3", "p4"]
    assert cached.counts["status:read"] == 1 and cached.counts["tag:ml"] == 1
    assert cached.counts["all"] == 5
