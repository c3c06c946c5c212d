"""The numpy word index (vectorized.py) is exactly the Python one (Catalogue._add_docs)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from search_fixtures import entry, library

from reader.model import Entry
from reader.search import SearchIndex, catalogue, csr, vectorized
from reader.search.catalogue import Catalogue

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
    """Folded texts in scan.py's layout: ` title \x02 body \x03 authors `."""
    out = []
    for _ in range(draw(st.integers(0, 12))):
        fields = [draw(SEP).join(draw(FIELD)) for _ in range(3)]
        text = " " + f" {draw(SEP)}\x02 ".join(fields[:2]) + " \x03 " + fields[2] + draw(SEP)
        out.append(text.encode("utf-8"))
    return out


def python_index(docs: list[bytes], monkeypatch: pytest.MonkeyPatch) -> Catalogue:
    with monkeypatch.context() as m:
        m.setattr(catalogue, "VECTOR_MIN", 10**9)
        cat = Catalogue()
        cat.add(docs)
        cat.build_initials(scanner(docs))
    return cat


def scanner(docs: list[bytes]) -> Callable[[int, bytes], int]:
    def scan(candidates: int, needle: bytes) -> int:
        return sum(1 << p for p, doc in enumerate(docs) if candidates >> p & 1 and needle in doc)
    return scan


def assert_same(built: csr.Built, cat: Catalogue) -> None:
    assert csr.postings(built) == cat.postings
    assert csr.vocab(built) == cat.vocab
    assert built.doclen.tolist() == cat.doclen.tolist()
    assert csr.initials(built) == cat.initials


def test_the_space_list_is_every_non_ascii_character_split_takes() -> None:
    spaces = [chr(c) for c in range(0x80, sys.maxunicode + 1) if chr(c).isspace()]
    assert list(vectorized._SPACES) == spaces


@settings(max_examples=60, deadline=None)
@given(docs(), st.integers(1, 5))
def test_same_postings_vocab_lengths_initials_at_any_chunk_size(
        texts: list[bytes], chunk: int) -> None:
    with pytest.MonkeyPatch.context() as m:
        cat = python_index(texts, m)
    built = vectorized.build(texts, chunk=chunk)
    assert built is not None
    assert_same(built, cat)


@settings(max_examples=60, deadline=None)
@given(docs(), st.data())
def test_two_builds_merged_are_the_build_of_all(texts: list[bytes], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(texts)))
    first, second = vectorized.build(texts[:cut]), vectorized.build(texts[cut:], cut)
    whole = vectorized.build(texts)
    assert first is not None and second is not None and whole is not None
    merged = csr.merge(first, second)
    assert csr.postings(merged) == csr.postings(whole)
    assert csr.vocab(merged) == csr.vocab(whole)
    assert merged.doclen.tolist() == whole.doclen.tolist() and merged.size == len(texts)


@pytest.mark.parametrize("odd", [
    b" tab\there \x02 b \x03 c ",  # a space str.split() sees and the bytes do not
    " nbsp\xa0word \x02 b \x03 c ".encode(), " em\u2003space \x02 \x03 ".encode(),
    b" in\x02word \x02 b \x03 c ", b" no markers ", b" two \x02 \x02 b \x03 c ",
    b" swapped \x03 b \x02 c ", b"", b"no leading space \x02 b \x03 c ",
    b" zero\x00byte \x02 b \x03 c ",
])
def test_texts_outside_the_layout_fall_back_to_python(
        odd: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [b" plain words \x02 body \x03 author "] * 3 + [odd]
    assert vectorized.build(texts, chunk=2) is None
    monkeypatch.setattr(catalogue, "VECTOR_MIN", 1)
    cat = Catalogue()
    cat.add(texts)  # the Python path, so the same index as without numpy
    assert cat.postings == python_index(texts, monkeypatch).postings


def test_a_large_vocabulary_and_wide_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    # 20k words grow the lookup table; one chunk of 36k papers needs 64-bit sort keys
    texts = [f" w{i % 20000} t{i % 7} \x02 b{i * 7 % 20011} \x03 a{i % 3} ".encode()
             for i in range(36000)]
    built = vectorized.build(texts, chunk=len(texts))
    assert built is not None
    assert_same(built, python_index(texts, monkeypatch))


def test_a_big_import_extends_an_index_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f" t{i % 50} é{i % 9} \x02 body{i % 31} x \x03 a{i % 5} ".encode()
             for i in range(700)]
    expected = python_index(texts, monkeypatch)
    monkeypatch.setattr(catalogue, "VECTOR_MIN", 300)
    cat = Catalogue()
    cat.add(texts[:100])  # Python path
    cat.build_initials(scanner(texts[:100]))
    cat.add(texts[100:])  # numpy path, merged into the first papers
    assert (cat.size, cat.postings, cat.vocab, cat.doclen, cat.initials) == (
        expected.size, expected.postings, expected.vocab, expected.doclen, expected.initials)


def test_without_numpy_the_python_path_builds_it(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [b" a b \x02 c \x03 d "] * 5
    monkeypatch.setattr(catalogue, "VECTOR_MIN", 1)
    monkeypatch.setitem(sys.modules, "reader.search.vectorized", None)  # import fails
    cat = Catalogue()
    cat.add(texts)
    assert cat.postings == python_index(texts, monkeypatch).postings


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


def test_a_search_index_answers_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = []
    for threshold in (1, 10**9):
        monkeypatch.setattr(catalogue, "VECTOR_MIN", threshold)
        index = SearchIndex(papers())
        assert vectorized.build(index.text.docs) is not None  # scan.py's texts fit the layout
        index.prepare()
        index.scan_limit = 0  # the word index even for this small library
        answers.append([index.search(q) for q in QUERIES] + [index.related("p1", 5)])
    assert answers[0] == answers[1]
    assert any(answers[0][:-1]) and answers[0][-1]


@pytest.mark.parametrize("step", [1, 3, 1 << 20])
def test_postings_are_placed_row_by_row_at_any_slice_size(step: int) -> None:
    import numpy as np

    counts = np.array([2, 0, 5, 1, 0, 3, 4])
    indptr = np.concatenate(([0], np.cumsum(counts)))
    src = np.arange(100, 100 + int(indptr[-1]), dtype=np.uint32)
    starts = np.array([30, 0, 10, 40, 29, 20, 50])  # where each row goes in `out`
    out = np.zeros(60, np.uint32)
    csr._place(out, src, indptr, starts - indptr[:-1], step=step)
    expected = np.zeros(60, np.uint32)
    for row, start in enumerate(starts):
        expected[start:start + counts[row]] = src[indptr[row]:indptr[row + 1]]
    assert out.tolist() == expected.tolist()
