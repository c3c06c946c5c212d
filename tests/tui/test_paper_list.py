"""The paper list draws only the rows on screen, yet every paper of the view is
reachable by keys, mouse and scrollbar (no "load more" row)."""

from __future__ import annotations

import dataclasses

from textual.widgets import Static
from tui_fixtures import (
    current_id,
    fixture_papers,
    main_screen,
    paper_list,
    running,
    settle,
    wait_until,
)

from reader.model import Paper
from reader.store import Library
from reader.tui.render import stars
from reader.tui.widgets import DetailPane

COUNT = 3000


def _big_library() -> Library:
    template = fixture_papers()[0]
    papers: list[Paper] = [
        dataclasses.replace(template, id=f"arxiv:2401.{i:05d}", arxiv_id=f"2401.{i:05d}",
                            title=f"Paper number {i:04d}",
                            added_at=f"2025-01-01T00:00:{i % 60:02d}+00:00")
        for i in range(COUNT)]
    lib = Library.open(None)
    lib.add_papers(papers)
    return lib


async def test_every_paper_is_reachable_and_only_visible_rows_are_built() -> None:
    async with running(_big_library(), size=(100, 30)) as pilot:
        papers = paper_list(pilot.app)
        assert papers.row_count == COUNT
        assert papers.virtual_size.height == COUNT  # the scrollbar covers the whole view
        first = papers.ids[0]
        await pilot.press("end")
        await settle(pilot)
        assert current_id(pilot.app) == papers.ids[-1]
        assert papers.scroll_offset.y == papers.max_scroll_y > COUNT - 40
        await pilot.press("home")
        await settle(pilot)
        assert current_id(pilot.app) == first and papers.scroll_offset.y == 0
        # rows are built for what was on screen, not for the 3,000 papers
        assert len(papers._rows.strips) < 3 * papers.size.height


async def test_page_keys_move_by_a_screen_and_the_detail_follows() -> None:
    async with running(_big_library(), size=(100, 30)) as pilot:
        papers = paper_list(pilot.app)
        page = papers.scrollable_content_region.height
        await pilot.press("pagedown")
        await settle(pilot)
        assert papers.cursor == page
        await pilot.press("pagedown", "pageup", "up")
        await settle(pilot)
        assert papers.cursor == page - 1
        title = main_screen(pilot.app).query_one("#detail-title", Static)
        await wait_until(pilot, lambda: str(title.render()) == f"Paper number {page - 1:04d}",
                         "the detail showing the paper under the cursor")


async def test_a_click_highlights_that_row_and_opens_the_detail() -> None:
    async with running(_big_library(), size=(100, 30)) as pilot:
        papers = paper_list(pilot.app)
        papers.scroll_to(y=10, animate=False)  # scrolling moves the view, not the cursor
        await pilot.pause()
        top = int(papers.scroll_offset.y)
        assert top > 0 and papers.cursor == 0
        await pilot.click(papers, offset=(10, 1 + 3))  # 1: the border
        await settle(pilot)
        assert papers.cursor == top + 3
        assert pilot.app.focused is main_screen(pilot.app).query_one(DetailPane)


async def test_a_rating_far_down_the_list_adds_the_stars_column_when_it_is_reached() -> None:
    lib = _big_library()
    last = lib.entries()[-1].paper.id
    lib.set_rating(last, 3)
    async with running(lib, size=(100, 30)) as pilot:
        papers = paper_list(pilot.app)
        assert papers.ids[-1] == last
        assert "★" not in papers.row(0).plain
        await pilot.press("end")
        await settle(pilot)
        rows = [papers.row(0).plain, papers.row(papers.row_count - 1).plain]
        assert stars(3) in rows[1]
        assert rows[0].index("Paper number") == rows[1].index("Paper number")
