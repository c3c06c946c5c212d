"""What `reader import` refuses to read: devices, pipes and files over the size limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.parsing import base


def _limited_memory() -> None:  # a child that reads /dev/zero whole must fail fast, not swap
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _import(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READER_DB": str(tmp_path / "library.json")}
    env.pop("READER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reader", "import", source],
                          capture_output=True, text=True, env=env, timeout=60, check=False,
                          cwd=tmp_path, preexec_fn=_limited_memory)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_by_name(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    done = _import(tmp_path, device)
    assert done.returncode == 1
    assert done.stderr == (f"reader: {device}: is not a regular file (a device, pipe or "
                           "socket); save the listing to a file and import that\n")
    assert not (tmp_path / "library.json").exists()


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "listing.fifo"
    os.mkfifo(fifo)
    done = _import(tmp_path, str(fifo))  # used to wait forever for a writer
    assert done.returncode == 1
    assert "listing.fifo: is not a regular file" in done.stderr


def test_a_file_over_the_limit_is_refused_with_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(base, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("A title that repeats\n" * 100)
    assert main(["--db", str(tmp_path / "library.json"), "import", str(big)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reader: {big}: too large to import (")
    assert err.endswith("split it into smaller files\n")
    assert not (tmp_path / "library.json").exists()


def test_a_directory_and_a_missing_file_still_say_so(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "library.json")
    assert main(["--db", db, "import", str(tmp_path), str(tmp_path / "nope.txt")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"reader: {tmp_path}: is a directory, not a file",
        f"reader: {tmp_path / 'nope.txt'}: no such file"]
