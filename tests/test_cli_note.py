"""`reader note`: an empty standard input never clears a note by accident; --clear does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Paper
from reader.store import Library

PID = "arxiv:2401.00001"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    with Library.open(path) as lib:
        lib.add_papers([Paper(id=PID, title="A title", arxiv_id="2401.00001")])
        lib.set_note(PID, "precious")
    return path


def note_of(db: Path) -> str:
    with Library.open(db, create=False) as lib:
        return lib.state(PID).note


def test_empty_stdin_is_refused_with_one_line_naming_clear(
        db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", str(db), "note", "2401.00001", "-"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--clear" in err
    assert note_of(db) == "precious"


def test_clear_flag_clears_the_note(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "note", "2401.00001", "--clear"]) == 0
    assert "note cleared" in capsys.readouterr().out
    assert note_of(db) == ""


def test_clear_flag_accepts_empty_stdin(db: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["--db", str(db), "note", "2401.00001", "-", "--clear"]) == 0
    assert note_of(db) == ""


def test_clear_with_a_note_text_changes_nothing(db: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "note", "2401.00001", "new text", "--clear"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert note_of(db) == "precious"


def test_no_text_prints_the_note_and_changes_nothing(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "note", "2401.00001"]) == 0
    assert capsys.readouterr().out == "precious\n"
    assert note_of(db) == "precious"


def test_append_adds_after_the_note(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "note", "2401.00001", "second thought", "--append"]) == 0
    assert "14 characters added" in capsys.readouterr().out
    assert note_of(db) == "precious\n\nsecond thought"
    assert main(["--db", str(db), "note", "2401.00001", "x", "--append", "--clear"]) == 1
    assert note_of(db) == "precious\n\nsecond thought"


def test_stdin_text_is_saved(db: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("# new\n\nbody\n"))
    assert main(["--db", str(db), "note", "2401.00001", "-"]) == 0
    assert note_of(db) == "# new\n\nbody"


@pytest.mark.parametrize("stdin", ["", "\n", "  \n\n"])
def test_empty_stdin_keeps_the_note(db: Path, stdin: str, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["--db", str(db), "note", "2401.00001", "-"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty" in err and "''" in err
    assert note_of(db) == "precious"


def test_an_explicit_empty_text_still_clears(db: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "note", "2401.00001", ""]) == 0
    assert "note cleared" in capsys.readouterr().out
    assert note_of(db) == ""
