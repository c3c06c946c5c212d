"""The paper list gives the title its room at every size: with ratings, years and
tags in the list, each row shows at least the first 40 characters of its title
(two-line rows where one line is too narrow: the title, then authors · year ·
stars · tags). Snapshots of the new rows at 80x24, 100x30, 120x40 and 160x45."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_fixtures import FIXED_NOW, fixture_library, fixture_papers, paper_list, running, settle

from reader.model import Paper
from reader.store import Library
from reader.tui.app import make_app
from reader.tui.widgets import DetailPane

SIZES = {"80x24": (80, 24), "100x30": (100, 30), "120x40": (120, 40), "160x45": (160, 45)}
LONG = [
    "Principled Training of Neural Networks with Direct Feedback Alignment",
    "SegBook: A Simple Baseline and Cookbook for Volumetric Medical Image Segmentation",
    "Automatic Neural Network Pruning that Efficiently Preserves the Model Accuracy",
    "UNO-Bench: A Unified Benchmark for Exploring the Compositional Law Between Modalities",
]


def triaged_library() -> Library:
    """Long titles; some rated, tagged and dated, as a shelf after a week of triage."""
    papers = fixture_papers()
    papers[:4] = [_retitled(p, t) for p, t in zip(papers[:4], LONG, strict=True)]
    lib = fixture_library(papers)
    ids = [p.id for p in papers]
    for i, pid in enumerate(ids[:8]):
        lib.set_rating(pid, 1 + i % 5)
    lib.add_tags(ids[0], ["interpretability", "reading-group"])
    lib.add_tags(ids[3], ["medical-imaging"])
    return lib


def _retitled(paper: Paper, title: str) -> Paper:
    import dataclasses

    return dataclasses.replace(paper, title=title)


def _screen_text(pilot: Pilot[Any]) -> str:
    svg = pilot.app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


@pytest.mark.parametrize("size", list(SIZES))
async def test_every_row_shows_at_least_forty_characters_of_its_title(size: str) -> None:
    lib = triaged_library()
    titles = {e.paper.id: e.paper.title for e in lib.entries()}
    async with running(lib, size=SIZES[size]) as pilot:
        papers = paper_list(pilot.app)
        shown = _screen_text(pilot)
        visible = 0
        for i, pid in enumerate(papers.ids):
            first = papers.row_lines(i)[0].plain
            assert titles[pid][:40] in first, (size, first)
            if titles[pid][:40] in shown:
                visible += 1
        assert visible >= 3  # and they are on the screen, not only in the rows


async def test_a_narrow_list_puts_authors_year_stars_and_tags_under_the_title() -> None:
    async with running(triaged_library(), size=(120, 40)) as pilot:
        papers = paper_list(pilot.app)
        assert papers.row_height == 2
        title, meta = (line.plain for line in papers.row_lines(0))
        assert title.startswith("● Principled Training of Neural Networks")
        assert meta.startswith("  Ada Lovelace · 2020 · ★☆☆☆☆ · #interpret")
        await pilot.press("j", "j")  # two papers down, not two lines
        assert papers.current_id == "arxiv:2403.00003"


async def test_v_selects_with_a_mark_and_a_count_and_V_selects_everything_shown() -> None:
    async with running(fixture_library(), size=(120, 40)) as pilot:
        papers = paper_list(pilot.app)
        await pilot.press("v", "space")
        assert papers.selected_ids == ["arxiv:2403.00001", "arxiv:2403.00002"]
        assert "2 selected" in str(papers.border_title)
        assert papers.current_id == "arxiv:2403.00003"  # each press moves on
        text = _screen_text(pilot)
        assert text.count("▍") == 4  # both lines of both selected rows are marked
        await pilot.press("v")
        await pilot.press("V")
        assert len(papers.selected_ids) == 12
        assert "12 selected" in str(papers.border_title)
        await pilot.press("escape")  # clears the selection
        assert papers.selected_ids == []
        assert "selected" not in str(papers.border_title)


def _loaded_with_selection(size: tuple[int, int]) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("j", "v", "v")
        await settle(pilot)
    return run_before


@pytest.mark.parametrize("size", list(SIZES))
def test_list_rows_snapshot(snap_compare: Any, size: str,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    # about the rows: no related papers, which arrive from a worker after a delay
    monkeypatch.setattr(DetailPane, "find_related", lambda pane, pid, for_you=False: None)
    app = make_app(triaged_library(), theme="reader-dark", clock=lambda: FIXED_NOW)
    assert snap_compare(app, terminal_size=SIZES[size],
                        run_before=_loaded_with_selection(SIZES[size]))


