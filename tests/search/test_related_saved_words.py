"""`reader related` reads the saved word index lazily (quick_search.saved_words) once a
whole read accepted that very file: the same answers as the whole library, and the
whole read again whenever the file is another one or was cut short."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_persist import papers

from reader.cli import main
from reader.quick_search import saved_words
from reader.search import persist, related_once
from reader.store import Library


@pytest.fixture(autouse=True)
def small_libraries_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "MIN_SIZE", 10)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    with Library.open(path) as lib:
        lib.add_papers([e.paper for e in papers(80)])
    return path


def _related(db: Path, capsys: pytest.CaptureFixture[str], pid: str) -> list[object]:
    assert main(["--db", str(db), "related", pid, "--json"]) == 0
    return [(r["id"], r["score"]) for r in json.loads(capsys.readouterr().out)]


def _reference(db: Path, pid: str) -> list[object]:
    with Library.open(db, create=False) as lib:
        return [(i, round(s, 4)) for i, s in related_once(lib.entries(), pid, k=10)]


def test_lazy_lookups_answer_as_the_whole_library(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert _related(db, capsys, "x2") == _reference(db, "x2")  # builds, vouches, remembers
    record = persist.cache_file(db).with_name(persist.cache_file(db).name + ".quick")
    assert record.exists()
    with monkeypatch.context() as patch:  # no whole read any more
        patch.setattr(persist, "load_vouched", None)
        for pid in ("x2", "x7", "x33", "x61"):
            assert _related(db, capsys, pid) == _reference(db, pid)


def test_another_file_is_read_whole_then_lazily(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _related(db, capsys, "x2")
    cache = persist.cache_file(db)
    copy = cache.with_name("copy")  # the same bytes, another file (as a rewrite)
    copy.write_bytes(cache.read_bytes())
    os.replace(copy, cache)
    assert saved_words.load(cache, "any token") is None
    calls: list[int] = []
    whole = persist.load_vouched

    def counted(path: Path, token: str) -> object:
        calls.append(1)
        return whole(path, token)

    monkeypatch.setattr(persist, "load_vouched", counted)
    assert _related(db, capsys, "x7") == _reference(db, "x7")
    assert _related(db, capsys, "x9") == _reference(db, "x9")
    assert calls == [1]  # once whole (and remembered), then lazily


def test_a_file_cut_short_under_a_lookup_means_the_whole_library(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _related(db, capsys, "x2")
    cache = persist.cache_file(db)
    load = saved_words.load

    cut: list[int] = []

    def then_cut(path: Path, token: str) -> object:
        words = load(path, token)
        if words is not None and not cut:
            os.truncate(path, 200)  # (the file a lookup reads from, cut in place)
            cut.append(1)
        return words

    monkeypatch.setattr(saved_words, "load", then_cut)
    assert _related(db, capsys, "x7") == _reference(db, "x7")
    assert cut and cache.stat().st_size > 200  # the whole-library path wrote it again


def test_a_damaged_or_foreign_record_is_ignored(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _related(db, capsys, "x2")
    cache = persist.cache_file(db)
    record = cache.with_name(cache.name + ".quick")
    good = record.read_bytes()
    for junk in (b"", b"[]", b'{"token": 1}', good.replace(b'"body":"', b'"body":"0')):
        record.write_bytes(junk)
        assert _related(db, capsys, "x7") == _reference(db, "x7")
