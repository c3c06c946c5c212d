"""The export dialog: looks right at 80x24, writes the chosen selection, asks before
overwriting, shows errors inside itself."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Button, Input, RadioSet, Select, Static
from tui_fixtures import fixture_library, main_screen, running, settle

from reader.model import Entry, Paper, ReadingState, Status
from reader.store import Library
from reader.tui.dialogs.export import ExportDialog
from reader.tui.widgets import PaperList

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


# --- the app's `e`: the to-read list by default ---------------------------------------

CHECKLIST_TITLE = re.compile(r"^- \[[ x]\] \[(.+?)\]\(", re.MULTILINE)


def _queued_library() -> Library:
    """Twelve papers on the Inbox shelf, three of them moved to the to-read queue."""
    lib = fixture_library()
    for pid in ("arxiv:2403.00007", "arxiv:2403.00003", "arxiv:2403.00010"):
        lib.set_status(pid, Status.TO_READ)
    lib.set_status("arxiv:2403.00004", Status.READ)
    return lib


async def test_e_then_defaults_writes_exactly_the_to_read_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/Documents: the current folder
    monkeypatch.chdir(tmp_path)
    lib = _queued_library()
    async with running(lib) as pilot:
        assert main_screen(pilot.app).shelf_key == "status:new"  # on the Inbox shelf
        await pilot.press("e")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#selection", Select).value == "To-read list"
        summary = str(dialog.query_one("#summary", Static).render())
        assert "Exports 3 papers: the to-read list." in summary
        await pilot.press("ctrl+s")  # accept every default
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ExportDialog)
    written = list(tmp_path.glob("reading-list-*.md"))
    assert len(written) == 1
    queue = [e.paper.title for e in lib.queue()]
    assert len(queue) == 3
    assert CHECKLIST_TITLE.findall(written[0].read_text(encoding="utf-8")) == queue


async def test_the_other_selections_stay_available_and_the_summary_follows(
        tmp_path: Path) -> None:
    async with running(_queued_library()) as pilot:
        await pilot.press("slash", *"scaling", "enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        counts = {label: len(entries) for label, entries in dialog.choices.items()}
        shown = len(main_screen(pilot.app).query_one(PaperList).ids)
        assert counts == {"To-read list": 3, 'Search "scaling" in Inbox': shown,
                          "Shelf: Inbox": 8, "All papers": 12}
        select = dialog.query_one("#selection", Select)
        select.value = "All papers"
        await pilot.pause()
        assert "Exports 12 papers: every paper in the library." in str(
            dialog.query_one("#summary", Static).render())
        select.value = 'Search "scaling" in Inbox'
        await pilot.pause()
        assert f'Exports {shown} papers: the papers matching "scaling" in Inbox.' in str(
            dialog.query_one("#summary", Static).render())


@pytest.mark.parametrize("shelf", ["status:to-read", "all"])
async def test_on_the_to_read_and_all_shelves_nothing_is_offered_twice(shelf: str) -> None:
    async with running(_queued_library()) as pilot:
        main_screen(pilot.app).set_shelf(shelf)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert list(dialog.choices) == ["To-read list", "All papers"]


async def test_an_empty_to_read_list_says_so_before_export() -> None:
    async with running(fixture_library()) as pilot:
        await pilot.press("e")
        await settle(pilot)
        summary = pilot.app.screen.query_one("#summary", Static)
        assert "Nothing to export" in str(summary.render())
        assert summary.has_class("-empty")
