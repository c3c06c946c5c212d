"""Conflict copies left by Syncthing and Dropbox are merged when a library is opened
(CLI and app), reported in one line and moved aside; a damaged one is reported and
left where it is."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Paper, Status
from reader.store import Library
from reader.sync.copies import BACKUP_FOLDER, find_copies, original_name

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tui"))
from tui_fixtures import FIXED_NOW, main_screen, settle

PAPERS = [Paper(id=f"arxiv:2403.0000{i}", title=f"Paper {i}") for i in range(3)]
P0, P1 = PAPERS[0].id, PAPERS[1].id
SYNCTHING = "library.state.sync-conflict-20261206-064038-ABCDEFG.json"
DROPBOX = "library (Bob's conflicted copy 2026-12-06).json"
DAMAGED = "library.state (Bob's conflicted copy 2026-12-07).json"


@pytest.mark.parametrize(("name", "original"), [
    (SYNCTHING, "library.state.json"),
    ("library.sync-conflict-20261206-064038-ABCDEFG.json", "library.json"),
    (DROPBOX, "library.json"),
    ("library.state (conflicted copy 2026-12-06 (1)).json", "library.state.json"),
    ("library.state.json", None),
    ("library.state.json.bak.1", None),
    ("notes (copy).json", None),
])
def test_conflict_copy_names(name: str, original: str | None) -> None:
    assert original_name(name) == original


def make_diverged(tmp_path: Path) -> Path:
    """This machine's library, and copies of both files as another machine left them."""
    db = tmp_path / "library.json"
    with Library.open(db, device="here") as lib:
        lib.add_papers(PAPERS[:2])
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(db, other / "library.json")
    shutil.copy(tmp_path / "library.state.json", other / "library.state.json")
    with Library.open(db, device="here") as lib:
        lib.set_note(P0, "Written here.")
    with Library.open(other / "library.json", device="there") as lib:
        lib.add_papers(PAPERS[2:])
        lib.set_note(P0, "Written there.")
        lib.set_status(P1, Status.READ)
    shutil.copy(other / "library.state.json", tmp_path / SYNCTHING)
    shutil.copy(other / "library.json", tmp_path / DROPBOX)
    return db


def test_the_cli_merges_copies_on_open_in_one_line_and_moves_them_aside(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_diverged(tmp_path)
    (tmp_path / DAMAGED).write_text("{ not json")
    assert main(["--db", str(db), "list"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert err[0].startswith("reader: merged 2 conflict copies")
    assert "3 papers changed, 1 note conflict kept" in err[0]
    assert DAMAGED in err[1] and "left in place" in err[1]
    assert sorted(p.name for p in (tmp_path / BACKUP_FOLDER).iterdir()) == sorted(
        [SYNCTHING, DROPBOX])
    assert [p.name for p in find_copies(db)] == [DAMAGED]  # left alone
    assert (tmp_path / DAMAGED).read_text() == "{ not json"
    with Library.open(db, create=False) as lib:
        assert len(lib) == 3
        note = lib.state(P0).note
        assert "Written here." in note and "Written there." in note
        assert lib.state(P1).status is Status.READ
    assert main(["--db", str(db), "list"]) == 0  # nothing left to merge: only the damaged one
    assert "reader: merged" not in capsys.readouterr().err


@pytest.mark.asyncio
async def test_the_app_merges_copies_and_shows_the_merged_changes(tmp_path: Path) -> None:
    from reader.tui.app import make_app

    db = make_diverged(tmp_path)
    (tmp_path / DAMAGED).write_text("{ not json")
    app = make_app(lambda: Library.open(db), db_path=db, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.controller.poll()  # what the interval timer does every POLL_EVERY seconds
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Merged 2 conflict copies") for m in messages), messages
        assert any(DAMAGED in m for m in messages)
        assert screen.view is not None
        assert screen.view.entries[P1].state.status is Status.READ
        assert "Written there." in screen.view.entries[P0].state.note
        assert len(screen.view.entries) == 3
        screen.controller.poll()  # a damaged copy is reported once, not at every poll
        await settle(pilot)
        assert sum(DAMAGED in str(n.message) for n in app._notifications) == 1
