"""Every registered parser, fed random and mutated input, returns papers or raises
our own ParseError: never another exception, never a paper with control characters."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ParseError
from reader.ids import paper_id
from reader.model import Paper
from reader.parsing.base import ParseResult, decode, formats
from reader.parsing.plaintext import title_id
from tests.conftest import CORPUS, HAS_SHARED
from tests.conftest import SEED_LISTING as SEED

SAMPLE_CHARS = 3000
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

PARSERS = list(formats())


def _samples() -> list[str]:
    """The start of one real file of each format (ours where the corpus has none).

    Without ../shared the mutations start from our own small samples only."""
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md")
    seen: set[str] = set()
    texts: list[str] = [
        "@article{k1, title={A {T}itle}, author={Doe, Jane and Roe, R.}, year={2024}}\n",
        "TY  - JOUR\nTI  - A title\nAU  - Doe, Jane\nPY  - 2024\nER  - \n",
        '[{"id": "k", "type": "article", "title": "T", "author": [{"family": "Doe"}]}]',
        "Paper One\nA short abstract.\n\nPaper Two\nAnother abstract.\n",
    ]
    for path in [*files, SEED] if HAS_SHARED else []:
        if path.parent.name in seen:
            continue
        seen.add(path.parent.name)
        texts.append(decode(path.read_bytes(), path.name)[:SAMPLE_CHARS])
    texts.append('{"format": "reader-library", "version": 1, "papers": [{"id": "title:1", '
                 '"title": "T", "authors": ["A"], "state": {"status": "read", "rating": 3}}]}')
    return texts


SAMPLES = _samples()


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        op = draw(st.sampled_from(["delete", "insert", "truncate", "duplicate", "swap"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.text(max_size=30)) + text[i:]
        elif op == "truncate":
            text = text[:i]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[i:j] + text[:i] + text[j:]
    return text


NASTY = st.sampled_from([
    "", "\x00", "{", "[", "[]", "{}", "null", '{"papers": null}', "<", "<?xml", "<feed>",
    "@article{", "@article{x,", "TY  - JOUR", "ER  -", "\ufeff", "\r\n\r\n", "·", "-\n-\n",
    "<!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><feed>&b;</feed>",
    "@string{a = {x}}\n@article{k, title = a # a # {", "[" * 500, "{" * 500,
])


def _check(name: str, text: str) -> None:
    parser = formats()[name]
    assert isinstance(parser.sniff(text[:65536]), bool)
    try:
        result = parser.parse(text, "fuzz.txt")
    except ParseError:
        return
    assert isinstance(result, ParseResult)
    for paper in result.papers:
        assert isinstance(paper, Paper)
        assert isinstance(paper.title, str) and isinstance(paper.id, str) and paper.id
        for value in (paper.title, *paper.authors, *paper.urls, paper.venue or ""):
            assert not _CONTROL.search(value) and "\n" not in value, (name, value)
        assert not _CONTROL.search(paper.abstract), name
    assert all(isinstance(w, str) and "\n" not in w for w in result.warnings)


FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("name", PARSERS)
@FUZZ
@given(text=st.text(max_size=400))
def test_random_text(name: str, text: str) -> None:
    _check(name, text)


@pytest.mark.parametrize("name", PARSERS)
@FUZZ
@given(text=mutated())
def test_mutated_real_files(name: str, text: str) -> None:
    _check(name, text)


@pytest.mark.parametrize("name", PARSERS)
@settings(max_examples=25, deadline=None)
@given(text=NASTY)
def test_nasty_fragments(name: str, text: str) -> None:
    _check(name, text)


@settings(max_examples=200, deadline=None)
@given(title=st.one_of(st.text(min_size=1, max_size=80),
                       st.text(st.characters(max_codepoint=127), min_size=1, max_size=80)))
def test_fast_title_ids_equal_the_contract(title: str) -> None:
    assert title_id(title) == paper_id(None, None, title)
