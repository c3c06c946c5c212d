"""Standard output that cannot be written (full, closed) is one line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model import Paper
from reader.store import Library


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    with Library.open(path) as lib:
        lib.add_papers([Paper(id=f"arxiv:2401.{i:05d}", title=f"Paper number {i}")
                        for i in range(3000)])
    return path


def _reader(db: Path, *args: str, stdout: int | object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "READER_DB": str(db)}
    env.pop("READER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reader", *args], stdout=stdout,  # type: ignore[call-overload]
                          stderr=subprocess.PIPE, env=env, timeout=120, check=False,
                          cwd=db.parent)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["show", "2401.00001"],
                                  ["stats"], ["export", "--all"], ["check"]])
def test_a_full_standard_output_is_one_clean_line(db: Path, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = _reader(db, *args, stdout=full)
    err = done.stderr.decode()
    assert done.returncode == 1
    assert err.splitlines() == ["reader: cannot write to standard output: "
                                "No space left on device"], err


def test_a_closed_pipe_is_silent(db: Path) -> None:
    env = {**os.environ, "READER_DB": str(db)}
    child = subprocess.Popen([sys.executable, "-m", "reader", "list"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, cwd=db.parent)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()  # like `reader list | head -1`
    child.stdout.close()
    err = child.stderr.read()
    assert child.wait(timeout=120) == 0
    assert first.startswith("●".encode())
    assert err == b""
