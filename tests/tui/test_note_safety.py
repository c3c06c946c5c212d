"""The app's note editor never loses a text: a note changed elsewhere while it was
open is merged (both kept, and the toast says so); a note that cannot be saved stays
in the editor and goes to a rescue file (0600) named in the message."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reader.store import Library
from reader.tui.widgets.note import NoteEditor
from tests.tui.tui_fixtures import fixture_library, main_screen, running, settle


async def open_note(pilot: Pilot[Any]) -> str:
    from reader.tui.widgets import PaperList

    pid = main_screen(pilot.app).query_one(PaperList).current_id
    assert pid is not None
    await pilot.press("n")
    await pilot.pause()
    await pilot.pause()
    assert pilot.app.focused is not None and pilot.app.focused.id == "note-editor"
    return pid


async def type_text(pilot: Pilot[Any], text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


def messages(pilot: Pilot[Any]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def test_a_note_changed_elsewhere_while_open_keeps_both_texts(db_path: Path) -> None:
    with Library.open(db_path) as seed:
        seed.add_papers(fixture_library().papers())
    lib = Library.open(db_path)
    try:
        async with running(lib) as pilot:
            pid = await open_note(pilot)
            await type_text(pilot, "app edit")
            with Library.open(db_path) as other:  # `reader note ID ...` in another terminal
                other.set_note(pid, "IMPORTANT cli note")
            await pilot.press("escape")
            await settle(pilot)
            assert any(m.startswith("note merged: it was changed elsewhere")
                       for m in messages(pilot)), messages(pilot)
    finally:
        lib.close()
    with Library.open(db_path) as again:
        note = again.state(pid).note
    assert note.startswith("app edit")
    assert "IMPORTANT cli note" in note


async def test_an_unchanged_note_is_simply_saved(db_path: Path) -> None:
    with Library.open(db_path) as seed:
        seed.add_papers(fixture_library().papers())
    lib = Library.open(db_path)
    try:
        async with running(lib) as pilot:
            pid = await open_note(pilot)
            await type_text(pilot, "only mine")
            await pilot.press("escape")
            await settle(pilot)
    finally:
        lib.close()
    with Library.open(db_path) as again:
        assert again.state(pid).note == "only mine"


async def test_a_note_that_cannot_be_saved_stays_in_the_editor_and_in_a_rescue_file(
        db_path: Path) -> None:
    with Library.open(db_path) as seed:
        seed.add_papers(fixture_library().papers())
    state_file = db_path.with_name("library.state.json")
    lib = Library.open(db_path)
    try:
        async with running(lib) as pilot:
            await open_note(pilot)
            await type_text(pilot, "precious words")
            os.chmod(state_file, 0o400)  # the write is refused (even for root)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.pause()
            editor = main_screen(pilot.app).query_one("#note-editor", NoteEditor)
            assert editor.display
            assert editor.text == "precious words"
            failed = [m for m in messages(pilot) if m.startswith("The note was not saved")]
            assert len(failed) == 1, messages(pilot)
            assert "Your text is still in the editor." in failed[0]
            rescued = Path(failed[0].split(" A copy is in ")[1].rstrip("."))
            assert stat.S_IMODE(rescued.stat().st_mode) == 0o600
            assert "precious words" in rescued.read_text()
            # once the file can be written again, leaving the editor saves the note
            os.chmod(state_file, 0o600)
            await pilot.press("escape")
            await settle(pilot)
    finally:
        lib.close()
    with Library.open(db_path) as again:
        assert "precious words" in [s.note for s in
                                    (again.state(p.id) for p in again.papers())]
