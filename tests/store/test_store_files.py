"""Files on disk: bad files are never overwritten, permissions, temp files, backups, schema."""

from __future__ import annotations

import errno
import json
import os
import random
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from store_fixtures import make_papers

from reader.cli import main
from reader.errors import StoreError
from reader.model import Status
from reader.store import Library, files, schema

P0 = "arxiv:2401.00000"


def make_library(path: Path) -> None:
    with Library.open(path) as lib:
        lib.add_papers(make_papers(20))
        lib.set_status(P0, Status.READ)
        lib.set_note(P0, "a note")


def truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def garbage(p: Path) -> None:
    p.write_bytes(random.Random(1).randbytes(3000))


def empty(p: Path) -> None:
    p.write_bytes(b"")


def directory(p: Path) -> None:
    p.unlink()
    p.mkdir()
    (p / "inside").write_text("x")


def future(p: Path) -> None:
    data = json.loads(p.read_text())
    data["_meta"]["1"]["schema"] = schema.SCHEMA + 1
    p.write_text(json.dumps(data))


def foreign(p: Path) -> None:
    p.write_text('[{"title": "an export, not a library"}]')


def unreadable(p: Path) -> None:
    p.chmod(0)


BAD: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (truncate, "damaged"),
    "random bytes": (garbage, "damaged"),
    "empty": (empty, "empty"),
    "directory": (directory, "directory"),
    "future schema": (future, "newer Reader"),
    "not a library": (foreign, "not a Reader library"),
    "unreadable": (unreadable, "permission denied"),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()
            if p.is_file() and not p.name.endswith(".lock")}


