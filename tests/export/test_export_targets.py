"""Export targets that are not plain files: pipes, devices and links are written
through, never replaced; stale temporary files of a killed export are cleaned."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from export_fixtures import mixed_entries

from reader.cli import main
from reader.store import Library


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "library.json"
    entries = mixed_entries()
    with Library.open(path) as lib:
        lib.add_papers([e.paper for e in entries],
                       states={e.paper.id: e.state for e in entries if not e.state.is_default})
    return path


def export(db: Path, *args: str) -> int:
    return main(["export", "--db", str(db), "--all", *args])


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_written_into_and_stays_a_fifo(db: Path, tmp_path: Path,
                                                  force: bool) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waits on the pipe
    try:
        assert export(db, "-f", "md", "-o", str(fifo), *(["--force"] if force else [])) == 0
        received = os.read(reader_fd, 1 << 16)
    finally:
        os.close(reader_fd)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received.startswith(b"# ")


def test_a_link_to_dev_null_is_written_through_and_stays_a_link(db: Path,
                                                                tmp_path: Path) -> None:
    link = tmp_path / "sink.md"
    link.symlink_to(os.devnull)
    assert export(db, "-o", str(link), "--force") == 0
    assert link.is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_link_to_a_file_keeps_the_link_and_replaces_the_file(db: Path,
                                                               tmp_path: Path) -> None:
    real = tmp_path / "shared" / "list.md"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "list.md"
    link.symlink_to(real)
    assert export(db, "-o", str(link), "--force") == 0
    assert link.is_symlink()
    assert real.read_text().startswith("# ")


def test_a_socket_is_one_clear_line(db: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert export(db, "-o", str(path), "--force") == 1
    finally:
        server.close()
    err = capsys.readouterr().err
    assert err.startswith(f"reader: cannot write {path}: ") and err.count("\n") == 1
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_stale_temporary_file_of_a_killed_export_goes_at_the_next_write(
        db: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    stale = out / ".reading-list.md.reader-abcd1234.tmp"  # what a SIGKILL leaves
    young = out / ".other.md.reader-efgh5678.tmp"  # another export, writing right now
    foreign = out / ".notes.md.abcd1234.tmp"  # not named by Reader
    for path in (stale, young, foreign):
        path.write_bytes(b"x" * 1000)
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(foreign, (hours_ago, hours_ago))
    assert export(db, "-o", str(out / "list.md")) == 0
    assert not stale.exists()
    assert young.exists() and foreign.exists()
