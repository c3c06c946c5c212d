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
from reader.store import Library
from reader.tui.widgets import DetailPane
from reader.tui.widgets.detail import RelatedFound

CBM = "arxiv:2403.00001"  # Concept Bottleneck Models Revisited
LABEL_FREE = "arxiv:2403.00002"  # Label-Free Concept Bottlenecks
KV = "arxiv:2403.00004"  # Compressing the KV Cache with Learned Eviction
KV_TOO = ["arxiv:2403.00006", "arxiv:2403.00010"]  # attention sinks, quantized KV caches


def _text(pilot: Pilot[Any], selector: str) -> str:
    widget = main_screen(pilot.app).query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


def _kept_library() -> Library:
    lib = fixture_library()
    lib.set_rating(CBM, 5)
    lib.set_status(CBM, Status.TO_READ)
    lib.set_status(KV, Status.SKIPPED)
    return lib


REASON = "for you: like “Concept Bottleneck Models Revisited”, which you rated 5"


async def test_sorting_for_you_puts_papers_like_the_kept_ones_first() -> None:
    async with running(_kept_library()) as pilot:
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
        assert reason == REASON, reason


async def test_a_late_result_from_before_the_sort_keeps_the_reason() -> None:
    """The paper under the cursor was shown in the default order first: its related
    papers found then (no reason asked for) may come after the for-you ones."""
    async with running(_kept_library()) as pilot:
        screen = main_screen(pilot.app)
        shown = paper_list(pilot.app).current_id
        screen.set_sort("foryou")
        await settle(pilot)
        await related_shown(pilot)
        assert paper_list(pilot.app).current_id == shown
        assert _text(pilot, "#detail-reason") == REASON
        pane = screen.query_one(DetailPane)
        assert shown is not None
        pane.post_message(RelatedFound(shown, [], "", for_you=False))  # the stale one
        await settle(pilot)
        assert _text(pilot, "#detail-reason") == REASON
        assert pane.query_one("#related").display  # its related papers stay too


async def test_for_you_with_no_decisions_keeps_the_order_and_says_so() -> None:
    async with running(fixture_library()) as pilot:
        before = list(paper_list(pilot.app).ids)
        await pilot.press("slash", *"sort:foryou", "enter")
        await settle(pilot)
        assert paper_list(pilot.app).ids == before
        assert "no decisions yet" in _text(pilot, "#query-errors")
