"""The word index kept in a cache file: used only when it is exactly the library's."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from search_fixtures import entry, library

from reader.cli import main
from reader.model import Entry
from reader.paths import CACHE_MAX_AGE, prune_cache
from reader.search import SearchIndex, persist, word_build
from reader.store import Library


def papers(n: int) -> list[Entry]:
    """`n` papers on a few topics, so searches and related papers have work to do."""
    topics = ["information bottleneck", "kv cache compression", "scaling laws",
              "concept bottleneck models", "Schrödinger diffusion bridges"]
    out = library()
    for i in range(n - len(out)):
        topic = topics[i % len(topics)]
        out.append(entry(f"x{i}", f"{topic.title()} study {i}",
                         f"We study {topic} with method m{i % 7} and data d{i % 11}.",
                         authors=[f"Author{i % 13} Müller"]))
    return out


@pytest.fixture(autouse=True)
def small_libraries_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "MIN_SIZE", 10)


def held(cache: Path, entries: list[Entry]) -> int:
    """How many of `entries`' papers the cache file holds the word index of (0: none)."""
    words = persist.load(cache, SearchIndex(entries).text.docs)
    return 0 if words is None else words.size


def same_words(a: SearchIndex, b: SearchIndex) -> None:
    wa, wb = a.word_index(), b.word_index()
    assert wa.size == wb.size
    assert wa.postings == wb.postings
    assert wa.vocab == wb.vocab
    assert wa.doclen == wb.doclen
    assert wa.initials == wb.initials


QUERIES = ["bottleneck", "b", "sc", "müller", '"kv cache"', "schrodinger -kv", "d3"]


def same_answers(a: SearchIndex, b: SearchIndex, ids: list[str]) -> None:
    for q in QUERIES:
        assert a.search(q) == b.search(q), q
    for pid in ids:
        assert a.related(pid, 5) == b.related(pid, 5)


def test_a_saved_index_is_read_back_exactly(tmp_path: Path) -> None:
    entries, cache = papers(60), tmp_path / "words.bin"
    first = SearchIndex(entries)
    first.prepare(cache)
    assert cache.exists()
    assert held(cache, entries) == 60
    again = SearchIndex(entries, cache=cache)
    with pytest.MonkeyPatch.context() as patch:  # read back: nothing built
        patch.setattr(word_build, "build", None)
        again.prepare()
    fresh = SearchIndex(entries)
    fresh.prepare()
    same_words(again, fresh)
    same_answers(again, fresh, ["p0", "p1", "x3"])


def test_papers_imported_since_are_added_to_the_saved_ones(tmp_path: Path) -> None:
    entries, cache = papers(80), tmp_path / "words.bin"
    SearchIndex(entries[:50]).prepare(cache)
    grown = SearchIndex(entries)
    grown.prepare(cache)
    fresh = SearchIndex(entries)
    fresh.prepare()
    same_words(grown, fresh)
    same_answers(grown, fresh, ["p2", "x60"])
    assert held(cache, entries) == 80  # saved again, with the new ones


@pytest.mark.parametrize("change", ["title", "order", "fewer"])
def test_a_different_library_does_not_use_the_file(tmp_path: Path, change: str) -> None:
    entries, cache = papers(40), tmp_path / "words.bin"
    SearchIndex(entries).prepare(cache)
    if change == "title":
        entries[5] = Entry(replace(entries[5].paper, title="Quokka habitats"), entries[5].state)
    elif change == "order":
        entries[3], entries[4] = entries[4], entries[3]
    else:
        entries = entries[:30]
    assert held(cache, entries) == 0
    index = SearchIndex(entries)
    index.prepare(cache)
    fresh = SearchIndex(entries)
    fresh.prepare()
    same_words(index, fresh)
    if change == "title":
        assert index.search("quokka") == [entries[5].paper.id]


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "version",
                                    "length"])
def test_a_damaged_file_is_ignored(tmp_path: Path, damage: str) -> None:
    entries, cache = papers(40), tmp_path / "words.bin"
    SearchIndex(entries).prepare(cache)
    data = bytearray(cache.read_bytes())
    if damage == "truncated":
        data = data[:-100]
    elif damage == "flipped":
        data[-50] ^= 1  # inside the postings: the header still matches
    elif damage == "garbage":
        data = bytearray(b"\x00\xff" * 500)
    elif damage == "empty":
        data = bytearray()
    elif damage == "length":  # the header's length says 2**62 bytes
        data[len(persist.MAGIC):len(persist.MAGIC) + 8] = (1 << 62).to_bytes(8, "little")
    else:
        data = data.replace(b'"version":1', b'"version":9', 1)
    cache.write_bytes(bytes(data))
    assert held(cache, entries) == 0
    index = SearchIndex(entries, cache=cache)
    index.prepare()
    assert index.search("kv cache")
    assert held(cache, entries) == 40  # built, and the file written again


