"""The one-pass checks the importers use give what the per-string functions give."""

from __future__ import annotations

import json
import unicodedata

import orjson
from hypothesis import given
from hypothesis import strategies as st

from reader.text import (
    any_needs_line_cleaning,
    fold,
    json_strings_kept_as_is,
    kept_as_is,
    needs_line_cleaning,
    sanitize,
)

TRICKY = st.sampled_from(["\x1b", "\x9b", "\x9d", "\r", "\n", "\t", "\x7f", "\x85", "\u202e",
                          "\u2067", "\u200b", "\u0301", "\u0301\u0301\u0301", " \u0301", "é",
                          "ß", "ﬁ", "İ", "\\", '"', "a", " ", "\u00a0", "🙂", "\ufeff"])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=4)), max_size=8).map("".join)


@given(st.lists(TEXT, max_size=6))
def test_one_pass_checks_match_the_per_string_ones(texts: list[str]) -> None:
    assert any_needs_line_cleaning(texts) == any(map(needs_line_cleaning, texts))
    if kept_as_is(texts):
        assert all(sanitize(t, multiline=False) == t for t in texts)
    if kept_as_is(texts, multiline=True):
        assert all(sanitize(t) == t for t in texts)
    if all(sanitize(t, multiline=False) == t for t in texts):
        assert kept_as_is(texts)


@given(st.lists(TEXT, max_size=6))
def test_a_json_document_is_clean_only_when_each_of_its_strings_is(texts: list[str]) -> None:
    data = {"papers": [{"title": t} for t in texts]}
    for document in (orjson.dumps(data).decode(), orjson.dumps(data, option=orjson.OPT_INDENT_2)
                     .decode(), json.dumps(data), json.dumps(data, ensure_ascii=False)):
        if json_strings_kept_as_is(document):
            assert all(sanitize(t) == t and sanitize(t, multiline=False) == t for t in texts)
    escaped = '{"a": "x\\u001by", "b": "\\r", "c": "\\u202E"}'
    assert not json_strings_kept_as_is(escaped)


def _fold_before(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(TEXT)
def test_fold_is_what_it_was(text: str) -> None:
    assert fold(text) == _fold_before(text)


def test_fold_of_every_character_is_what_it_was() -> None:
    for code in range(0x110000):
        if not 0xD800 <= code < 0xE000:
            text = f"{chr(code)}A{chr(code)}"
            assert fold(text) == _fold_before(text)
