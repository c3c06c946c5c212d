"""The export dialog: looks right at 80x24, writes the chosen selection, asks before
overwriting, shows errors inside itself."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from textual.app import App
from textual.widgets import Button, Input, RadioSet, Select, Static

from reader.model import Entry, Paper, ReadingState, Status
from reader.tui.dialogs.export import ExportDialog

TODAY = date(2026, 11, 28)


def _entry(n: int, title: str, status: Status, queue_pos: float | None = None) -> Entry:
    pid = f"arxiv:2401.{n:05d}"
    paper = Paper(id=pid, title=title, authors=["Ada Lovelace", "Alan Turing"], year=2024,
                  arxiv_id=pid.split(":")[1], added_at=f"2026-11-{n:02d}T00:00:00+00:00")
    return Entry(paper, ReadingState(pid, status=status, queue_pos=queue_pos))


def selections() -> dict[str, list[Entry]]:
    to_read = [_entry(1, "Second in the queue", Status.TO_READ, 2.0),
               _entry(2, "First in the queue", Status.TO_READ, 1.0)]
    read = [_entry(3, "Already read [CLS] <b>", Status.READ)]
    return {"To-read list": to_read, "Current shelf: Read": read,
            "Current search: [b]bold[/b] [@click=app.quit]": []}


class DialogApp(App[None]):
    """Pushes the dialog on start and keeps its answer."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.answer: Path | str | None = "pending"

    def on_mount(self) -> None:
        self.push_screen(ExportDialog(selections(), self.folder, today=TODAY), self._done)

    def _done(self, result: Path | None) -> None:
        self.answer = result


def test_snapshot(snap_compare: object) -> None:
    app = DialogApp(Path("/home/ada/Documents"))
    assert snap_compare(app, terminal_size=(80, 24))  # type: ignore[operator]


async def _export(app: DialogApp, pilot: object) -> None:
    app.screen.query_one("#export", Button).press()
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_exports_the_queue_in_order_as_json_by_keyboard(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value == str(tmp_path / "reading-list-2026-11-28.md")
        # Format: the radio set has focus; JSON is the fourth choice.
        await pilot.press("down", "down", "down", "enter")
        assert path_input.value == str(tmp_path / "reading-list-2026-11-28.json")
        await pilot.press("tab", "tab", "tab")
        assert app.focused is app.screen.query_one("#export", Button)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = tmp_path / "reading-list-2026-11-28.json"
    assert app.answer == written
    doc = json.loads(written.read_text(encoding="utf-8"))
    assert [p["title"] for p in doc["papers"]] == ["First in the queue", "Second in the queue"]


async def test_other_selection_and_typed_path(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    target = tmp_path / "read.md"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#selection", Select).value = "Current shelf: Read"
        app.screen.query_one("#path", Input).value = str(target)
        await _export(app, pilot)
    assert app.answer == target
    text = target.read_text(encoding="utf-8")
    assert "- [x] [Already read \\[CLS\\] \\<b\\>]" in text and "queue" not in text


async def test_existing_file_needs_a_second_press(tmp_path: Path) -> None:
    target = tmp_path / "reading-list-2026-11-28.md"
    target.write_text("keep me", encoding="utf-8")
    app = DialogApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _export(app, pilot)
        assert target.read_text(encoding="utf-8") == "keep me"
        assert app.answer == "pending"
        button = app.screen.query_one("#export", Button)
        assert str(button.label) == "Overwrite"
        assert "already exists" in str(app.screen.query_one("#message", Static).content)
        await _export(app, pilot)
    assert app.answer == target
    assert target.read_text(encoding="utf-8").startswith("# Reading list")


async def test_changing_the_path_cancels_the_overwrite_confirmation(tmp_path: Path) -> None:
    target = tmp_path / "reading-list-2026-11-28.md"
    target.write_text("keep me", encoding="utf-8")
    app = DialogApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _export(app, pilot)
        app.screen.query_one("#format", RadioSet).focus()
        await pilot.press("down", "enter")  # CSV: another file, not yet existing
        await pilot.pause()
        assert str(app.screen.query_one("#export", Button).label) == "Export"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.pause()
        await _export(app, pilot)
        assert target.read_text(encoding="utf-8") == "keep me"  # asked again
        assert app.answer == "pending"


async def test_errors_stay_in_the_dialog(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        message = app.screen.query_one("#message", Static)
        app.screen.query_one("#path", Input).value = str(tmp_path / "missing" / "x.md")
        await _export(app, pilot)
        assert "does not exist" in str(message.content)
        assert message.has_class("-error")
        app.screen.query_one("#selection", Select).value = \
            "Current search: [b]bold[/b] [@click=app.quit]"
        await _export(app, pilot)
        assert "empty" in str(message.content)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape")
        await pilot.pause()
    assert app.answer is None
    assert list(tmp_path.iterdir()) == []


async def test_selection_labels_are_shown_literally(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        select = app.screen.query_one("#selection", Select)
        select.value = "Current search: [b]bold[/b] [@click=app.quit]"
        await pilot.pause()
        shown = app.screen.query_one("#selection SelectCurrent Static#label", Static)
        assert str(shown.content) == "Current search: [b]bold[/b] [@click=app.quit] (0)"