@pytest.mark.parametrize("which", ["library.json", "library.state.json"])
@pytest.mark.parametrize("damage", list(BAD))
def test_bad_file_is_refused_and_left_byte_for_byte(tmp_path: Path, which: str,
                                                      damage: str) -> None:
    path = tmp_path / "library.json"
    make_library(path)
    target = tmp_path / which
    breaker, words = BAD[damage]
    breaker(target)
    mode = target.stat().st_mode
    target.chmod(mode | stat.S_IRUSR)
    before = {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    target.chmod(mode)

    for create in (True, False):
        with pytest.raises(StoreError) as err:
            Library.open(path, create=create)
        message = str(err.value)
        assert "\n" not in message and str(target) in message and words in message
    code = main(["--db", str(path), "mark", P0, "skipped"])
    assert code == 1
    problems = Library.check(path)
    assert any(line.startswith("error") and str(target) in line for line in problems)

    target.chmod(mode | stat.S_IRUSR)
    after = {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before  # nothing rewritten, no temp file left behind


def test_cli_error_is_one_line_with_exit_1(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "library.json"
    make_library(path)
    truncate(tmp_path / "library.state.json")
    assert main(["--db", str(path), "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "library.state.json" in err and "backup" in err


def test_read_only_file_reads_but_refuses_changes(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    make_library(path)
    state = tmp_path / "library.state.json"
    state.chmod(0o400)
    before = state.read_bytes()
    with Library.open(path) as lib:
        assert lib.state(P0).note == "a note"
        with pytest.raises(StoreError, match="read-only"):
            lib.set_rating(P0, 5)
        assert lib.state(P0).rating is None  # the failed change is not shown as done
    assert state.read_bytes() == before


def test_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.json"
    make_library(path)
    before = snapshot(tmp_path)
    with Library.open(path) as lib:
        def full_disk(*_: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", full_disk)
        with pytest.raises(StoreError, match="No space left"):
            lib.set_rating(P0, 4)
        assert lib.state(P0).rating is None
        assert snapshot(tmp_path) == before
        monkeypatch.undo()
        lib.set_rating(P0, 4)
    with Library.open(path, create=False) as lib:
        assert lib.state(P0).rating == 4 and lib.state(P0).note == "a note"


def test_new_files_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "BACKUP_INTERVAL_S", 0.0)
    path = tmp_path / "new" / "library.json"
    make_library(path)
    made = [p for p in path.parent.iterdir()]
    assert {p.name for p in made} >= {"library.json", "library.state.json",
                                      "library.json.lock", "library.state.json.bak.1"}
    for p in made:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


def test_reading_a_missing_library_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "library.json"
    with Library.open(path, create=False) as lib:
        assert lib.entries() == [] and len(lib) == 0
    assert main(["--db", str(path), "list"]) == 0
    assert not path.parent.exists()
    assert Library.check(path)[0].startswith("ok: no library")


def test_leftover_temp_files_are_reported_then_removed(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    make_library(path)
    leftover = tmp_path / ".library.json.tmp-abc123"
    leftover.write_bytes(b"{half a write")
    assert any("leftover temporary file" in line for line in Library.check(path))
    with Library.open(path, create=False):
        assert leftover.exists()  # readers never delete (a writer may own it)
    with Library.open(path):
        pass
    assert not leftover.exists()
    assert not any("temporary file" in line for line in Library.check(path))


def test_rolling_backups_keep_older_generations(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "BACKUP_INTERVAL_S", 0.0)
    path = tmp_path / "library.json"
    with Library.open(path) as lib:
        lib.add_papers(make_papers(3))
        for rating in (1, 2, 3, 4, 5, 1, 2, 3):
            lib.set_rating(P0, rating)
    names = sorted(p.name for p in tmp_path.glob("library.state.json.bak.*"))
    assert len(names) == files.BACKUP_GENERATIONS
    newest = json.loads((tmp_path / "library.state.json.bak.1").read_text())
    assert [d["rating"] for d in newest["state"].values()] == [2]  # the state before the last
    report = Library.check(path)
    assert any("library.state.json.bak.1" in line and "restore" in line for line in report)
    assert not any(line.startswith(("error", "warning")) for line in report)


def test_backups_are_made_at_most_once_per_interval(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    with Library.open(path) as lib:
        lib.add_papers(make_papers(3))
        for rating in (1, 2, 3):
            lib.set_rating(P0, rating)
    assert [p.name for p in tmp_path.glob("*.bak.*")] == ["library.state.json.bak.1"]


def test_schema_0_file_is_migrated_on_next_change(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    papers = {str(i + 1): p.to_dict() for i, p in enumerate(make_papers(2))}
    path.write_text(json.dumps({"papers": papers}))  # plain TinyDB, no _meta
    with Library.open(path) as lib:
        assert len(lib) == 2
        lib.set_status(P0, Status.TO_READ)
        lib.add_papers(make_papers(3))
    assert json.loads(path.read_text())["_meta"]["1"]["schema"] == schema.SCHEMAS[schema.CATALOGUE]
    with Library.open(path, create=False) as lib:
        assert len(lib) == 3 and lib.state(P0).status is Status.TO_READ


def test_state_file_given_as_library_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    make_library(path)
    with pytest.raises(StoreError, match="reading-state file"):
        Library.open(tmp_path / "library.state.json", create=False)


def test_reading_commands_write_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    make_library(path)
    (tmp_path / "library.json.lock").unlink()
    before = {p.name: (p.stat().st_mtime_ns, p.stat().st_ino) for p in tmp_path.iterdir()}
    assert main(["--db", str(path), "list"]) == 0
    assert main(["--db", str(path), "show", "2401.00000", "--json"]) == 0
    assert main(["--db", str(path), "check"]) == 0
    after = {p.name: (p.stat().st_mtime_ns, p.stat().st_ino) for p in tmp_path.iterdir()}
    assert after == before


def test_interrupted_write_is_not_resurrected_later(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.json"
    make_library(path)
    with Library.open(path) as lib:
        def interrupted(*_: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            lib.set_rating("arxiv:2401.00001", 1)
        monkeypatch.undo()
        lib.add_tags(P0, ["later"])  # must not carry the interrupted rating along
        assert lib.state("arxiv:2401.00001").rating is None
    with Library.open(path, create=False) as lib:
        assert lib.state("arxiv:2401.00001").rating is None
        assert lib.state(P0).tags == ["later"]
