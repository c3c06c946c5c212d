"""Links found in abstracts come out clean."""

from __future__ import annotations

import pytest

from reader.parsing.links import extract_urls, merge_urls


@pytest.mark.parametrize(("text", "expected"), [
    ("Code: https://github.com/a/b.", ["https://github.com/a/b"]),
    ("see (https://github.com/divelab/AIRS/).", ["https://github.com/divelab/AIRS/"]),
    ("at https://github.com/a/b, and https://x.io/c; done", ["https://github.com/a/b",
                                                           "https://x.io/c"]),
    ("https://github.com/c/Re-ttention{https://github.com/c/Re-ttention}",
     ["https://github.com/c/Re-ttention"]),
    ("release https://github.com/q/gated_attention{codes} and "
     "https://huggingface.co/Q/gated_attention{models}.",
     ["https://github.com/q/gated_attention", "https://huggingface.co/Q/gated_attention"]),
    ("page: https://tfhub.dev/google/collections/gtr/1.",
     ["https://tfhub.dev/google/collections/gtr/1"]),
    ("wiki https://en.wikipedia.org/wiki/Foo_(bar) is kept",
     ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
    ("[code](https://github.com/a/b)", ["https://github.com/a/b"]),
    (r"\url{https://example.org/x}", ["https://example.org/x"]),
    ("<https://example.org/y>", ["https://example.org/y"]),
    ("http://huggingface.co/datasets/J/SUB.", ["http://huggingface.co/datasets/J/SUB"]),
    ("trailing slash https://a.io/x/ and again https://a.io/x", ["https://a.io/x/"]),
    ("no links here, just http and https words", []),
    ("broken https:// and https://.", []),
])
def test_extract_urls(text: str, expected: list[str]) -> None:
    assert extract_urls(text) == expected


def test_order_is_kept_and_duplicates_dropped() -> None:
    text = "https://b.io/1 then https://a.io/2 then https://b.io/1. again"
    assert extract_urls(text) == ["https://b.io/1", "https://a.io/2"]


def test_merge_urls_keeps_first_spelling() -> None:
    assert merge_urls(["https://arxiv.org/abs/1"], ["https://ARXIV.org/abs/1/", "https://c.io"]
                      ) == ["https://arxiv.org/abs/1", "https://c.io"]
