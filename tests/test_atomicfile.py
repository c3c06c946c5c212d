"""Small atomic writes (config, first-screen cache, exports): all or nothing, no debris."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.atomicfile import replace_file
from reader.config import Config


def test_replace_keeps_the_old_file_and_no_temp_when_the_rename_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    target.write_bytes(b"old")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.atomicfile.os.replace", disk_full)
    with pytest.raises(OSError):
        replace_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_no_clobber_even_when_the_file_appears_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    replace_file(target, b"first", overwrite=False)
    with pytest.raises(FileExistsError):
        replace_file(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    replace_file(target, b"third")
    assert target.read_bytes() == b"third"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_config_save_failure_keeps_the_old_settings_and_leaves_no_debris(
        monkeypatch: pytest.MonkeyPatch) -> None:
    Config(theme="reader-dark", daily_goal=3).save()
    assert Config.load() == Config(theme="reader-dark", daily_goal=3)
    real_replace = os.replace

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.atomicfile.os.replace", disk_full)
    Config(theme="other", daily_goal=1).save()  # swallowed: a setting is not worth a crash
    monkeypatch.setattr("reader.atomicfile.os.replace", real_replace)
    assert Config.load() == Config(theme="reader-dark", daily_goal=3)
    assert [p.name for p in Config.path().parent.iterdir()] == ["config.json"]
