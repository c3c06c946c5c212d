"""What a new user met in the first ten minutes: every empty list says why, the
detail pane shows no raw scores, saved searches can be deleted and renamed, the
search syntax is in the search field's hint, and undo says what it restored."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tui_fixtures import fixture_library, main_screen, paper_list, running, settle

from reader.model import Paper
from reader.tui.screens.main import MainScreen
from reader.tui.widgets import DetailPane


def _hint(pilot: Pilot[Any]) -> str:
    line = main_screen(pilot.app).query_one("#query-errors", Static)
    return str(line.render()) if line.display else ""


@pytest.fixture
def toasts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    real = MainScreen.notify

    def notify(self: MainScreen, message: str, **kwargs: Any) -> None:
        said.append(message)
        real(self, message, **kwargs)

    monkeypatch.setattr(MainScreen, "notify", notify)
    return said


async def test_an_empty_shelf_says_why_and_what_to_do() -> None:
    async with running(fixture_library()) as pilot:
        main_screen(pilot.app).set_shelf("status:to-read")
        await settle(pilot)
        assert paper_list(pilot.app).ids == []
        assert "Nothing to read yet: t on a paper puts it here." in _hint(pilot)


async def test_year_and_author_filters_on_papers_without_them_explain_the_empty_list() -> None:
    papers = [Paper(id=f"title:{i:04x}", title=f"A paper copied from a page {i}",
                    source="test") for i in range(3)]
    async with running(fixture_library(papers)) as pilot:
        await pilot.press("slash", *"year:2024")
        await settle(pilot)
        assert paper_list(pilot.app).ids == []
        assert "None of the 3 papers here has a year" in _hint(pilot)
        await pilot.press("escape", "slash", *"author:hinton")
        await settle(pilot)
        assert "None of the 3 papers here has authors" in _hint(pilot)


async def test_related_papers_show_titles_without_raw_scores() -> None:
    async with running(fixture_library()) as pilot:
        screen = main_screen(pilot.app)
        # as the timer does once the cursor rests
        screen.query_one(DetailPane).find_related("arxiv:2403.00001")
        await settle(pilot)
        related = screen.query_one("#related", OptionList)
        assert related.option_count > 0
        prompts = [str(related.get_option_at_index(i).prompt)
                   for i in range(related.option_count)]
        assert all(not p[:1].isdigit() for p in prompts), prompts


async def test_saved_searches_can_be_renamed_and_deleted() -> None:
    lib = fixture_library()
    lib.save_search("kv", "kv cache")
    async with running(lib) as pilot:
        screen = main_screen(pilot.app)
        names = [c.name for c in screen.palette_commands()]
        assert "search: delete the saved search kv" in names
        screen.rename_saved_search("kv")
        await pilot.pause()
        await pilot.press("end", *" caches", "enter")  # the field holds "kv"
        await settle(pilot)
        assert lib.saved_searches() == {"kv caches": "kv cache"}
        assert any(s.label == "kv caches" for s, _ in screen.view.shelves())  # type: ignore[union-attr]
        screen.delete_saved_search("kv caches")
        await settle(pilot)
        assert lib.saved_searches() == {}
        assert not any(s.key.startswith("search:") for s, _ in screen.view.shelves())  # type: ignore[union-attr]


async def test_the_search_field_hint_shows_the_syntax() -> None:
    async with running(fixture_library()) as pilot:
        await pilot.press("slash")
        search = main_screen(pilot.app).search_input()
        assert search is not None
        for part in ("status:", "tag:", "rating:>=4", "author:", "sort:", "?"):
            assert part in search.placeholder


async def test_undo_says_what_it_restored_and_redo_makes_the_change_again(
        toasts: list[str]) -> None:
    lib = fixture_library()
    lib.set_note("arxiv:2403.00001", "an old note")
    async with running(lib) as pilot:
        await pilot.press("n", *" grew", "escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert lib.state("arxiv:2403.00001").note == "an old note"
        assert any(t.startswith("undone: the previous note is back (11 characters)")
                   for t in toasts), toasts
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert lib.state("arxiv:2403.00001").note == "an old note grew"
