"""`reader related` from the word index a full load vouched for (cli_related.py): the
same list as the whole-library path, and the whole-library path whenever the voucher,
the word index or the catalogue changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_persist import papers

from reader.cli import main
from reader.model import Paper
from reader.search import persist, related_once, word_build
from reader.store import Library
from reader.store.quick import QuickLibrary


@pytest.fixture(autouse=True)
def small_libraries_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "MIN_SIZE", 10)


def _related(db: Path, capsys: pytest.CaptureFixture[str], pid: str = "x2") -> list[object]:
    assert main(["--db", str(db), "related", pid, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _reference(db: Path, pid: str = "x2") -> list[tuple[str, float]]:
    with Library.open(db, create=False) as lib:
        return [(i, round(s, 4)) for i, s in related_once(lib.entries(), pid, k=10)]


def test_the_vouched_word_index_answers_as_the_whole_library(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "library.json"
    with Library.open(db) as lib:
        lib.add_papers([e.paper for e in papers(60)])
    want = _reference(db)
    assert want
    first = _related(db, capsys)  # the whole library: the word index built and vouched for
    assert [(r["id"], r["score"]) for r in first] == want  # type: ignore[index]
    assert persist.cache_file(db).with_name(persist.cache_file(db).name + ".for").exists()
    others = {pid: _reference(db, pid) for pid in ("x7", "x30", "x40")}
    with monkeypatch.context() as patch:  # now neither the catalogue nor the text is read
        patch.setattr(QuickLibrary, "entries", None)
        patch.setattr(word_build, "build", None)
        assert _related(db, capsys) == first
        for pid, reference in others.items():
            assert [(r["id"], r["score"]) for r in _related(db, capsys, pid)] == (
                reference)  # type: ignore[index]


def test_a_changed_catalogue_or_a_damaged_word_index_is_not_used(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "library.json"
    with Library.open(db) as lib:
        lib.add_papers([e.paper for e in papers(60)])
    _related(db, capsys)
    with Library.open(db) as lib:  # another paper on the topic: the scores change
        lib.add_papers([Paper(id="x99", title="Kv Cache Compression again",
                              abstract="We study kv cache compression with method m2.")])
    assert [(r["id"], r["score"]) for r in _related(db, capsys)] == (
        _reference(db))  # type: ignore[index]
    cache = persist.cache_file(db)
    data = bytearray(cache.read_bytes())
    data[-5] ^= 0xFF  # a damaged body: its checksum says so
    cache.write_bytes(bytes(data))
    assert [(r["id"], r["score"]) for r in _related(db, capsys)] == (
        _reference(db))  # type: ignore[index]


def test_the_public_loaders_of_a_librarys_word_index(tmp_path: Path) -> None:
    from reader.search import cache_file, library_index, saved_word_index

    db = tmp_path / "library.json"
    entries = papers(40)
    assert saved_word_index(db, "token") is None  # nothing saved yet
    index = library_index(entries, db)  # built, and saved beside the other caches
    assert cache_file(db).exists() and index.words is not None
    again = library_index(entries, db)  # read back: the same answers
    assert again.search("kv cache") == index.search("kv cache")
    assert again.related("x2", 5) == index.related("x2", 5)
    assert saved_word_index(db, "token") is None  # no full load vouched for it
    persist.vouch(cache_file(db), "token", index.text.docs)
    words = saved_word_index(db, "token")
    assert words is not None and words.size == 40
    assert saved_word_index(db, "another catalogue") is None
