"""Regressions from QA and review: notes saved on every way out, store writes in
key order, links through the app's guard, export choices, start-up errors."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from reader.store import Library
from reader.tui.widgets import PaperList
from tests.tui.tui_fixtures import fixture_library, main_screen, running, settle


def current_id(pilot: Pilot[Any]) -> str:
    pid = main_screen(pilot.app).query_one(PaperList).current_id
    assert pid is not None
    return pid


async def type_note(pilot: Pilot[Any], text: str) -> str:
    pid = current_id(pilot)
    await pilot.press("n")
    await pilot.pause()
    await pilot.pause()
    assert pilot.app.focused is not None and pilot.app.focused.id == "note-editor"
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
    return pid


# 1. QA 15: the note typed in the app survives every way out ---------------------
async def test_note_saved_when_app_quits_with_ctrl_q() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        pid = await type_note(pilot, "typed then quit")
        await pilot.press("ctrl+q")
    assert lib.state(pid).note == "typed then quit"


async def test_note_saved_when_quit_from_the_palette() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        pid = await type_note(pilot, "palette quit")
        await pilot.app.run_action("app.quit")  # what the palette's Quit runs
        await pilot.pause()
    assert lib.state(pid).note == "palette quit"


async def test_note_saved_when_app_exits_otherwise() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        pid = await type_note(pilot, "exit")
        pilot.app.exit()
    assert lib.state(pid).note == "exit"


async def test_note_saved_on_disk_after_quit(db_path: Any) -> None:
    lib = Library.open(db_path)
    lib.add_papers(fixture_library().papers())
    async with running(lib) as pilot:
        pid = await type_note(pilot, "on disk")
        await pilot.press("ctrl+q")
    lib.close()
    again = Library.open(db_path)
    assert again.state(pid).note == "on disk"
    again.close()


async def test_note_saved_on_escape_and_on_tab() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        pid = await type_note(pilot, "esc")
        await pilot.press("escape")
        await settle(pilot)
        assert lib.state(pid).note == "esc"
        assert pilot.app.focused is not None and pilot.app.focused.id != "note-editor"
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("end", "x", "tab")
        await settle(pilot)
        assert lib.state(pid).note == "escx"


async def test_note_saved_when_clicking_elsewhere() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        pid = await type_note(pilot, "clicked")
        await pilot.click(PaperList)
        await settle(pilot)
        assert lib.state(pid).note == "clicked"
