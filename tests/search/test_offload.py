"""The word index built ahead by a helper process (offload.py) is the one built here,
and nothing the helper does wrong (cannot start, dies, left behind) shows."""

from __future__ import annotations

import gc
import io
import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from search_fixtures import entry, library

from reader.model import Entry
from reader.search import SearchIndex, offload, persist
from reader.search.catalogue import Catalogue


def big_library() -> list[Entry]:
    """The fixture library several times over (new ids), with non-ASCII, long words,
    numbers, punctuation: about 150 papers."""
    extra = [entry("x1", "Électroencéphalographie: naïve Straße", "Zürich's 12345678 "
                   "abcdefghijklmnopqrstuvwxyz tokens; 日本語 text (CJK) & co.",
                   authors=["Søren Åström", "Zoë Émile"], venue="NeurIPS", doi="10.1/x"),
             entry("x2", "", "Abstract only, no title.")]
    out = []
    for copy in range(15):
        for e in library() + extra:
            p = replace(e.paper, id=f"{e.paper.id}-{copy}", title=f"{e.paper.title} {copy}")
            out.append(Entry(p, replace(e.state, paper_id=p.id)))
    return out


@pytest.fixture
def helper_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper process for any library of 20+ papers, fed 7 papers at a time."""
    monkeypatch.setattr(offload, "MIN_PAPERS", 20)
    monkeypatch.setattr(offload, "CHUNK", 7)


def words_of(index: SearchIndex) -> Catalogue:
    words = index.word_index()
    assert words.size == len(index)
    return words


def assert_same_words(a: Catalogue, b: Catalogue) -> None:
    assert a.postings == b.postings
    assert a.vocab == b.vocab
    assert list(a.doclen) == list(b.doclen)
    assert a.initials == b.initials


def test_helper_builds_the_same_word_index(helper_small: None) -> None:
    entries = big_library()
    ahead = SearchIndex(entries, ahead=True)
    assert ahead._offload is not None  # a helper process was started
    here = SearchIndex(entries)
    assert here._offload is None
    assert_same_words(words_of(ahead), words_of(here))
    assert ahead.from_helper == round(len(entries) * offload.SHARE) > 100
    assert here.from_helper == 0
    for query in ["bottleneck", "b", "naive", "zoe", '"information bottleneck"', "straße",
                  "author:astrom", "12345678"]:
        assert ahead.search(query) == here.search(query), query
    assert ahead.related("p1-0") == here.related("p1-0")


def test_papers_added_before_the_word_index_come_after_the_helpers(helper_small: None) -> None:
    entries = big_library()
    ahead = SearchIndex(entries[:100], ahead=True)
    ahead.add(entries[100:])  # an import while the helper works: indexed here
    assert_same_words(words_of(ahead), words_of(SearchIndex(entries)))
    assert ahead.from_helper == round(100 * offload.SHARE)


def test_a_helper_that_cannot_start_changes_nothing(helper_small: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    entries = big_library()
    index = SearchIndex(entries, ahead=True)
    assert index._offload is None
    assert_same_words(words_of(index), words_of(SearchIndex(entries)))


def test_a_helper_that_dies_changes_nothing(helper_small: None) -> None:
    entries = big_library()
    index = SearchIndex(entries, ahead=True)
    assert index._offload is not None
    index._offload._proc.kill()
    assert_same_words(words_of(index), words_of(SearchIndex(entries)))
    assert index.from_helper == 0


def test_a_paper_changed_meanwhile_is_not_taken_from_the_helper(helper_small: None) -> None:
    entries = big_library()
    index = SearchIndex(entries, ahead=True)
    proc = index._offload._proc if index._offload else None
    changed = Entry(replace(entries[3].paper, title="Quantum entanglement"), entries[3].state)
    index.update(changed)
    assert proc is not None and proc.wait(timeout=10) is not None  # stopped: out of date
    fresh = SearchIndex([changed if e is entries[3] else e for e in entries])
    assert_same_words(words_of(index), words_of(fresh))
    assert index.search("entanglement") == [changed.paper.id]
    assert index.from_helper == 0


def test_a_dropped_index_stops_its_helper(helper_small: None) -> None:
    index = SearchIndex(big_library(), ahead=True)
    assert index._offload is not None
    proc = index._offload._proc
    del index
    gc.collect()
    assert proc.wait(timeout=10) is not None


def test_a_word_index_read_from_its_file_stops_the_helper(helper_small: None,
                                                          tmp_path: object,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "MIN_SIZE", 10)
    entries = big_library()
    cache = persist.cache_file(tmp_path / "library.json")  # type: ignore[operator]
    first = SearchIndex(entries)
    first.prepare(cache)
    assert cache.exists()
    again = SearchIndex(entries, ahead=True)
    assert again._offload is not None
    proc = again._offload._proc
    again.prepare(cache)
    assert proc.wait(timeout=10) is not None
    assert_same_words(words_of(again), words_of(first))
    assert again.from_helper == 0


def frames(*chunks: list[bytes]) -> bytes:
    out = b""
    for docs in chunks:
        out += len(docs).to_bytes(8, "little")
        out += b"".join(len(d).to_bytes(8, sys.byteorder) for d in docs) + b"".join(docs)
    return out + (0).to_bytes(8, "little")


def test_the_helper_refuses_text_outside_the_layout() -> None:
    good = [b" a title \x02 the body \x03 an author "]
    bad = [b" no markers at all "]
    sink = io.BytesIO()
    offload.serve(io.BytesIO(frames(good, bad, good)), sink)
    assert sink.getvalue() == b"\x00"  # the caller builds the index itself


def test_the_helper_process_stops_quietly_on_a_cut_input() -> None:
    cut = frames([b" a title \x02 the body \x03 an author "])[:-12]
    done = subprocess.run([sys.executable, "-m", "reader.search.offload"], input=cut,
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stdout == b"" and done.stderr == b""


def test_the_app_builds_ahead_unless_its_word_index_file_will_be_read(
        helper_small: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.tui.state import build_index

    monkeypatch.setattr(persist, "MIN_SIZE", 10)
    entries = big_library()
    library = tmp_path / "library.json"
    library.write_text("{}")  # the catalogue file, older than the cache below
    os.utime(library, (1_000_000, 1_000_000))
    cache = persist.cache_file(library)
    assert build_index(entries, cache)._offload is None  # not asked to: no prepare() follows
    cold = build_index(entries, cache, ahead=True, library=library)
    assert cold._offload is not None and cold.cache == cache
    cold.prepare()
    assert cold.from_helper == round(len(entries) * offload.SHARE) and cache.exists()
    warm = build_index(entries, cache, ahead=True, library=library)  # read back: no helper
    assert warm._offload is None
    warm.prepare()
    assert warm.from_helper == 0
    assert_same_words(words_of(warm), words_of(cold))
    # a paper deleted (the catalogue file written after the cache): the file is stale
    os.utime(library, None)
    os.utime(cache, (1_000_000, 1_000_000))
    fewer = build_index(entries[1:], cache, ahead=True, library=library)
    assert fewer._offload is not None
    fewer.prepare()  # the file does not hold these papers: the helper's build is used
    assert fewer.from_helper == round((len(entries) - 1) * offload.SHARE)
    assert_same_words(words_of(fewer), words_of(SearchIndex(entries[1:])))

def test_a_stuck_helper_is_given_up(helper_small: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(offload, "TIMEOUT", 0.5)
    entries = big_library()
    index = SearchIndex(entries, ahead=True)
    assert index._offload is not None
    os.kill(index._offload._proc.pid, signal.SIGSTOP)  # alive, never answering
    assert_same_words(words_of(index), words_of(SearchIndex(entries)))
    assert index.from_helper == 0


def test_a_paper_changed_while_the_helper_finishes_is_indexed_as_changed(
        helper_small: None, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = big_library()
    index = SearchIndex(entries, ahead=True)
    changed = Entry(replace(entries[3].paper, title="Quantum entanglement on ℝ"),
                    entries[3].state)
    result = offload.Offload.result

    def edited_meanwhile(self: offload.Offload) -> object:
        index.update(changed)  # the UI thread, while the worker waits for the helper
        return result(self)

    monkeypatch.setattr(offload.Offload, "result", edited_meanwhile)
    fresh = SearchIndex([changed if e is entries[3] else e for e in entries])
    assert_same_words(words_of(index), words_of(fresh))
    index.scan_limit = 0  # answer from the word index, never by scanning
    assert index.search("entanglement") == [changed.paper.id]
    assert index.search("concept") == fresh.search("concept")


def test_a_metadata_change_after_the_build_gives_a_freshly_built_index(
        helper_small: None) -> None:
    entries = big_library()
    index = SearchIndex(entries, ahead=True)
    words_of(index)
    changes = {3: "Quantum entanglement on ℝ", 40: "", 150: "Électroencéphalographie"}
    now = list(entries)
    for pos, title in changes.items():
        now[pos] = Entry(replace(entries[pos].paper, title=title, authors=["Ünal Ng"]),
                         entries[pos].state)
        index.update(now[pos])
    assert_same_words(words_of(index), words_of(SearchIndex(now)))


def test_the_helper_does_not_import_from_the_current_folder(
        helper_small: None, tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cwd"  # type: ignore[operator]
    folder.mkdir()
    marker = folder / "ran"
    (folder / "numpy.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.chdir(folder)
    index = SearchIndex(big_library(), ahead=True)
    words_of(index)
    assert not marker.exists()
    assert index.from_helper > 0

