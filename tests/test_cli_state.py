"""The CLI commands that change reading state, and `reader check`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.model import Paper
from reader.store import Library
from tests.cli_fixtures import run_cli as run

ROOT = Path(__file__).resolve().parent.parent



@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    papers = [Paper(id=f"arxiv:2401.0000{i}", title=f"Title {i}", arxiv_id=f"2401.0000{i}")
              for i in range(3)]
    with Library.open(path) as lib:
        lib.add_papers(papers)
    return path


def shown(capsys: pytest.CaptureFixture[str], db: Path, pid: str) -> dict[str, object]:
    code, out, _ = run(capsys, "--db", str(db), "show", pid, "--json")
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def test_mark_prints_the_change_and_persists(db: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db), "mark", "2401.00001", "to-read")
    assert (code, err) == (0, "")
    assert out == "arxiv:2401.00001: status: new → to-read\n"
    assert shown(capsys, db, "arxiv:2401.00001")["status"] == "to-read"
    code, out, _ = run(capsys, "--db", str(db), "list", "--status", "toread", "--json")
    assert [e["id"] for e in json.loads(out)] == ["arxiv:2401.00001"]


def test_mark_errors(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(db), "mark", "2401", "read")
    assert code == 1 and "matches 3 papers" in err and err.count("\n") == 1
    code, _, err = run(capsys, "--db", str(db), "mark", "9999.00001", "read")
    assert code == 1 and "no paper matches" in err
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db), "mark", "2401.00001", "finished-ish"])
    assert exit_.value.code == 2


def test_rate_and_clear(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", str(db), "rate", "2401.00002", "4")[1] == \
        "arxiv:2401.00002: rating: 4\n"
    assert shown(capsys, db, "arxiv:2401.00002")["rating"] == 4
    assert run(capsys, "--db", str(db), "rate", "2401.00002", "0")[1] == \
        "arxiv:2401.00002: rating cleared\n"
    assert shown(capsys, db, "arxiv:2401.00002")["rating"] is None
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db), "rate", "2401.00002", "7"])
    assert exit_.value.code == 2


def test_tag_add_and_remove(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", str(db), "tag", "2401.00000", "#ML", "nlp")[1] == \
        "arxiv:2401.00000: tags: +ml +nlp\n"
    assert run(capsys, "--db", str(db), "tag", "2401.00000", "ml", "--remove")[1] == \
        "arxiv:2401.00000: tags: -ml\n"
    assert shown(capsys, db, "arxiv:2401.00000")["tags"] == ["nlp"]
    code, out, _ = run(capsys, "--db", str(db), "list", "--tag", "nlp")
    assert code == 0 and "arxiv:2401.00000" in out and "#nlp" in out


def test_note_from_argument_uses_reader_db(db: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_DB", str(db))
    code, out, _ = run(capsys, "note", "2401.00000", "short note")
    assert code == 0 and out == "arxiv:2401.00000: note saved (10 characters)\n"
    assert shown(capsys, db, "arxiv:2401.00000")["note"] == "short note"


def test_note_from_stdin_in_a_real_process(db: Path) -> None:
    text = "# My notes\n\nTerminal \x1b[2J escape is dropped.\nÜnïcode stays.\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "reader", "--db", str(db), "note",
                           "2401.00001", "-"], input=text.encode(), capture_output=True,
                          env=env, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("arxiv:2401.00001: note saved")
    with Library.open(db, create=False) as lib:
        assert lib.state("arxiv:2401.00001").note == \
            "# My notes\n\nTerminal  escape is dropped.\nÜnïcode stays."


def test_check_healthy_then_damaged(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", str(db), "mark", "2401.00001", "read")
    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code == 0
    assert "ok:" in out and "3 papers, 1 with reading state" in out
    assert "library.state.json.bak.1" in out  # says where the backups are
    state = db.with_name("library.state.json")
    state.write_bytes(state.read_bytes()[:40])
    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code == 1 and "error:" in out and "library.state.json" in out
    code, _, err = run(capsys, "--db", str(db), "mark", "2401.00001", "reading")
    assert code == 1 and "damaged" in err


def test_changing_commands_on_missing_library(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "none" / "library.json"
    for command in (["mark", "2401.00001", "read"], ["list"], ["show", "2401.00001"],
                    ["stats"], ["note", "2401.00001", "x"]):
        code, _, err = run(capsys, "--db", str(path), *command)
        assert code == 1 and f"no library at {path}" in err and err.count("\n") == 1
    assert not path.parent.exists()  # a mistyped --db creates nothing
    code, out, _ = run(capsys, "--db", str(tmp_path / "other.json"), "check")
    assert code == 0 and "no library" in out


def test_note_from_binary_stdin_is_refused(db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "reader", "--db", str(db), "note",
                           "2401.00001", "-"], input=b"\xff\xfe\x00bad", capture_output=True,
                          env=env, timeout=60, check=False)
    assert proc.returncode == 1 and b"not UTF-8" in proc.stderr
    assert proc.stderr.count(b"\n") == 1


def test_list_and_show_never_print_escape_sequences(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "library.json"  # as if edited by hand: nothing sanitized it
    hostile = Paper(id="title:evil", title="Evil\x1b]0;pwned\x07 [CLS] title\x9b2J",
                    abstract="Line one\x1b[2J\nline two\u202e")
    with Library.open(path) as lib:
        lib.add_papers([hostile, Paper(id="title:ok", title="Plain title")])
    code, out, _ = run(capsys, "--db", str(path), "list")
    assert code == 0 and out.count("\n") == 2
    assert "Evil [CLS] title" in out and "Plain title" in out
    code, out, _ = run(capsys, "--db", str(path), "show", "title:evil")
    assert code == 0 and "Line one\nline two" in out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")


def test_mark_and_tag_several_papers_in_one_locked_write(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.store.storage as fileio

    written: list[str] = []
    real = fileio.write_atomic

    def counted(path: Path, *args: Any, **kwargs: Any) -> Any:
        written.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(fileio, "write_atomic", counted)
    code, out, err = run(capsys, "--db", str(db), "mark", "2401.00000", "2401.00001",
                         "2401.00002", "to-read")
    assert (code, err) == (0, "") and out == "status → to-read: 3 papers\n"
    assert written.count("library.state.json") == 1
    written.clear()
    code, out, _ = run(capsys, "--db", str(db), "tag", "2401.00000", "2401.00002", "ml", "cv")
    assert out == "tags: +ml +cv: 2 papers\n" and written.count("library.state.json") == 1
    code, out, _ = run(capsys, "--db", str(db), "tag", "--query", "tag:ml", "reading-group")
    assert out == "tags: +reading-group: 2 papers\n"
    assert shown(capsys, db, "arxiv:2401.00002")["tags"] == ["ml", "cv", "reading-group"]
    code, out, _ = run(capsys, "--db", str(db), "mark", "--query", "status:to-read -tag:ml",
                       "skipped")
    assert out == "arxiv:2401.00001: status: to-read → skipped\n"
    code, _, err = run(capsys, "--db", str(db), "mark", "--query", "tag:nothing", "read")
    assert code == 1 and "no paper matches" in err
    code, _, err = run(capsys, "--db", str(db), "mark", "2401.00000", "9999.1", "read")
    assert code == 1 and "no paper matches '9999.1'" in err
    assert shown(capsys, db, "arxiv:2401.00000")["status"] == "to-read"  # all or nothing


def test_delete_removes_papers_and_keeps_their_state_in_a_backup(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", str(db), "rate", "2401.00001", "5")
    code, out, err = run(capsys, "--db", str(db), "delete", "2401.00001", "2401.00002")
    assert (code, err, out) == (0, "", "deleted 2 papers\n")
    code, out, _ = run(capsys, "--db", str(db), "list", "--json")
    assert [e["id"] for e in json.loads(out)] == ["arxiv:2401.00000"]
    backup = json.loads(db.with_name("library.state.json.bak.1").read_text())
    assert {"paper_id": "arxiv:2401.00001", "rating": 5}.items() <= next(
        iter(backup["state"].values())).items()
    code, _, err = run(capsys, "--db", str(db), "delete")
    assert code == 1 and "give the paper ids" in err


def test_show_separates_every_label_from_its_value(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "library.json"
    with Library.open(db) as lib:
        lib.add_papers([Paper(id="arxiv:2606.00001", title="T", arxiv_id="2606.00001",
                              authors=["Siyi Chen"], published="2026-06-11", year=2026)])
    code, out, _ = run(capsys, "--db", str(db), "show", "2606.00001")
    assert code == 0
    assert "authors     Siyi Chen\n" in out and "published   2026-06-11\n" in out
