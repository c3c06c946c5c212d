"""Notes saved on every way out of the app, store writes in key order, links opened
through the app's guard, the export dialog's choices, and start-up errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.errors import StoreError
from reader.store import Library
from reader.tui.widgets import PaperList
from tests.tui.tui_fixtures import fixture_library, main_screen, running, settle, wait_until


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


# 2. review 6: saving a search takes its place in the write line in key order ------
async def test_saving_a_search_is_written_before_a_later_key() -> None:
    lib = fixture_library()
    calls: list[str] = []
    save_search, set_status = lib.save_search, lib.set_status_many  # marks (and bulk marks)

    def record_save(*args: Any, **kwargs: Any) -> Any:
        calls.append("save_search")
        return save_search(*args, **kwargs)

    def record_status(*args: Any, **kwargs: Any) -> Any:
        calls.append("set_status")
        return set_status(*args, **kwargs)

    lib.save_search = record_save  # type: ignore[method-assign]
    lib.set_status_many = record_status  # type: ignore[method-assign]
    async with running(lib) as pilot:
        screen = main_screen(pilot.app)
        screen.query_text = "bottleneck"
        # the search is saved first, then a paper is marked (same UI-thread turn)
        screen.save_current_search()
        screen.action_mark("to-read")
        await settle(pilot)
    assert calls == ["save_search", "set_status"]


# 3. one writer: store changes run one at a time, in the order they were asked ------
def test_store_changes_run_in_the_order_asked_one_at_a_time() -> None:
    import threading

    from reader.tui.session import Session

    session = Session(fixture_library())
    gate = threading.Event()
    ran: list[int] = []

    def first() -> int:
        gate.wait(20)
        ran.append(1)
        return 1

    futures = [session.submit(first), session.submit(lambda: ran.append(2) or 2),
               session.submit(lambda: ran.append(3) or 3)]
    assert ran == [] and not futures[1].done()  # the later ones wait for the first
    gate.set()
    assert [f.result(20) for f in futures] == [1, 2, 3]
    assert ran == [1, 2, 3]
    session.close()


def test_a_failed_change_does_not_stop_the_ones_after_it() -> None:
    from reader.tui.session import Session

    session = Session(fixture_library())

    def broken(lib: Library) -> None:
        raise StoreError("disk full")

    failed = session.write(broken)
    after = session.write(lambda lib: lib.set_rating_many([lib.entries()[0].paper.id], 4))
    with pytest.raises(StoreError, match="disk full"):
        failed.result(20)
    change, writes = after.result(20)
    assert change is not None and writes == 1  # the failed one wrote nothing
    session.close()


# 4. review 2 + QA 1: links go through the app's guard; no browser -> copied ---------
def toasts(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_no_browser_copies_the_link_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def no_browser(url: str, *args: Any, **kwargs: Any) -> bool:
        opened.append(url)
        return False

    monkeypatch.setattr("webbrowser.open", no_browser)
    async with running(fixture_library()) as pilot:
        pilot.app.open_link("https://example.org/kitchens")
        await settle(pilot)
        assert opened == ["https://example.org/kitchens"]
        assert pilot.app.clipboard == "https://example.org/kitchens"
        assert "No browser found — link copied: https://example.org/kitchens" in toasts(
            pilot.app)
        assert not any(t.startswith("Opening") for t in toasts(pilot.app))


async def test_a_link_clicked_in_the_note_opens_through_the_app(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Markdown

    from reader.tui.widgets import DetailPane

    opened: list[str] = []

    def browser(url: str, *args: Any, **kwargs: Any) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", browser)
    lib = fixture_library()
    pid = lib.papers()[0].id
    lib.set_note(pid, "see [code](https://example.org/code)")
    async with running(lib) as pilot:
        detail = main_screen(pilot.app).query_one(DetailPane)
        note = detail.query_one("#detail-note", Markdown)
        detail.post_message(Markdown.LinkClicked(note, "https://example.org/code"))
        await settle(pilot)
        assert opened == ["https://example.org/code"]
        assert "Opening https://example.org/code" in toasts(pilot.app)


# 6. QA 16: the export dialog offers the shelf and the search apart ----------------
async def test_export_offers_whole_shelf_and_search_and_says_how_many(tmp_path: Path) -> None:
    from textual.widgets import Input, Select

    from reader.tui.dialogs.export import ExportDialog

    async with running(fixture_library()) as pilot:
        await pilot.press("slash", *"bottleneck", "enter")
        await settle(pilot)
        shown = len(main_screen(pilot.app).query_one(PaperList).ids)
        assert 0 < shown < 12
        await pilot.press("e")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        counts = {label: len(entries) for label, entries in dialog.choices.items()}
        assert counts['Search "bottleneck" in Inbox'] == shown
        assert counts["Shelf: Inbox"] == 12
        dialog.query_one("#selection", Select).value = 'Search "bottleneck" in Inbox'
        target = tmp_path / "out.md"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.exists()
        assert f"Exported {shown} papers to {target}" in toasts(pilot.app)


async def test_export_without_a_search_offers_the_shelf_only() -> None:
    from reader.tui.dialogs.export import ExportDialog

    async with running(fixture_library()) as pilot:
        await pilot.press("e")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert not any(label.startswith("Search") for label in dialog.choices)
        assert len(dialog.choices["Shelf: Inbox"]) == 12


# 7. QA 17: a fatal start-up error prints like the other commands ------------------
async def test_a_library_that_cannot_open_exits_1_with_the_reader_prefix(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    from reader.tui.app import make_app

    folder = tmp_path / "a-folder"
    folder.mkdir()
    app = make_app(lambda: Library.open(folder), db_path=folder)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.return_code is not None, "the app ending")
    assert app.return_code == 1
    err = capfd.readouterr().err
    assert err.startswith("reader: ")
    assert "a-folder" in err
