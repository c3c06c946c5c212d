"""Every key of the main screen, with the result checked through the store."""

from __future__ import annotations

import webbrowser
from typing import Any

import pytest
from textual.widgets import Input, TextArea
from tui_fixtures import (
    current_id,
    fixture_library,
    main_screen,
    paper_list,
    running,
    settle,
    wait_until,
)

from reader.model import Status
from reader.tui.widgets import DetailPane

FIRST = "arxiv:2403.00001"
SECOND = "arxiv:2403.00002"


async def test_list_has_focus_and_shows_inbox() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        papers = paper_list(pilot.app)
        assert pilot.app.focused is papers
        assert papers.row_count == len(lib)
        assert current_id(pilot.app) == FIRST


async def test_j_k_and_arrows_move() -> None:
    async with running(fixture_library()) as pilot:
        await pilot.press("j", "j")
        assert current_id(pilot.app) == "arxiv:2403.00003"
        await pilot.press("k")
        assert current_id(pilot.app) == SECOND
        await pilot.press("down", "down", "up")
        assert current_id(pilot.app) == "arxiv:2403.00003"


async def test_enter_focuses_detail_and_escape_returns() -> None:
    async with running(fixture_library()) as pilot:
        await pilot.press("enter")
        assert isinstance(pilot.app.focused, DetailPane)
        await pilot.press("d")  # marking still works from the detail pane
        await settle(pilot)
        await pilot.press("escape")
        assert pilot.app.focused is paper_list(pilot.app)


@pytest.mark.parametrize(("key", "status"), [
    ("t", Status.TO_READ), ("r", Status.READING), ("d", Status.READ), ("x", Status.SKIPPED),
])
async def test_mark_keys_save_and_advance(key: str, status: Status) -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press(key)
        await settle(pilot)
        assert lib.state(FIRST).status is status
        # the Inbox no longer holds the paper: the cursor moved on to the next one
        assert current_id(pilot.app) == SECOND
        assert FIRST not in paper_list(pilot.app).ids


async def test_mark_new_brings_back_to_inbox() -> None:
    lib = fixture_library()
    lib.set_status(FIRST, Status.READ)
    async with running(lib) as pilot:
        main_screen(pilot.app).set_shelf("status:read")
        await pilot.pause()
        assert current_id(pilot.app) == FIRST
        await pilot.press("N")
        await settle(pilot)
        assert lib.state(FIRST).status is Status.NEW


async def test_marking_on_all_shelf_keeps_the_cursor() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        main_screen(pilot.app).set_shelf("all")
        await pilot.pause()
        await pilot.press("t")
        await settle(pilot)
        assert lib.state(FIRST).status is Status.TO_READ
        assert current_id(pilot.app) == FIRST


async def test_rating_keys_and_zero_clears() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        for n in "12345":
            await pilot.press(n)
            await settle(pilot)
            assert lib.state(FIRST).rating == int(n)
        await pilot.press("0")
        await settle(pilot)
        assert lib.state(FIRST).rating is None


async def test_undo_reverts_last_change() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("3", "t")
        await settle(pilot)
        assert lib.state(FIRST).status is Status.TO_READ
        await pilot.press("u")
        await settle(pilot)
        assert lib.state(FIRST).status is Status.NEW
        assert lib.state(FIRST).rating == 3
        assert current_id(pilot.app) == FIRST  # back in the Inbox, under the cursor


async def test_plus_adds_and_minus_removes_tags() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press(*"ml, to-discuss", "enter")
        await settle(pilot)
        assert sorted(lib.state(FIRST).tags) == ["ml", "to-discuss"]
        # the sidebar has a shelf per tag with its count
        keys = [shelf.key for shelf, _ in main_screen(pilot.app).view.shelves()]  # type: ignore[union-attr]
        assert "tag:ml" in keys
        await pilot.press("minus")
        await pilot.pause()
        await pilot.press("enter")  # removes the highlighted (first) tag
        await settle(pilot)
        assert len(lib.state(FIRST).tags) == 1


async def test_n_edits_note_in_app_saved_on_leaving() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.focused, TextArea)
        await pilot.press(*"Read **this**", "escape")
        await settle(pilot)
        assert lib.state(FIRST).note == "Read **this**"
        assert pilot.app.focused is paper_list(pilot.app)


