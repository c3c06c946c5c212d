"""The word index is built from a snapshot of the texts, off the caller's thread, and
swapped in whole: papers changed or added during the build are in it after the swap,
a second thread asking meanwhile waits for the same build, and the cache file holds
exactly the snapshot's papers."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

import pytest
from search_fixtures import entry
from test_persist import papers
from test_word_build import as_lists, assert_indexes, reference

from reader.model import Entry
from reader.search import persist, search_index
from reader.search.search_index import SearchIndex
from reader.search.word_index import WordIndex

QUERIES = ["bottleneck", "quokka", "b", "q", '"kv cache"', "müller", "wombat"]


def fresh(entries: list[Entry]) -> SearchIndex:
    index = SearchIndex(entries)
    index.prepare()
    return index


def answers(index: SearchIndex) -> list[list[str]]:
    index.scan_limit = 0  # from the word index, never by scanning
    return [index.search(q) for q in QUERIES]


def test_edits_made_during_the_build_are_in_the_index_swapped_in(
        monkeypatch: pytest.MonkeyPatch) -> None:
    entries = papers(60)
    index = SearchIndex(entries)
    changed = Entry(replace(entries[5].paper, title="Quokka habitats"), entries[5].state)
    added = entry("late", "Wombat burrows", "A bottleneck of wombats.")
    build = search_index.words_for

    def edited_meanwhile(docs: Sequence[bytes], cache: Path | None) -> WordIndex:
        words = build(docs, cache)
        index.update(changed)  # the UI thread, while the worker builds
        index.add([added])
        assert index.words is None  # not swapped in yet
        return words

    with monkeypatch.context() as patch:
        patch.setattr(search_index, "words_for", edited_meanwhile)
        index.prepare()
    now = [changed if e is entries[5] else e for e in entries] + [added]
    assert_indexes(index.word_index(), fresh(now).text.docs)
    assert answers(index) == answers(fresh(now))
    assert index.search("quokka") == [changed.paper.id]
    assert index.search("wombat") == ["late"]


def test_a_second_thread_waits_for_the_same_build(monkeypatch: pytest.MonkeyPatch) -> None:
    index = SearchIndex(papers(40))
    waiting = threading.Event()
    calls: list[int] = []
    build = search_index.words_for

    class Watched(Future[WordIndex]):
        def result(self, timeout: float | None = None) -> WordIndex:
            waiting.set()  # the second thread is about to wait for the first's build
            return super().result(timeout)

    def slow(docs: Sequence[bytes], cache: Path | None) -> WordIndex:
        calls.append(len(docs))
        assert waiting.wait(timeout=60)
        return build(docs, cache)

    monkeypatch.setattr(search_index, "Future", Watched)
    monkeypatch.setattr(search_index, "words_for", slow)
    got: list[WordIndex] = []
    first = threading.Thread(target=lambda: got.append(index.word_index()))
    first.start()
    while index._build is None and first.is_alive():  # until it has taken its snapshot
        threading.Event().wait(0.001)
    assert index._build is not None
    second = threading.Thread(target=lambda: got.append(index.word_index()))
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)
    assert len(got) == 2 and got[0] is got[1] is index.words
    assert calls == [40]


def test_a_failed_build_changes_nothing_and_the_next_one_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    index = SearchIndex(papers(30))

    def broken(docs: Sequence[bytes], cache: Path | None) -> WordIndex:
        raise MemoryError

    with monkeypatch.context() as patch:
        patch.setattr(search_index, "words_for", broken)
        with pytest.raises(MemoryError):
            index.prepare()
    assert index.words is None
    assert index.search("bottleneck") == fresh(papers(30)).search("bottleneck")  # by scans
    index.prepare()
    assert as_lists(index.word_index()) == reference(index.text.docs)


def test_the_cache_file_holds_the_snapshot_an_import_meanwhile_is_added_on_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "MIN_SIZE", 10)
    entries, cache = papers(50), tmp_path / "words.bin"
    index = SearchIndex(entries, cache=cache)
    added = entry("late", "Wombat burrows", "Imported while the word index was built.")
    dump = persist.dump

    def import_meanwhile(words: WordIndex, docs: Sequence[bytes]) -> bytes:
        index.add([added])
        return dump(words, docs)

    monkeypatch.setattr(persist, "dump", import_meanwhile)
    index.prepare()
    assert index.search("wombat") == ["late"]
    held = persist.load(cache, index.text.docs)
    assert held is not None and held.size == 50  # the snapshot, not the import
    again = SearchIndex([*entries, added], cache=cache)
    again.prepare()  # 50 papers read back, the import indexed
    assert answers(again) == answers(index) == answers(fresh([*entries, added]))
