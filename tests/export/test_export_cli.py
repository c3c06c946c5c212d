"""`reader export` end to end: stdout, files, atomic writes and the error paths."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from export_fixtures import TO_READ_ORDER, mixed_entries

from reader.cli import main
from reader.store import Library


@pytest.fixture
def db(tmp_path: Path) -> Path:
    (tmp_path / "db").mkdir()
    path = tmp_path / "db" / "library.json"
    entries = mixed_entries()
    with Library.open(path) as lib:
        lib.add_papers([e.paper for e in entries],
                       states={e.paper.id: e.state for e in entries if not e.state.is_default})
    return path


def run(db: Path, *args: str) -> int:
    return main(["export", "--db", str(db), *args])


def test_without_output_writes_markdown_to_stdout(db: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Reading list") and out.count("\n- [ ] ") == len(TO_READ_ORDER)
    assert err == ""


def test_output_file_is_written_and_reported(db: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "list.bib"
    assert run(db, "-f", "bib", "-o", str(target)) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"wrote {len(TO_READ_ORDER)} papers to {target}\n"
    assert target.read_text(encoding="utf-8").count("\n@") == len(TO_READ_ORDER)
    assert [p.name for p in tmp_path.iterdir()] == ["db", "list.bib"]  # no temp file left


def test_existing_file_is_kept_without_force(db: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "list.md"
    target.write_text("precious", encoding="utf-8")
    assert run(db, "-o", str(target)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "precious"
    assert run(db, "-o", str(target), "--force") == 0
    assert target.read_text(encoding="utf-8").startswith("# Reading list")


def test_missing_folder_is_one_clear_line(db: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nowhere" / "list.md"
    assert run(db, "-o", str(target)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err and str(target) in err
    assert not target.parent.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_is_one_clear_line(db: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert run(db, "-o", str(folder / "list.md")) == 1
    finally:
        folder.chmod(0o700)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "permission denied" in err
    assert list(folder.iterdir()) == []


def test_permission_error_while_writing_is_one_clear_line(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reader.atomicfile.tempfile.mkstemp", refuse)
    assert run(db, "-o", str(tmp_path / "list.md")) == 1
    err = capsys.readouterr().err
    assert err == f"reader: cannot write {tmp_path / 'list.md'}: permission denied\n"


def test_crash_before_rename_leaves_the_old_file_and_no_debris(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "list.md"
    target.write_text("old version", encoding="utf-8")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.atomicfile.os.replace", disk_full)
    assert run(db, "-o", str(target), "--force") == 1
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "old version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "list.md"]


def test_status_and_all_selections(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "-f", "csv", "--status", "read") == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert len(rows) == 2 and '"arxiv:2401.00003"' in rows[1]
    assert run(db, "-f", "csv", "--all") == 0
    assert len(capsys.readouterr().out.strip().split('\r\n')) == 1 + len(mixed_entries())


def test_csv_on_redirected_stdout_gets_a_bom(db: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "-f", "csv") == 0
    assert capsys.readouterr().out.startswith('\ufeff"id"')


def test_new_file_gets_ordinary_permissions(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "list.html"
    old = os.umask(0o022)
    try:
        assert run(db, "-f", "html", "-o", str(target)) == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_unknown_format_is_a_usage_error(db: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        run(db, "-f", "docx")
    assert exc.value.code == 2


def test_query_selection_and_its_problems_on_stderr(db: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "-f", "json", "--query", "status:to-read rating:>=3 rating:lots") == 0
    out, err = capsys.readouterr()
    assert [p["id"] for p in json.loads(out)["papers"]] == [
        "arxiv:2401.00001", "title:abc123", "doi:10.1000/xyz"]
    assert err.startswith("reader: query: ") and "rating:lots" in err


def test_dash_means_stdout_and_a_folder_is_refused(db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "-o", "-") == 0
    assert capsys.readouterr().out.startswith("# Reading list")
    assert run(db, "-o", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert err == f"reader: cannot write {tmp_path}: it is a folder\n"
