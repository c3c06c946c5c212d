"""The splice's copy of the catalogue file where the kernel cannot copy it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.store import splice

TEXT = b'{"papers": {"1":{"id":"a"},"2":{"id":"b"},"3":{"id":"c"}}}\n' * 50


def _no_kernel_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> int:
        raise OSError("copy_file_range is not supported here")

    monkeypatch.setattr(os, "copy_file_range", refuse)


def _cut(path: Path) -> tuple[int, int]:
    start = path.read_bytes().index(b'"2":')
    return start, start + len(b'"2":{"id":"b"},')


def test_short_writes_are_completed_not_left_as_holes(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.json"
    path.write_bytes(TEXT)
    cut = _cut(path)
    expected = TEXT[:cut[0]] + TEXT[cut[1]:]
    _no_kernel_copy(monkeypatch)
    real = os.pwrite

    def half(fd: int, data: bytes, offset: int) -> int:  # takes half of what it is given
        return real(fd, bytes(data)[:max(1, len(data) // 2)], offset)

    monkeypatch.setattr(os, "pwrite", half)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert splice.write_without(path, fd, cut, lambda: "done") == "done"
    finally:
        os.close(fd)
    assert path.read_bytes() == expected


def test_a_failure_meanwhile_leaves_the_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.json"
    path.write_bytes(TEXT)
    _no_kernel_copy(monkeypatch)

    def fails() -> None:
        raise ValueError("the index could not be made")

    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(ValueError, match="index could not"):
            splice.write_without(path, fd, _cut(path), fails)
    finally:
        os.close(fd)
    assert path.read_bytes() == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.json"]
