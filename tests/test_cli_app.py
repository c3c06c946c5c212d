"""`reader` with no command opens the app: on the right library and theme, read
by a light parser; anything else goes to the full parser and its messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import reader.tui
from reader.cli import main


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, Any]]:
    calls: list[tuple[Path, Any]] = []
    monkeypatch.setattr(reader.tui, "run_app",
                        lambda path, *, theme=None, demo=False: calls.append((path, theme)))
    return calls


@pytest.mark.parametrize(("argv", "db", "theme"), [
    ([], "default", None),
    (["--db", "lib.json"], "lib.json", None),
    (["--theme", "reader-light", "--db", "lib.json"], "lib.json", "reader-light"),
    (["--db=lib.json"], "lib.json", None),  # the full parser's spelling
])
def test_reader_alone_opens_the_app(opened: list[tuple[Path, Any]], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch, argv: list[str],
                                    db: str, theme: str | None) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("READER_DB", str(tmp_path / "default"))
    (tmp_path / "default").touch()
    (tmp_path / "lib.json").touch()
    assert main(argv) == 0
    assert [(p.name, t) for p, t in opened] == [(db, theme)]


class _Terminal:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("answer", ["y", "n", None])
def test_a_db_path_with_no_library_is_created_only_when_the_user_says_so(
        opened: list[tuple[Path, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], answer: str | None) -> None:
    typo = tmp_path / "libary.json"
    if answer is not None:  # None: no terminal to ask on
        monkeypatch.setattr("sys.stdin", _Terminal())
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    code = main(["--db", str(typo)])
    if answer == "y":
        assert code == 0 and [p for p, _ in opened] == [typo]
    else:
        assert code == 1 and not opened
        err = capsys.readouterr().err
        assert f"no library at {typo}" in err and err.count("\n") == 1


@pytest.mark.parametrize(("argv", "says"), [
    (["improt"], "invalid choice: 'improt'"),
    (["--db"], "argument --db: expected one argument"),
    (["--db", "lib.json", "--nope"], "unrecognized arguments: --nope"),
])
def test_anything_else_gets_the_full_parsers_one_message(
        opened: list[tuple[Path, Any]], capsys: pytest.CaptureFixture[str],
        argv: list[str], says: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2 and not opened
    err = capsys.readouterr().err
    assert says in err and err.count("error:") == 1
