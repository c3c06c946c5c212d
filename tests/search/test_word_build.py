"""The word index (built by numpy: word_build.py) is exactly what a plain Python loop
over the papers' texts gives: the same postings, vocabulary, lengths and initials,
whatever the words, the chunking, or the papers added afterwards."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from search_fixtures import entry, library

from reader.model import Entry
from reader.search import SearchIndex, csr, word_build
from reader.search.folding import encode
from reader.search.tokens import INITIALS
from reader.search.word_index import WordIndex

# words of the lengths the byte halves care about (8/9/16/17), long, non-ASCII, markers
POOL = ["a", "x", "of", "12345678", "123456789", "abcdefghijklmnop", "abcdefghijklmnopq",
        "abcdefghijklmnopqr", "abcdefghijklmnoz", "abcdefgz", "abcdefghz", "reinforcement",
        "electroencephalography", "electroencephalographyx", "q" * 40, "zürich", "naïve",
        "日本語テキスト解析", "é", "\x01", "a\x01b", "0day", "z9"]
WORD = st.one_of(st.sampled_from(POOL),
                 st.text(alphabet="abz09éß日\x01", min_size=1, max_size=20))
FIELD = st.lists(WORD, max_size=8)
SEP = st.sampled_from([" ", "  ", "   "])


@st.composite
def docs(draw: st.DrawFn) -> list[bytes]:
    """Folded texts in folding.encode's layout: ` title \x02 body \x03 authors `."""
    out = []
    for _ in range(draw(st.integers(0, 12))):
        fields = [draw(SEP).join(draw(FIELD)) for _ in range(3)]
        text = " " + f" {draw(SEP)}\x02 ".join(fields[:2]) + " \x03 " + fields[2] + draw(SEP)
        out.append(text.encode("utf-8"))
    return out


def reference(docs: list[bytes]) -> tuple[tuple[dict[str, list[int]], ...], list[str],
                                           list[int], dict[str, int]]:
    """(postings, vocabulary, lengths, initials) the plain way: each paper's fields
    split by `str.split`, the separator `\x01` not a word."""
    postings: tuple[dict[str, list[int]], ...] = ({}, {}, {})
    doclen: list[int] = []
    initials: dict[str, int] = {}
    for pos, doc in enumerate(docs):
        title, _, rest = doc.decode("utf-8").partition("\x02")
        body, _, authors = rest.partition("\x03")
        fields = [title.split(), body.split(), authors.split()]
        for held, words in zip(postings, fields, strict=True):
            for word in set(words) - {"\x01"}:
                held.setdefault(word, []).append(pos)
                if word[0] in INITIALS:
                    initials[word[0]] = initials.get(word[0], 0) | 1 << pos
        doclen.append(len(fields[0]) + len(fields[1]) + 2)
    vocab = sorted(set().union(*postings))
    return postings, vocab, doclen, initials


def as_lists(words: WordIndex) -> tuple[tuple[dict[str, list[int]], ...], list[str],
                                        list[int], dict[str, int]]:
    postings = tuple({w: list(a) for w, a in field.items()} for field in words.postings)
    return postings, words.vocab, list(words.doclen), words.initials


def assert_indexes(words: WordIndex, docs: Sequence[bytes]) -> None:
    """`words` holds what a build from `docs` holds; its vocabulary may list more words
    (re-indexed papers leave them: no posting holds them, a prefix lookup skips them)."""
    postings, vocab, doclen, initials = as_lists(words)
    want = reference(list(docs))
    assert (postings, doclen, initials) == (want[0], want[2], want[3])
    assert set(vocab) >= set(want[1]) and vocab == sorted(vocab)


def built(docs: list[bytes], *parts: int) -> WordIndex:
    """The word index of `docs`, added in pieces cut at `parts`."""
    words = WordIndex()
    cuts = [0, *parts, len(docs)]
    for a, b in pairwise(cuts):
        words.add(docs[a:b])
    return words


def test_the_space_list_is_every_non_ascii_character_split_takes() -> None:
    spaces = [chr(c) for c in range(0x80, sys.maxunicode + 1) if chr(c).isspace()]
    assert list(word_build._SPACES) == spaces


@settings(max_examples=80, deadline=None)
@given(docs(), st.integers(1, 5))
def test_same_postings_vocab_lengths_initials_at_any_chunk_size(
        texts: list[bytes], chunk: int) -> None:
    got = word_build.build(texts, chunk=chunk)
    postings, vocab, doclen, initials = reference(texts)
    assert tuple({w: list(a) for w, a in f.items()} for f in csr.postings(got)) == postings
    assert csr.vocab(got) == vocab
    assert got.doclen.tolist() == doclen
    assert csr.initials(got) == initials


@settings(max_examples=60, deadline=None)
@given(docs())
def test_a_build_in_two_threads_is_the_build_of_all(texts: list[bytes]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(word_build, "TWO_THREADS", 2)  # halves built apart, then merged
        got = word_build.build(texts, chunk=3)
    postings, vocab, doclen, initials = reference(texts)
    assert tuple({w: list(a) for w, a in f.items()} for f in csr.postings(got)) == postings
    assert (csr.vocab(got), got.doclen.tolist(), csr.initials(got)) == (vocab, doclen, initials)
    assert got.size == len(texts)


@settings(max_examples=60, deadline=None)
@given(docs(), st.data())
def test_papers_added_in_pieces_are_indexed_as_all_at_once(texts: list[bytes],
                                                           data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(texts)), max_size=3)))
    assert as_lists(built(texts, *cuts)) == reference(texts)


