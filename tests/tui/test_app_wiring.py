"""The app's wiring: themes, the welcome screen, the queue, saved searches, the
daily goal, the command palette and the first-screen cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_fixtures import (
    FIXED_NOW,
    current_id,
    fixture_library,
    fixture_papers,
    main_screen,
    paper_list,
    run_command,
    running,
    settle,
    wait_until,
)

from reader.config import Config
from reader.model import Status
from reader.paths import config_dir
from reader.store import Library
from reader.tui.app import make_app


async def test_theme_flag_is_applied_and_remembered() -> None:
    async with running(fixture_library(), theme="reader-light") as pilot:
        assert pilot.app.theme == "reader-light"
    assert Config.load().theme == "reader-light"
    async with running(fixture_library()) as pilot:  # no flag: the remembered one
        assert pilot.app.theme == "reader-light"
        pilot.app.theme = "reader-contrast"  # as the palette's theme picker does
        await pilot.pause()
    assert Config.load().theme == "reader-contrast"


async def test_unknown_theme_warns_and_keeps_a_valid_one() -> None:
    async with running(fixture_library(), theme="no-such-theme") as pilot:
        assert pilot.app.theme in pilot.app.available_themes
        messages = [n.message for n in pilot.app._notifications]
        assert any("no-such-theme" in m for m in messages)


async def test_broken_theme_files_reported_once() -> None:
    themes = config_dir() / "themes"
    themes.mkdir(parents=True)
    (themes / "broken.toml").write_text("primary = [unclosed", encoding="utf-8")
    (themes / "bad-colour.toml").write_text('primary = "not-a-colour"', encoding="utf-8")
    async with running(fixture_library()) as pilot:
        notes = [n for n in pilot.app._notifications if "theme" in n.message.lower()]
        assert len(notes) == 1
        assert "broken.toml" in notes[0].message and "bad-colour.toml" in notes[0].message
        assert "reader-dark" in pilot.app.available_themes


async def test_empty_library_shows_welcome_and_offers_demo() -> None:
    async with running(Library.open(None)) as pilot:
        assert type(pilot.app.screen).__name__ == "WelcomeScreen"
        await pilot.press("d")
        await pilot.pause()
    assert pilot.app.return_value == "demo"


async def test_queue_order_keys_on_to_read_shelf() -> None:
    lib = fixture_library()
    first, second = "arxiv:2403.00001", "arxiv:2403.00002"
    lib.set_status(first, Status.TO_READ)
    lib.set_status(second, Status.TO_READ)
    async with running(lib) as pilot:
        main_screen(pilot.app).set_shelf("status:to-read")
        await pilot.pause()
        assert paper_list(pilot.app).ids == [first, second]
        await pilot.press("J")  # the first paper goes down the queue
        await settle(pilot)
        assert paper_list(pilot.app).ids == [second, first]
        assert current_id(pilot.app) == first
    assert [e.paper.id for e in lib.queue()] == [second, first]


async def test_save_search_adds_a_shelf() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("slash", *"scaling", "enter")
        await settle(pilot)
        screen = main_screen(pilot.app)
        [command] = [c for c in screen.palette_commands() if c.name.startswith("search: save")]
        await run_command(pilot, command)
        assert lib.saved_searches() == {"scaling": "scaling"}
        assert "search:scaling" in [s.key for s, _ in screen.view.shelves()]  # type: ignore[union-attr]


async def test_palette_command_runs_the_action() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        [command] = [c for c in main_screen(pilot.app).palette_commands()
                     if c.name == "paper: read"]
        await run_command(pilot, command)
    assert lib.state("arxiv:2403.00001").status is Status.READ


async def test_daily_goal_progress_shown_when_set() -> None:
    Config(daily_goal=2).save()
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("d")
        await settle(pilot)
        assert "today 1/2" in main_screen(pilot.app).progress


async def test_first_screen_cache_shows_titles_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "lib.json"
    with Library.open(path) as lib:
        lib.add_papers(fixture_papers())
    app = make_app(lambda: Library.open(path), db_path=path, clock=lambda: FIXED_NOW)
    async with app.run_test() as pilot:
        await settle(pilot)
    # second start: the cached rows are shown at once, before the worker loads
    opened: list[int] = []

    def slow_open() -> Library:
        opened.append(1)
        return Library.open(path)

    app = make_app(slow_open, db_path=path, clock=lambda: FIXED_NOW)
    async with app.run_test() as pilot:
        screen = main_screen(pilot.app)
        assert screen.preview or screen.loaded
        await settle(pilot)
        assert screen.loaded and current_id(pilot.app) == "arxiv:2403.00001"
    # a change on disk makes the cache stale: no preview
    with Library.open(path) as lib:
        lib.set_status("arxiv:2403.00001", Status.READ)
    from reader.store import first_screen

    assert first_screen.load(path) is None


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_layout_narrow_hides_sidebar(size: tuple[int, int]) -> None:
    async with running(fixture_library(), size=size) as pilot:
        body = main_screen(pilot.app).query_one("#body")
        assert body.has_class("-narrow") == (size[0] < 110)
        shelves = main_screen(pilot.app).query_one("#shelves")
        assert shelves.display == (size[0] >= 110)
        if shelves.display:
            await pilot.press("b")  # the sidebar can be hidden to widen the panes
            assert not shelves.display


async def test_damaged_library_exits_with_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    app = make_app(lambda: Library.open(bad), db_path=bad)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: not app.is_running, "the app ending")
    assert app.return_code == 1
    assert bad.read_text(encoding="utf-8") == "not json"  # left untouched
