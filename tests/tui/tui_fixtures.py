"""Our own small library for the app tests (no file from ../shared is copied)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from inspect import isawaitable
from typing import Any

from textual.pilot import Pilot

from reader.model import Paper
from reader.store import Library
from reader.tui.app import ReaderApp, make_app
from reader.tui.commands import Command
from reader.tui.screens.main import MainScreen
from reader.tui.widgets import DetailPane, PaperList

FIXED_NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)

TOPICS = [
    ("Concept Bottleneck Models Revisited", "concept bottleneck models interpretable concepts"),
    ("Label-Free Concept Bottlenecks", "concept bottleneck without labels using language models"),
    ("The Information Bottleneck in Deep Networks", "information bottleneck mutual information"),
    ("Compressing the KV Cache with Learned Eviction", "kv cache compression long context"),
    ("Scaling Laws for Sparse Mixtures", "scaling laws compute optimal training"),
    ("Attention Sinks and Streaming Decoders", "kv cache attention sinks streaming"),
    ("Variational Information Bottleneck for Robustness", "information bottleneck variational"),
    ("Scaling Laws Beyond Chinchilla", "scaling laws data constrained"),
    ("Concept Interventions at Test Time", "concept bottleneck interventions"),
    ("Quantized KV Caches for Serving", "kv cache quantization serving"),
    ("Emergent Abilities and Scaling", "scaling laws emergent abilities"),
    ("Minimal Sufficient Representations", "information bottleneck sufficiency"),
]


def fixture_papers() -> list[Paper]:
    papers: list[Paper] = []
    for i, (title, topic) in enumerate(TOPICS):
        aid = f"2403.{i + 1:05d}"
        papers.append(Paper(
            id=f"arxiv:{aid}",
            title=title,
            abstract=(f"We study {topic}. Our method improves on prior work in {topic} "
                      f"and we release code. Experiments cover {topic} at scale."),
            authors=["Ada Lovelace", "Alan Turing", "Grace Hopper"][: 1 + i % 3],
            year=2020 + i % 5,
            arxiv_id=aid,
            urls=[f"https://github.com/example/repo{i}"] if i % 2 == 0 else [],
            source="test:fixture",
            added_at=f"2025-03-{1 + i:02d}T10:00:00+00:00",
        ))
    return papers


def fixture_library(papers: list[Paper] | None = None) -> Library:
    lib = Library.open(None, clock=lambda: FIXED_NOW)
    lib.add_papers(fixture_papers() if papers is None else papers)
    return lib


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the workers (load, writes) are done and their results shown."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot: Pilot[Any], done: Callable[[], bool], what: str) -> None:
    """Wait for a state, not for a time: let the app work until `done()` holds.
    The bound only turns a hang into a failure; a slow machine just takes more turns."""
    end = time.monotonic() + 20.0
    while not done():
        assert time.monotonic() < end, f"never happened: {what}"
        await pilot.pause()


async def related_shown(pilot: Pilot[Any]) -> None:
    """Wait until the detail pane shows the related papers of the paper it shows (a
    worker finds them once the cursor rests on a paper), and what came with them."""
    pane = main_screen(pilot.app).query_one(DetailPane)

    def shown() -> bool:
        return pane.shown_id is not None and pane.related_id == pane.shown_id

    await settle(pilot)  # the paper to show is known
    for _ in range(10):  # once more if the paper was shown anew meanwhile (a reload)
        await wait_until(pilot, shown, "the related papers of the paper shown")
        await settle(pilot)
        if shown():
            return
    raise AssertionError("the related papers were looked for anew again and again")


async def run_command(pilot: Pilot[Any], command: Command) -> None:
    """Run a palette command as the palette does (awaited), and let the app settle."""
    done = command.run()
    if isawaitable(done):
        await done
    await settle(pilot)


@asynccontextmanager
async def running(lib: Library, size: tuple[int, int] = (120, 36),
                  **kwargs: Any) -> AsyncIterator[Pilot[Any]]:
    app = make_app(lib, clock=lambda: FIXED_NOW, **kwargs)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


def main_screen(app: ReaderApp) -> MainScreen:
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("no main screen")


def paper_list(app: ReaderApp) -> PaperList:
    return main_screen(app).query_one(PaperList)


def current_id(app: ReaderApp) -> str | None:
    return paper_list(app).current_id
