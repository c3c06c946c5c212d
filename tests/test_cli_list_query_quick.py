"""`reader list --query` from the saved word index (quick_search/listing.py) prints what
the full path prints: the same papers in the same order, the same --json bytes, the same
warnings; queries that need the papers' text, and a missing or stale word index or
derived index, take the full path."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Paper, Status
from reader.search import persist
from reader.store import Library, derived
from reader.store.quick import QuickLibrary

sys.path.insert(0, str(Path(__file__).parent / "search"))
from test_persist import papers

PLAIN = [["bottleneck"], ["bottleneck", "--json"], ["informat"], ["cache -kv"],
         ["study", "--status", "read"], ["model", "--tag", "ml"], ["status:to-read"],
         ["m2 rating:>=3"], ["tag:ml study"], ["zzzunknown"],
         ["b"], ["scaling law", "--json"], ["Müller"],
         ["bottleneck status:bogus"], ["foo:bar study"], ["sort:nope cache"], ["-study"],
         ["has:note"], ["has:tags study"], ["-has:rating bottleneck", "--json"]]
TEXT = [['"kv cache"'], ["author:müller"], ["year:2020..2024"], ["sort:title cache"],
        ["sort:foryou study"], ["has:code"], ["sort:rating bottleneck"],
        ['"information bottleneck" -"kv"']]


@pytest.fixture(autouse=True)
def small_libraries_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "MIN_SIZE", 10)
    monkeypatch.setenv("READER_NOW", "2026-01-15T12:00:00+00:00")


def _library(path: Path) -> Path:
    with Library.open(path, clock=lambda: datetime(2026, 1, 10, tzinfo=UTC)) as lib:
        lib.add_papers([e.paper for e in papers(90)])
        lib.add_papers([Paper(id="x-accent", title="Étude of bottlenecks, “quoted”",
                              authors=["Zoë Müller"], abstract="Bottleneck study.")])
        for i in range(0, 80, 7):
            lib.set_status(f"x{i}", Status.READ if i % 2 else Status.TO_READ)
        lib.add_tags("x3", ["ml"])
        lib.add_tags("x14", ["ml", "bottleneck"])
        lib.set_rating("x21", 4)
        lib.set_note("x5", "a note on scaling laws")
    return path


def _run(db: Path, capsys: pytest.CaptureFixture[str], query: list[str]) -> tuple[int, str, str]:
    code = main(["--db", str(db), "list", f"--query={query[0]}", *query[1:]])
    got = capsys.readouterr()
    return code, got.out, got.err.replace(str(db.parent), "DB")


def _full(db: Path, capsys: pytest.CaptureFixture[str], query: list[str]) -> tuple[int, str, str]:
    derived.index_file(db).unlink(missing_ok=True)  # no derived index: the full load
    return _run(db, capsys, query)


def test_word_queries_are_answered_without_the_catalogue_as_by_the_full_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    quick = _library(tmp_path / "a" / "library.json")
    full = _library(tmp_path / "b" / "library.json")
    _run(quick, capsys, ["bottleneck"])  # the full path: the word index built and vouched
    want = {tuple(q): _full(full, capsys, q) for q in PLAIN}
    with monkeypatch.context() as patch:  # from now on the catalogue is never parsed
        patch.setattr(QuickLibrary, "entries", None)
        got = {tuple(q): _run(quick, capsys, q) for q in PLAIN}
    assert [(q, got[q], want[q]) for q in want if got[q] != want[q]] == []
    assert want[("bottleneck", "--json")][1].startswith("[")
    assert len(json.loads(want[("bottleneck", "--json")][1])) > 10
    assert "query:" in want[("bottleneck status:bogus",)][2]  # the warning, on both paths


def test_queries_needing_the_text_take_the_full_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quick = _library(tmp_path / "a" / "library.json")
    full = _library(tmp_path / "b" / "library.json")
    _run(quick, capsys, ["bottleneck"])
    for query in TEXT:
        assert _run(quick, capsys, query) == _full(full, capsys, query), query


def test_a_stale_or_damaged_word_index_takes_the_full_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _library(tmp_path / "library.json")
    _run(db, capsys, ["bottleneck"])
    want = _run(db, capsys, ["study"])
    cache = persist.cache_file(db)
    record = cache.with_name(cache.name + ".quick")
    record.write_bytes(b"{}")  # a damaged record: the whole read, checked
    assert _run(db, capsys, ["study"]) == want
    data = bytearray(cache.read_bytes())
    data[-5] ^= 0xFF  # a damaged body (another file now): refused, the full path
    copy = cache.with_name("copy")
    copy.write_bytes(bytes(data))
    os.replace(copy, cache)
    assert _run(db, capsys, ["study"]) == want
    with Library.open(db) as lib:  # a new paper: the catalogue is another file
        lib.add_papers([Paper(id="x-new", title="A study of bottlenecks")])
    got = _run(db, capsys, ["study"])
    assert "x-new" in got[1] and got[1].count("\n") == want[1].count("\n") + 1
    assert _run(db, capsys, ["study"]) == got  # (vouched again, answered quickly)


def test_a_state_changed_since_is_seen(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = _library(tmp_path / "library.json")
    _run(db, capsys, ["bottleneck"])
    assert main(["--db", str(db), "tag", "x40", "fresh"]) == 0
    assert main(["--db", str(db), "mark", "x41", "read"]) == 0
    capsys.readouterr()
    assert "x40" in _run(db, capsys, ["tag:fresh"])[1]
    assert "x41" in _run(db, capsys, ["study", "--status", "read"])[1]


def test_many_whole_papers_are_read_with_the_catalogue_after_the_quick_search(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.quick_search import listing
    from reader.store import quick as quick_module

    quick = _library(tmp_path / "a" / "library.json")
    full = _library(tmp_path / "b" / "library.json")
    _run(quick, capsys, ["bottleneck"])
    queries = (["bottleneck", "--json"], ["study", "--status", "new", "--json"])
    want = [_full(full, capsys, query) for query in queries]
    monkeypatch.setattr(quick_module, "WHOLE_BY_SEEK", 5)
    monkeypatch.setattr(listing, "full_search", None)  # the search is the quick one
    assert [_run(quick, capsys, query) for query in queries] == want


def test_a_corrupted_record_is_warned_about_and_left_out_as_by_the_full_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    quick = _library(tmp_path / "a" / "library.json")
    full = _library(tmp_path / "b" / "library.json")
    for path in (quick, full):  # a hand edit: one record of the wrong shape
        text = path.read_text(encoding="utf-8")
        assert '"id":"x12","title":' in text
        path.write_text(text.replace('"id":"x12","title":', '"id":"x12","title":7,"t":'),
                        encoding="utf-8")
    _run(quick, capsys, ["study"])  # the full path: the word index vouched for
    want = [_full(full, capsys, query) for query in (["study"], ["bottleneck", "--json"])]
    assert "warning" in want[0][2] and "x12" not in want[0][1]
    with monkeypatch.context() as patch:
        patch.setattr(QuickLibrary, "entries", None)
        assert [_run(quick, capsys, q) for q in (["study"], ["bottleneck", "--json"])] == want
