"""Links and author names as every text format shows them."""

from __future__ import annotations

import pytest

from reader.export.common import best_link, note_excerpt, safe_url, short_authors
from reader.model import Paper


@pytest.mark.parametrize(("authors", "shown"), [
    (["Alice Smith"], "A. Smith"),
    (["Alice Smith", "Bob Jones"], "A. Smith and B. Jones"),
    (["Alice Smith", "Bob Jones", "Carol King"], "A. Smith et al."),
    (["Alice Mary Smith"], "A. M. Smith"),
    (["Jean-Pierre Dupont"], "J.-P. Dupont"),
    (["Ludwig van Beethoven"], "L. van Beethoven"),
    (["Smith, Alice"], "A. Smith"),
    (["OpenAI"], "OpenAI"),
    (["  ", "Ana Lee"], "A. Lee"),
    ([], ""),
])
def test_short_authors(authors: list[str], shown: str) -> None:
    assert short_authors(authors) == shown


def test_best_link_prefers_arxiv_then_first_web_link_then_doi() -> None:
    paper = Paper(id="x", title="t", arxiv_id="2401.00001", urls=["https://a.example"],
                  doi="10.1/x")
    assert best_link(paper) == "https://arxiv.org/abs/2401.00001"
    paper.arxiv_id = None
    assert best_link(paper) == "https://a.example"
    paper.urls = ["javascript:alert(1)", "ftp://x", "data:text/html,hi"]
    assert best_link(paper) == "https://doi.org/10.1/x"
    paper.doi = None
    assert best_link(paper) is None


def test_safe_url_encodes_what_could_end_a_link() -> None:
    assert safe_url('https://x.example/a b)"<>[]') == \
        "https://x.example/a%20b%29%22%3C%3E%5B%5D"
    assert safe_url("https://x.example/?q=1&r=%20") == "https://x.example/?q=1&r=%20"
    assert safe_url("JavaScript:alert(1)") is None
    assert safe_url("https://") is None


def test_note_excerpt_skips_blank_lines_and_marks_the_cut() -> None:
    assert note_excerpt("a\n\n b \nc\nd") == ["a", " b", "c", "…"]
    assert note_excerpt("") == []