def test_small_libraries_write_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "MIN_SIZE", 1000)
    cache = tmp_path / "words.bin"
    SearchIndex(papers(40)).prepare(cache)
    assert not cache.exists()


def test_the_cache_file_is_per_library_in_the_cache_dir(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = persist.cache_file(tmp_path / "a.json"), persist.cache_file(tmp_path / "b.json")
    assert a != b
    assert a.parent.name == "cache"  # beside the config when READER_CONFIG_DIR is set
    monkeypatch.delenv("READER_CONFIG_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert persist.cache_file(tmp_path / "a.json").parent == tmp_path / "xdg-cache" / "reader"


def test_reader_related_answers_the_same_with_a_cache(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "library.json"
    entries = papers(40)
    with Library.open(db, create=True) as lib:
        lib.add_papers([e.paper for e in entries])

    def related() -> list[tuple[str, float]]:
        assert main(["--db", str(db), "related", "x2", "--json"]) == 0
        return [(r["id"], r["score"]) for r in json.loads(capsys.readouterr().out)]

    without = related()
    assert without
    with Library.open(db) as lib:
        stored = lib.entries()
    SearchIndex(stored).prepare(persist.cache_file(db))
    assert persist.cache_file(db).exists()
    with monkeypatch.context() as patch:  # the saved index answers: nothing built
        patch.setattr(word_build, "build", None)
        assert related() == without
    SearchIndex(stored[:-3]).prepare(persist.cache_file(db))  # a stale file: not used
    assert related() == without


def test_the_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "words.bin"
    cache.parent.mkdir(mode=0o755)  # a folder from before the caches were private
    SearchIndex(papers(30)).prepare(cache)
    assert cache.stat().st_mode & 0o777 == 0o600  # it holds the words of the library
    assert cache.parent.stat().st_mode & 0o777 == 0o700


def test_unused_cache_files_are_pruned_and_a_file_read_back_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the caches of a library moved or deleted long ago go; the one in use stays
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    entries = papers(40)
    in_use = persist.cache_file(tmp_path / "library.json")
    SearchIndex(entries).prepare(in_use)
    gone_library = persist.cache_file(tmp_path / "moved-away.json")
    gone_library.write_bytes(in_use.read_bytes())
    gone_screen = in_use.parent / "first-screen-0123456789abcdef.json"
    gone_screen.write_text("{}")
    other = in_use.parent / "notes.txt"  # not ours to delete
    other.write_text("keep")
    long_ago = in_use.stat().st_mtime - CACHE_MAX_AGE - 3600
    for path in (in_use, gone_library, gone_screen, other):
        os.utime(path, (long_ago, long_ago))
    reopened = SearchIndex(entries)
    reopened.prepare(in_use)  # read back: the file is in use again
    assert reopened.word_index().size == len(entries)
    assert set(prune_cache()) == {gone_library, gone_screen}
    assert in_use.exists() and other.exists()
    assert not gone_library.exists() and not gone_screen.exists()


def test_papers_added_to_a_built_index_are_indexed_as_a_full_build_would() -> None:
    # an import while the app runs: same postings and lengths as building anew
    entries = papers(60)
    grown = SearchIndex(entries[:40])
    grown.prepare()
    grown.add(entries[40:])
    whole = SearchIndex(entries)
    whole.prepare()
    same_words(grown, whole)
    same_answers(grown, whole, [e.paper.id for e in entries])


def test_a_dropped_index_is_freed_by_reference_counting_alone() -> None:
    # the app freezes the loaded library out of the cyclic GC: a reference cycle in
    # the index (related papers' statistics <-> word index) would keep every
    # replaced library in memory for good
    import gc

    entries = papers(60)
    gc.collect()
    index = SearchIndex(entries)
    index.prepare()
    assert index.related(entries[0].paper.id, 5)
    assert index.search("bottleneck b")
    del index
    assert gc.collect() == 0
