"""The help screen flows its sections into columns: everything visible at once on
a wide terminal, one scrollable column on a narrow one, laid out again on resize."""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from tui_fixtures import fixture_library, running

from reader.tui.screens.help import HelpScreen
from reader.tui.screens.help_keys import bindings_of_screen, column_height, merge_rows, pack

GROUPS = ["Move", "Paper", "View", "Library", "General"]


async def open_help(pilot: Pilot[Any]) -> HelpScreen:
    await pilot.press("question_mark")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


def screen_text(pilot: Pilot[Any]) -> str:
    svg = pilot.app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def all_rows_visible(pilot: Pilot[Any], text: str | None = None) -> None:
    """Every group title and every key's description is on the screen itself
    (or in `text`, what the screen showed)."""
    text = screen_text(pilot) if text is None else text
    rows = merge_rows(bindings_of_screen(pilot.app.screen_stack[-2]))
    assert list(rows) == GROUPS
    for group, entries in rows.items():
        assert group in text
        for key, description in entries:
            assert re.search(rf"{re.escape(key)} +{re.escape(description)}", text), key


async def test_wide_terminal_shows_every_key_in_columns_without_scrolling() -> None:
    async with running(fixture_library(), size=(160, 45)) as pilot:
        screen = await open_help(pilot)
        assert len(screen.columns) >= 3
        assert [g for column in screen.columns for g in column] == [*GROUPS, "Search (/)"]
        assert screen.query_one("#help-body", VerticalScroll).max_scroll_y == 0
        all_rows_visible(pilot)
        assert re.search(r"\^p +Command palette", screen_text(pilot))  # as ours read


async def test_80x24_is_readable_and_every_key_is_a_short_scroll_away() -> None:
    async with running(fixture_library(), size=(80, 24)) as pilot:
        screen = await open_help(pilot)
        body = screen.query_one("#help-body", VerticalScroll)
        assert 0 < body.max_scroll_y <= 12  # two columns; the last rows under them
        seen = screen_text(pilot)
        await pilot.press(*["j"] * body.max_scroll_y)
        await pilot.pause()
        all_rows_visible(pilot, seen + screen_text(pilot))
        assert "sort:year|rating|title|foryou" in seen + screen_text(pilot)
        dialog = screen.query_one("#dialog")
        assert dialog.region.width <= 80 and dialog.region.height <= 24


async def test_narrow_terminal_gets_one_column_that_scrolls_and_resize_lays_out_again(
) -> None:
    async with running(fixture_library(), size=(160, 45)) as pilot:
        screen = await open_help(pilot)
        wide = len(screen.columns)
        await pilot.resize_terminal(44, 20)
        await pilot.pause()
        await pilot.pause()
        assert len(screen.columns) == 1
        body = screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        await pilot.pause()
        assert len(screen.columns) == wide
        assert screen.query_one("#help-body", VerticalScroll).max_scroll_y == 0


def _best_height(heights: list[int], columns: int) -> int:
    """Brute force: every way to cut the sections into at most `columns` runs."""
    n, best = len(heights), sum(heights) + len(heights)
    for k in range(min(columns, n)):
        for cuts in itertools.combinations(range(1, n), k):
            bounds = [0, *cuts, n]
            runs = [list(range(a, b)) for a, b in itertools.pairwise(bounds)]
            best = min(best, max(column_height(heights, r) for r in runs))
    return best


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=1, max_size=7), st.integers(1, 5))
def test_pack_keeps_order_and_makes_the_tallest_column_as_short_as_possible(
        heights: list[int], columns: int) -> None:
    flow = pack(heights, columns)
    assert [i for column in flow for i in column] == list(range(len(heights)))
    assert 1 <= len(flow) <= columns and all(flow)
    assert max(column_height(heights, c) for c in flow) == _best_height(heights, columns)
