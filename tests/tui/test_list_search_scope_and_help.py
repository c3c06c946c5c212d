"""The paper list (row widths, tags, spare width), the search scope across shelves,
the detail pane when the list empties, and the help screen's keys."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static
from tui_fixtures import (
    fixture_library,
    fixture_papers,
    main_screen,
    paper_list,
    running,
    settle,
    wait_until,
)

from reader.model import Status
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets import DetailPane


def _rows(pilot: Pilot[Any]) -> list[str]:
    papers = paper_list(pilot.app)
    return [papers.row(i).plain for i in range(papers.row_count)]


def _cells(text: str) -> int:
    return Content(text).cell_length


def _detail_title(pilot: Pilot[Any]) -> str:
    title = main_screen(pilot.app).query_one(DetailPane).query_one("#detail-title", Static)
    return str(title.render())


async def _type(pilot: Pilot[Any], text: str) -> None:
    """Type `text` in the search field and wait until the list shows its result."""
    await pilot.press("slash")
    for ch in text:
        await pilot.press(ch)
    screen = main_screen(pilot.app)
    await wait_until(pilot, lambda: screen.search_query is not None
                     and screen.search_query.text == text, f"the list filtered by {text!r}")
    await settle(pilot)


async def test_a_changed_row_keeps_the_width_of_the_others_with_a_scrollbar() -> None:
    async with running(fixture_library(), size=(80, 24)) as pilot:
        papers = paper_list(pilot.app)
        assert papers.max_scroll_y > 0  # the scrollbar shows
        await pilot.press("4")
        await settle(pilot)
        widths = {_cells(row) for row in _rows(pilot)}
        assert len(widths) == 1, widths


async def test_a_status_filter_searches_every_shelf() -> None:
    lib = fixture_library()
    lib.set_status("arxiv:2403.00002", Status.TO_READ)
    async with running(lib, size=(120, 36)) as pilot:
        assert main_screen(pilot.app).shelf_key == "status:new"
        await _type(pilot, "status:to-read")
        assert paper_list(pilot.app).ids == ["arxiv:2403.00002"]


async def test_no_hit_on_the_shelf_says_how_many_are_on_all() -> None:
    lib = fixture_library()
    lib.set_status("arxiv:2403.00004", Status.TO_READ)  # the only "eviction" paper
    async with running(lib, size=(120, 36)) as pilot:
        await _type(pilot, "eviction")
        assert paper_list(pilot.app).ids == []
        hint = str(main_screen(pilot.app).query_one("#query-errors", Static).render())
        assert "0 in Inbox" in hint and "1 in All" in hint
        await pilot.press("enter")  # ...and enter shows them
        await settle(pilot)
        assert main_screen(pilot.app).shelf_key == "all"
        assert paper_list(pilot.app).ids == ["arxiv:2403.00004"]
        assert paper_list(pilot.app).has_focus


async def test_the_detail_is_cleared_as_soon_as_the_list_is_empty() -> None:
    async with running(fixture_library(), size=(120, 36)) as pilot:
        screen = main_screen(pilot.app)
        await _type(pilot, "kv")  # while typing, the detail follows a bit later
        screen.show_detail("arxiv:2403.00004")  # a paper of a result not shown yet...
        screen.show_ids([], None)  # ...then the next keystroke finds nothing
        assert paper_list(pilot.app).ids == []
        await wait_until(pilot, lambda: _detail_title(pilot) == "No paper selected",
                         "the detail cleared for an empty list")


async def test_tags_show_in_the_rows_and_rows_stay_aligned() -> None:
    async with running(fixture_library(), size=(80, 24)) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        for ch in "ml":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
        rows = _rows(pilot)
        assert "#ml" in rows[0]
        assert len({_cells(row) for row in rows}) == 1


async def test_wide_terminal_gives_the_list_the_spare_width_and_drops_empty_years() -> None:
    papers = [dataclasses.replace(p, year=None) for p in fixture_papers()]
    papers[0] = dataclasses.replace(papers[0], title="Long " * 60)
    async with running(fixture_library(papers), size=(160, 40)) as pilot:
        screen = main_screen(pilot.app)
        plist = paper_list(pilot.app)
        assert plist.size.width > screen.query_one(DetailPane).size.width
        row = _rows(pilot)[0]
        assert row.index("…") == plist.row_width - 1  # the title runs to the end: no year


async def test_palette_shows_keys_as_typed() -> None:
    async with running(fixture_library()) as pilot:
        helps = {c.name: c.help for c in main_screen(pilot.app).palette_commands()}
        assert helps["app: help"] == "key ?"
        assert helps["paper: add tag"] == "key +"
        assert helps["view: next shelf"] == "key ]"


async def test_narrow_list_title_names_the_shelf_keys() -> None:
    async with running(fixture_library(), size=(80, 24)) as pilot:
        title = Content.from_markup(str(paper_list(pilot.app).border_title)).plain
        assert "Inbox" in title and "]" in title and "[" in title


async def test_help_scrolls_with_j_and_lists_enter_under_move() -> None:
    async with running(fixture_library(), size=(80, 14)) as pilot:  # 80x24 needs no scroll
        await pilot.press("question_mark")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        body = screen.query_one("#help-body")
        assert body.max_scroll_y > 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("k", "k")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        sections = {str(section.query_one(".help-group", Static).render()):
                    str(section.query_one(".help-rows", Static).render())
                    for section in screen.query(".help-section")}
        assert "Show the detail" in sections["Move"]


async def test_the_footer_says_what_enter_and_escape_do_while_a_search_is_typed() -> None:
    async with running(fixture_library(), size=(80, 24)) as pilot:
        screen = main_screen(pilot.app)

        def footer() -> dict[str, str]:
            return {key: active.binding.description
                    for key, active in screen.active_bindings.items()
                    if active.binding.show and active.enabled}

        assert "escape" not in footer()  # on the list escape only lets a selection go
        await _type(pilot, "kv")
        assert footer() == {"enter": "Keep the results", "escape": "Clear search"}
        await pilot.press("escape")
        await settle(pilot)
        assert paper_list(pilot.app).has_focus and len(paper_list(pilot.app).ids) == 12
