"""Keys typed in one burst right after a key that opens a dialog go to that dialog,
in order: none runs as a main-screen key, none is dropped.

The burst is posted in one go (as a terminal delivers fast typing); Pilot's `press`
waits for the app between keys, which hides the bug.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_typeahead import _app, _library, burst
from textual.widgets import Input
from tui_fixtures import main_screen, settle, wait_until

from reader.model import Status
from reader.store import Library
from reader.tui.dialogs.ask import AskDialog
from reader.tui.dialogs.export import ExportDialog
from reader.tui.screens.main import MainScreen

# each opened by its key, then by enter on its command in the palette (ctrl+p)
BY = pytest.mark.parametrize("by_palette", [False, True], ids=["key", "palette"])


async def _palette_on(app: Any, pilot: Any, typed: str) -> None:
    from textual.command import CommandList

    app.action_command_palette()
    await settle(pilot)
    await pilot.press(*typed)
    palette = app.screen

    def listed() -> bool:  # the hits for what was typed, the best one highlighted
        option = palette.query_one(CommandList).highlighted_option
        return option is not None and str(option.prompt).startswith(typed)

    await wait_until(pilot, listed, f"the palette offering {typed!r}")


async def _opening(app: Any, pilot: Any, key: str, command: str, by_palette: bool,
                   ) -> list[str]:
    """The keys that open what `key` opens: `key`, or enter on `command` in the
    palette (opened, and the command typed, first)."""
    if not by_palette:
        return [key]
    await _palette_on(app, pilot, command)
    return ["enter"]


@BY
async def test_a_tag_typed_at_once_after_plus_is_the_tag(tmp_path: Path,
                                                         by_palette: bool) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        opening = await _opening(app, pilot, "plus", "paper: add tag", by_palette)
        burst(app, [*opening, *"draft", "enter"])  # d, r, a, t are list keys
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    with Library.open(path) as lib:
        first = lib.entries()[0]
        assert first.state.tags == ["draft"]
        assert first.state.status is Status.NEW


async def test_enter_typed_at_once_after_minus_removes_the_tag(tmp_path: Path) -> None:
    path = _library(tmp_path)
    with Library.open(path) as lib:
        lib.add_tags_many([lib.entries()[0].paper.id], ["ml"])
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, ["minus", "enter"])
        await settle(pilot)
    with Library.open(path) as lib:
        assert lib.entries()[0].state.tags == []


@BY
async def test_an_id_typed_at_once_after_a_goes_into_the_add_dialog(tmp_path: Path,
                                                                    by_palette: bool) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        opening = await _opening(app, pilot, "a", "library: add papers", by_palette)
        burst(app, [*opening, *"2401.12345"])  # 1..5 would rate the paper
        await settle(pilot)
        assert isinstance(app.screen, AskDialog)
        assert app.screen.query_one(Input).value == "2401.12345"
        burst(app, ["escape"])
        await settle(pilot)
    with Library.open(path) as lib:
        assert lib.entries()[0].state.rating is None


@BY
async def test_y_typed_at_once_after_shift_d_confirms_the_delete(tmp_path: Path,
                                                                 by_palette: bool) -> None:
    path = _library(tmp_path)
    with Library.open(path) as lib:
        first_id = lib.entries()[0].paper.id
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        opening = await _opening(app, pilot, "D", "paper: delete", by_palette)
        burst(app, [*opening, "y"])  # y alone copies the citation key
        await settle(pilot)
    with Library.open(path) as lib:
        assert first_id not in {e.paper.id for e in lib.entries()}


@BY
async def test_escape_typed_at_once_after_e_closes_the_export_dialog(tmp_path: Path,
                                                                     by_palette: bool) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        opening = await _opening(app, pilot, "e", "library: export", by_palette)
        burst(app, [*opening, "escape"])
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)


async def test_dialog_keys_are_text_in_the_search_field_and_the_note(tmp_path: Path) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, ["slash", *"a", "plus", "e", "minus", "D"])
        await settle(pilot)
        search = main_screen(app).search_input()
        assert search is not None and search.value == "a+e-D"
        assert not isinstance(app.screen, (AskDialog, ExportDialog))
        burst(app, ["escape", "n", *"a", "plus", "e", "minus", "D", "escape"])
        await settle(pilot)
    with Library.open(path) as lib:
        assert lib.entries()[0].state.note == "a+e-D"


# o (on a paper without a link), R, s, ?: the screen they open gets the keys typed
# right after them; "n" (a priority key) would open the note on the main screen
def _note_opened(app: Any) -> bool:
    return any(editor.display for editor in main_screen(app).query("#note-editor"))


async def test_keys_typed_at_once_after_s_and_question_mark_reach_their_screen(
        tmp_path: Path) -> None:
    from reader.tui.screens.help import HelpScreen
    from reader.tui.screens.stats import StatsScreen

    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, opened in (("s", StatsScreen), ("question_mark", HelpScreen)):
            burst(app, [key, "n"])
            await settle(pilot)
            assert isinstance(app.screen, opened)
            assert not _note_opened(app)
            burst(app, ["escape"])
            await settle(pilot)


async def test_keys_typed_at_once_after_capital_r_reach_the_reading_screen() -> None:
    from reading_fixtures import reading_library
    from tui_fixtures import running

    from reader.tui.screens.reading import ReadingScreen

    async with running(reading_library(), size=(160, 45)) as pilot:
        burst(pilot.app, ["R", "n"])  # n: the next search hit there
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReadingScreen)
        assert not _note_opened(pilot.app)


async def test_n_typed_at_once_after_o_on_a_paper_without_a_link_answers_the_question(
        tmp_path: Path) -> None:
    from reader.model import Paper
    from reader.tui.dialogs.confirm import ConfirmDialog

    path = tmp_path / "lib.json"
    with Library.open(path) as lib:
        lib.add_papers([Paper(id="title:0001", title="A paper without a link", source="test")])
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, ["o", "n"])  # n: no, do not look it up
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        assert not _note_opened(app)


async def test_the_palette_s_enter_with_nothing_to_run_keeps_it_open(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    app = _app(_library(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_command_palette()
        await settle(pilot)
        await pilot.press(*"zzzzqqq")  # matches no command
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_words_typed_at_once_after_the_palette_s_reading_search_are_searched() -> None:
    # (the same burst after the "/" key itself still reaches the text first: "/" is
    # not a priority key on the reading screen)
    from reading_fixtures import reading_library
    from tui_fixtures import running

    from reader.tui.screens.reading import ReadingScreen
    from reader.tui.widgets.find_bar import FindBar

    async with running(reading_library(), size=(160, 45)) as pilot:
        burst(pilot.app, ["R"])
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReadingScreen)
        reading = pilot.app.screen
        await _palette_on(pilot.app, pilot, "reading: search")
        burst(pilot.app, ["enter", *"attention"])  # n would move to the next hit
        await settle(pilot)
        assert pilot.app.screen is reading
        assert reading.query_one(FindBar).value == "attention"