@pytest.mark.parametrize("odd", [
    b" tab\there \x02 b \x03 c ",  # a space str.split() sees and the bytes do not
    " nbsp\xa0word \x02 b \x03 c ".encode(), " em\u2003space \x02 \x03 ".encode(),
    b" in\x02word \x02 b \x03 c ", b" no markers ", b" two \x02 \x02 b \x03 c ",
    b" swapped \x03 b \x02 c ", b"", b"no leading space \x02 b \x03 c ",
    b" zero\x00byte \x02 b \x03 c ",
])
def test_texts_outside_the_layout_are_refused(odd: bytes) -> None:
    texts = [b" plain words \x02 body \x03 author "] * 3 + [odd]
    with pytest.raises(ValueError):
        word_build.build(texts, chunk=2)


@pytest.mark.parametrize("title", ["in\x02the \x03 title", "\x02", "tab\tand\x0bvt",
                                   "nbsp\xa0and\u2003em space", "zero\x00byte"])
def test_folding_keeps_every_paper_in_the_layout(title: str) -> None:
    # unsanitised text (a hand-edited library) must not break the build
    e = entry("odd", title, "body \x03 with a marker\x02", authors=["A\x02 B"])
    doc, title_end, author_start = encode(e)
    assert doc.count(b"\x02") == 1 and doc.count(b"\x03") == 1
    assert doc[title_end:title_end + 1] == b"\x02" and doc[author_start - 1:author_start] == b"\x03"
    assert as_lists(built([doc])) == reference([doc])


def test_a_large_vocabulary_and_wide_keys() -> None:
    # 20k words grow the lookup table; one chunk of 36k papers needs 64-bit sort keys
    texts = [f" w{i % 20000} t{i % 7} \x02 b{i * 7 % 20011} \x03 a{i % 3} ".encode()
             for i in range(36000)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(word_build, "CHUNK_BYTES", 1 << 30)
        got = word_build.build(texts, chunk=len(texts))
    postings, vocab, doclen, initials = reference(texts)
    assert tuple({w: list(a) for w, a in f.items()} for f in csr.postings(got)) == postings
    assert (csr.vocab(got), got.doclen.tolist(), csr.initials(got)) == (vocab, doclen, initials)


def papers() -> list[Entry]:
    out = library()
    for i in range(60):
        out.append(entry(f"x{i}", f"Bottleneck study {i} of Schrödinger bridges",
                         f"We study kv-cache compression with electroencephalography {i % 7}.",
                         authors=[f"Zoë Müller{i % 5}", "José Ng"]))
    return out


QUERIES = ["bottleneck", "b", "s", "z", "sc", "müller", "zoe", '"kv cache"', "schrodinger -kv",
           "electroencephalography", "electro", "information bottleneck", "author:tishby",
           "-study", "1", "x"]


def test_a_search_index_answers_from_its_word_index_as_by_scanning() -> None:
    scanning = SearchIndex(papers())
    indexed = SearchIndex(papers())
    indexed.prepare()
    indexed.scan_limit = 0  # the word index even for this small library
    assert as_lists(indexed.word_index()) == reference(indexed.text.docs)
    answers = [indexed.search(q) for q in QUERIES]
    assert answers == [scanning.search(q) for q in QUERIES]
    assert sum(map(bool, answers)) > 10


def test_a_metadata_change_after_the_build_gives_a_freshly_built_index() -> None:
    entries = papers()
    index = SearchIndex(entries)
    index.prepare()
    changes = {3: "Quantum entanglement on ℝ", 40: "", 60: "Électroencéphalographie"}
    now = list(entries)
    for pos, title in changes.items():
        now[pos] = Entry(replace(entries[pos].paper, title=title, authors=["Ünal Ng"]),
                         entries[pos].state)
        index.update(now[pos])
    assert_indexes(index.word_index(), SearchIndex(now).text.docs)
    index.scan_limit = 0
    assert index.search("entanglement") == [now[3].paper.id]


@settings(max_examples=60, deadline=None)
@given(docs(), st.integers(1, 120))
def test_chunks_cut_by_bytes_give_the_same_build(texts: list[bytes], size: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(word_build, "CHUNK_BYTES", size)
        got = word_build.build(texts)
    postings, vocab, doclen, initials = reference(texts)
    assert tuple({w: list(a) for w, a in f.items()} for f in csr.postings(got)) == postings
    assert (csr.vocab(got), got.doclen.tolist(), csr.initials(got)) == (vocab, doclen, initials)


@settings(max_examples=60, deadline=None)
@given(docs(), st.sampled_from(["a", "x", "é", "z", "日"]))
def test_a_build_keeping_some_words_keeps_their_postings_and_counts_all(
        texts: list[bytes], initial: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(word_build, "CHUNK_BYTES", 40)
        got, counts = word_build.build_kept(iter(texts), lambda w: w.startswith(
            initial.encode()))
    postings, vocab, doclen, _ = reference(texts)
    kept = tuple({w: p for w, p in f.items() if w.startswith(initial)} for f in postings)
    assert tuple({w: list(a) for w, a in f.items()} for f in csr.postings(got)) == kept
    assert got.doclen.tolist() == doclen and got.size == len(texts)
    assert sorted(got.words[csr.MARKERS:]) == vocab
    for i, word in enumerate(got.words[csr.MARKERS:], csr.MARKERS):
        assert counts[3 * i:3 * i + 3].tolist() == [len(f.get(word, [])) for f in postings]