async def test_shift_e_uses_external_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_editor(app: Any, text: str, suffix: str = ".md") -> str:
        seen.append(text)
        return "from the editor\x1b[2J"

    monkeypatch.setattr("reader.tui.editor.edit_text_externally", fake_editor)
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("E")
        await settle(pilot)
    assert seen == [""]
    assert lib.state(FIRST).note == "from the editor"  # escape removed at input


async def test_o_opens_the_only_link_and_chooser_for_several(
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    async with running(fixture_library()) as pilot:
        await pilot.press("j", "o")  # second paper: only its arXiv page
        await settle(pilot)
        assert opened == ["https://arxiv.org/abs/2403.00002"]
        await pilot.press("k", "o")  # first paper: arXiv + code -> a chooser
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "LinkChooser"
        await pilot.press("2")
        await settle(pilot)
        assert opened[-1] == "https://github.com/example/repo0"


async def test_slash_filters_as_you_type_and_escape_clears() -> None:
    async with running(fixture_library()) as pilot:
        await pilot.press("slash")
        assert isinstance(pilot.app.focused, Input)
        await pilot.press(*"kv cache")
        await wait_until(pilot, lambda: 0 < len(paper_list(pilot.app).ids) < 12, "the filter")
        ids = paper_list(pilot.app).ids
        assert ids and len(ids) < 12
        entries = main_screen(pilot.app).view.entries  # type: ignore[union-attr]
        assert all("kv cache" in entries[p].paper.abstract for p in ids)
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(paper_list(pilot.app).ids) == 12, "the list back")
        assert len(paper_list(pilot.app).ids) == 12
        assert pilot.app.focused is paper_list(pilot.app)


async def test_sort_key_orders_by_title() -> None:
    async with running(fixture_library()) as pilot:
        screen = main_screen(pilot.app)
        screen.set_sort("title")
        await pilot.pause()
        titles = [screen.view.entries[p].paper.title for p in paper_list(pilot.app).ids]  # type: ignore[union-attr]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("S")  # cycles on to "year"
        assert screen.sort == "year"


async def test_shelves_switch_and_counts_follow_marks() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("t", "t")
        await settle(pilot)
        screen = main_screen(pilot.app)
        counts = {shelf.key: n for shelf, n in screen.view.shelves()}  # type: ignore[union-attr]
        assert counts["status:to-read"] == 2
        assert counts["status:new"] == 10
        await pilot.press("right_square_bracket")
        assert screen.shelf_key == "status:to-read"
        assert paper_list(pilot.app).ids == [FIRST, SECOND]


@pytest.mark.parametrize(("key", "module", "screen_name"), [
    ("question_mark", "reader.tui.screens.help", "HelpScreen"),
    ("s", "reader.tui.screens.stats", "StatsScreen"),
    ("e", "reader.tui.dialogs.export", "ExportDialog"),
])
async def test_screens_open(key: str, module: str, screen_name: str) -> None:
    pytest.importorskip(module)
    async with running(fixture_library()) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == screen_name


async def test_q_quits() -> None:
    async with running(fixture_library()) as pilot:
        await pilot.press("q")
        await wait_until(pilot, lambda: not pilot.app.is_running, "the app to quit")
        assert not pilot.app.is_running


async def test_palette_lists_namespaced_commands() -> None:
    async with running(fixture_library()) as pilot:
        names = [c.name for c in main_screen(pilot.app).palette_commands()]
        for expected in ("paper: read", "paper: to read", "paper: undo", "view: search",
                         "view: sort by year", "shelf: Inbox", "theme: reader-light",
                         "library: export", "app: quit"):
            assert expected in names


async def test_changes_from_another_process_show_up(tmp_path: Any) -> None:
    from tui_fixtures import fixture_papers

    from reader.store import Library

    path = tmp_path / "lib.json"
    with Library.open(path) as lib:
        lib.add_papers(fixture_papers())
    with Library.open(path) as app_lib:
        async with running(app_lib) as pilot:
            with Library.open(path) as other:
                other.set_status(FIRST, Status.READ)
            main_screen(pilot.app).controller.poll()
            await settle(pilot)
            assert FIRST not in paper_list(pilot.app).ids
