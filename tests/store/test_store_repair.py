"""`reader check` fixes file modes it can and gives advice that works for the others;
`reader check --restore N` saves the current state as a backup, then restores."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from store_fixtures import make_papers

from reader.cli import main
from reader.store import Library, files

P0 = make_papers(1)[0].id


def _ratings(path: Path) -> list[int | None]:
    return [d.get("rating") for d in json.loads(path.read_text())["state"].values()]


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(files, "BACKUP_INTERVAL_S", 0.0)
    path = tmp_path / "library.json"
    with Library.open(path) as lib:
        lib.add_papers(make_papers(3))
        for rating in (1, 2, 3):
            lib.set_rating(P0, rating)
    return path


def test_check_makes_a_catalogue_readable_by_others_private(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library.chmod(0o644)
    library.with_name("library.state.json.bak.1").chmod(0o664)
    assert main(["--db", str(library), "check"]) == 0
    out = capsys.readouterr().out
    assert f"fixed: {library} was readable by others (mode 0644); it is now 0600" in out
    assert stat.S_IMODE(library.stat().st_mode) == 0o600
    assert stat.S_IMODE(library.with_name("library.state.json.bak.1").stat().st_mode) == 0o600
    assert main(["--db", str(library), "check"]) == 0
    assert "fixed:" not in capsys.readouterr().out  # nothing left to fix


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")
def test_a_file_of_another_user_gets_advice_that_can_work(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = library.with_name("library.state.json")
    os.chown(state, 12345, 12345)
    state.chmod(0o444)
    assert main(["--db", str(library), "rate", P0, "5"]) == 1
    err = capsys.readouterr().err
    assert "chmod u+w" not in err
    assert "belongs to user 12345" in err and "sudo chown root" in err
    state.chmod(0o644)
    main(["--db", str(library), "check"])
    out = capsys.readouterr().out
    assert "belongs to user 12345, so Reader cannot change it" in out


def test_restore_saves_the_current_state_first(library: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    state = library.with_name("library.state.json")
    bak = [library.with_name(f"library.state.json.bak.{i}") for i in (1, 2, 3)]
    assert _ratings(state) == [3]
    assert _ratings(bak[0]) == [2] and _ratings(bak[1]) == [1]
    assert main(["--db", str(library), "check", "--restore", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"restored {state} from backup 2; the state it replaced is now "
                          "backup 1")
    assert _ratings(state) == [1]
    assert _ratings(bak[0]) == [3]  # the state before the restore
    assert _ratings(bak[2]) == [1]  # the restored backup, one generation older
    with Library.open(library) as lib:
        assert lib.state(P0).rating == 1
    # and the restore is undone the same way
    assert main(["--db", str(library), "check", "--restore", "1"]) == 0
    assert _ratings(state) == [3]


def test_restore_of_a_missing_or_damaged_backup_changes_nothing(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = library.with_name("library.state.json")
    before = state.read_bytes()
    assert main(["--db", str(library), "check", "--restore", "5"]) == 1
    library.with_name("library.state.json.bak.1").write_text("{garbage")
    assert main(["--db", str(library), "check", "--restore", "1"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "no backup 5" in err[0] and "damaged" in err[1]
    assert state.read_bytes() == before


def test_the_advice_for_a_damaged_state_file_is_the_restore_command(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library.with_name("library.state.json").write_text("{garbage")
    assert main(["--db", str(library), "list"]) == 1
    err = capsys.readouterr().err
    assert "check --restore 1" in err and "cp " not in err
