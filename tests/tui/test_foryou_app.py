"""The for-you order in the app: a sort option (S, the palette), computed in a
worker, a one-line reason in the detail pane, and a message when there are no
decisions to learn from."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static
from tui_fixtures import (
    fixture_library,
    main_screen,
    paper_list,
    related_shown,
    running,
    settle,
)

from reader.model import Status

CBM = "arxiv:2403.00001"  # Concept Bottleneck Models Revisited
LABEL_FREE = "arxiv:2403.00002"  # Label-Free Concept Bottlenecks
KV = "arxiv:2403.00004"  # Compressing the KV Cache with Learned Eviction
KV_TOO = ["arxiv:2403.00006", "arxiv:2403.00010"]  # attention sinks, quantized KV caches


def _text(pilot: Pilot[Any], selector: str) -> str:
    widget = main_screen(pilot.app).query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


async def test_sorting_for_you_puts_papers_like_the_kept_ones_first() -> None:
    lib = fixture_library()
    lib.set_rating(CBM, 5)
    lib.set_status(CBM, Status.TO_READ)
    lib.set_status(KV, Status.SKIPPED)
    async with running(lib) as pilot:
        screen = main_screen(pilot.app)
        assert "view: sort by foryou" in [c.name for c in screen.palette_commands()]
        screen.set_sort("foryou")
        await settle(pilot)
        ids = paper_list(pilot.app).ids
        assert ids[0] in (LABEL_FREE, "arxiv:2403.00009")  # concept bottleneck papers
        assert ids.index(LABEL_FREE) < min(ids.index(k) for k in KV_TOO)
        assert "by foryou" in str(paper_list(pilot.app).border_title)
        paper_list(pilot.app).move_to(ids.index(LABEL_FREE))
        await related_shown(pilot)  # the reason comes with the related papers
        reason = _text(pilot, "#detail-reason")
        assert reason == ("for you: like “Concept Bottleneck Models Revisited”, "
                          "which you rated 5"), reason


async def test_for_you_with_no_decisions_keeps_the_order_and_says_so() -> None:
    async with running(fixture_library()) as pilot:
        before = list(paper_list(pilot.app).ids)
        await pilot.press("slash", *"sort:foryou", "enter")
        await settle(pilot)
        assert paper_list(pilot.app).ids == before
        assert "no decisions yet" in _text(pilot, "#query-errors")
