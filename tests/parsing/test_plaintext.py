"""The plain-text copy of the Hugging Face Papers page ("hf-text")."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import ParseError
from reader.ids import paper_id
from reader.parsing import classify, parse_file, parse_text

A1 = ("We study retrieval with sparse widgets, a cheap replacement for dense vectors. "
      "Across six benchmarks the widgets match a dense baseline while using a tenth of "
      "the memory, and they can be updated in place when the collection changes. We "
      "release the index builder at https://github.com/example/widgets.")
A2 = ("Many small models are reported to rival large ones on public benchmarks. We "
      "re-run forty such claims with fixed seeds and held-out test sets and find that "
      "most of the gap reappears once contamination is removed; we list the checks a "
      "reviewer can run in an afternoon, and the ones that need more compute than that.")
A3 = ("The classification token is a convenient summary of a sequence, but it is also a "
      "bottleneck: everything the head sees must pass through one vector. We show that "
      "pooling over all tokens is never worse in our experiments and is often better, "
      "especially for long inputs where the first position saturates early in training.")

DAILY_PAGE = f"""Hugging Face
Models
Datasets
Spaces
Posts
Docs
Enterprise
Pricing
Log In
Sign Up
new
Get trending papers in your email inbox once a day!
Get trending papers in your email inbox!
Subscribe
Daily Papers
by AK and the research community
Daily
Weekly
Monthly
Jun 29
Submitted by
someuser
42
Sparse Widgets for Dense Retrieval
{A1}
5 authors
·
Jun 27, 2025
3
-
Tiny Models, Big Claims: Auditing Benchmarks
{A2}
Example Lab · Jun 28, 2025
Submitted by otheruser
7
[CLS] Tokens Considered Harmful
{A3}
12 authors · Jun 26
1
"""

TITLES = ["Sparse Widgets for Dense Retrieval", "Tiny Models, Big Claims: Auditing Benchmarks",
          "[CLS] Tokens Considered Harmful"]


def test_seed_listing_gives_243_clean_papers(seed_listing: Path) -> None:
    result = parse_file(seed_listing)
    assert result.fmt == "hf-text"
    assert len(result.papers) == 243
    assert not result.warnings
    first = result.papers[0]
    assert first.title == "Principled Training of Neural Networks with Direct Feedback Alignment"
    assert first.abstract.startswith("The backpropagation algorithm has long been")
    titles = [p.title for p in result.papers]
    for expected in ("Bottleneck Transformers for Visual Recognition",
                     "2nd Place Solution to the GQA Challenge 2019",
                     "Fluid Language Model Benchmarking"):
        assert expected in titles
    assert titles[-1] == "Fluid Language Model Benchmarking"
    for paper in result.papers:
        assert "Subscribe" not in paper.title and "trending" not in paper.title
        assert len(paper.title) < 200 < len(paper.abstract)
        assert paper.id == paper_id(None, None, paper.title)
        assert paper.source == "hf-text:hf-papers-search-bottleneck.txt"
    assert len({p.id for p in result.papers}) == 243


def test_seed_titles_and_abstracts_alternate_exactly(seed_listing: Path) -> None:
    lines = [ln for ln in seed_listing.read_text("utf-8").splitlines() if ln.strip()][2:]
    lines[0] = lines[0].removeprefix("Subscribe")
    result = parse_file(seed_listing)
    assert [p.title for p in result.papers] == lines[0::2]
    assert [p.abstract for p in result.papers] == lines[1::2]


def test_seed_links_are_clean(seed_listing: Path) -> None:
    papers = {p.title: p for p in parse_file(seed_listing).papers}
    urls = [u for p in papers.values() for u in p.urls]
    assert "https://github.com/qiuzh20/gated_attention" in urls
    assert "https://github.com/cccrrrccc/Re-ttention" in urls
    assert "https://github.com/divelab/AIRS/" in urls
    for url in urls:
        assert not url.endswith((".", ",", ")", "}")) and "{" not in url


def test_daily_page_chrome_is_not_a_paper() -> None:
    result = parse_text(DAILY_PAGE, source_name="today.txt")
    assert [p.title for p in result.papers] == TITLES
    assert [p.abstract for p in result.papers] == [A1, A2, A3]
    assert result.warnings == []


def test_metadata_lines_give_dates_but_not_author_names(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify, "today", lambda: date(2026, 7, 1))
    first, second, third = parse_text(DAILY_PAGE).papers
    assert (first.published, first.year) == ("2025-06-27", 2025)
    assert (second.published, second.year) == ("2025-06-28", 2025)
    # "Jun 26": the page leaves out the current year
    assert (third.published, third.year) == ("2026-06-26", 2026)
    assert first.authors == [] and third.authors == []


@pytest.mark.parametrize(("today", "line", "expected"), [
    (date(2026, 1, 2), "3 authors · Dec 30", "2025-12-30"),  # last year's December
    (date(2026, 1, 2), "Example Lab · Jan 2", "2026-01-02"),
    (date(2026, 3, 1), "Published on Feb 29", None),  # no Feb 29 in 2026 or 2025
    (date(2026, 3, 1), "3 authors · Mar 8, 2024", "2024-03-08"),
])
def test_dates_without_a_year(monkeypatch: pytest.MonkeyPatch, today: date, line: str,
                              expected: str | None) -> None:
    monkeypatch.setattr(classify, "today", lambda: today)
    paper = parse_text(f"{TITLES[0]}\n{A1}\n{line}\n").papers[0]
    assert paper.published == expected


def test_links_in_a_page_copy_abstract() -> None:
    first, second, third = parse_text(DAILY_PAGE).papers
    assert second.urls == [] and third.urls == []
    assert first.urls == ["https://github.com/example/widgets"]


def test_windows_line_endings_bom_and_trailing_whitespace() -> None:
    messy = "\ufeff" + "\r\n".join(line + (" \t" if i % 2 else "  ")
                                   for i, line in enumerate(DAILY_PAGE.splitlines()))
    clean = parse_text(DAILY_PAGE).papers
    assert parse_text(messy).papers == clean


def test_blank_lines_between_everything() -> None:
    spaced = "\n\n".join(DAILY_PAGE.splitlines())
    assert [p.title for p in parse_text(spaced).papers] == TITLES


def test_hard_wrapped_abstracts() -> None:
    text = "\n".join(f"{t}\n{textwrap.fill(a, 72)}" for t, a in zip(TITLES, [A1, A2, A3],
                                                                       strict=True))
    papers = parse_text(text, fmt="hf-text").papers
    assert [p.title for p in papers] == TITLES
    assert [p.abstract for p in papers] == [A1, A2, A3]


def test_hard_wrapped_abstract_ending_on_a_full_line() -> None:
    a1 = "word " * 13 + "end.\n" + "word " * 13 + "ends."  # both lines full width
    text = f"First Paper Title Here\n{a1}\nSecond Paper With A Title\n{a1}\n"
    papers = parse_text(text, fmt="hf-text").papers
    assert [p.title for p in papers] == ["First Paper Title Here", "Second Paper With A Title"]


def test_hard_wrapped_page_copy_is_sniffed_by_its_metadata_lines() -> None:
    text = "\n".join(f"{t}\n{textwrap.fill(a, 64)}\n4 authors · May 3, 2024"
                     for t, a in zip(TITLES, [A1, A2, A3], strict=True))
    result = parse_text(text)
    assert result.fmt == "hf-text"
    assert [p.abstract for p in result.papers] == [A1, A2, A3]
    assert {p.published for p in result.papers} == {"2024-05-03"}


def test_hard_wrapped_hyphenated_word_is_joined() -> None:
    text = ("A Title About Wrapping\nWe propose a state-of-the-\nart method that is very "
            "good at many things and we say so at length " * 1 + "x" * 10 + ".\n")
    paper = parse_text(text, fmt="hf-text").papers[0]
    assert "state-of-the-art method" in paper.abstract


def test_title_with_no_chrome_before_it_and_one_paper() -> None:
    papers = parse_text(f"{TITLES[0]}\n{A1}\n").papers
    assert [(p.title, p.abstract) for p in papers] == [(TITLES[0], A1)]


def test_control_characters_and_escapes_are_removed() -> None:
    text = f"Evil \x1b[31mRed\x1b[0m Title\u202e\n{A1}\x07\n"
    paper = parse_text(text).papers[0]
    assert "\x1b" not in paper.title and "\u202e" not in paper.title
    assert paper.title == "Evil Red Title"
    assert "\x07" not in paper.abstract


def test_unicode_titles_survive() -> None:
    title = "Schrödinger Bridges for 🤖 Agents: ∂-Calculus Revisited"
    paper = parse_text(f"{title}\n{A2}\n").papers[0]
    assert paper.title == title


def test_abstract_after_a_metadata_line_still_joins_its_title() -> None:
    text = f"17\n{TITLES[0]}\n3 authors · Jun 2, 2024\n{A1}\n9\n{TITLES[1]}\n{A2}\n"
    papers = parse_text(text).papers
    assert [(p.title, p.abstract) for p in papers] == [(TITLES[0], A1), (TITLES[1], A2)]
    assert papers[0].year == 2024


def test_ids_are_stable_across_parses_and_chrome() -> None:
    plain = parse_text(f"{TITLES[0]}\n{A1}\n").papers[0]
    again = parse_text(DAILY_PAGE).papers[0]
    assert plain.id == again.id == paper_id(None, None, TITLES[0])


def test_daily_page_without_abstracts_keeps_titles_with_page_structure() -> None:
    text = ("Daily Papers\nby AK and the research community\n42\nTitle A About Things\n"
            "5 authors\n·\nJun 27, 2025\n3\n17\nTitle B About Other Things\nExample Lab\n·\n"
            "Jun 28, 2025\n-\nTitle C With Only an Upvote Count\n")
    papers = parse_text(text).papers
    assert [(p.title, p.abstract, p.published) for p in papers] == [
        ("Title A About Things", "", "2025-06-27"),
        ("Title B About Other Things", "", "2025-06-28"),  # "Example Lab" is no title
        ("Title C With Only an Upvote Count", "", None)]


def test_a_page_of_chrome_only_is_an_error() -> None:
    text = "Daily Papers\nby AK and the research community\nDaily\nWeekly\nMonthly\nJun 29\n"
    with pytest.raises(ParseError, match=r"^page\.txt: no papers found"):
        parse_text(text, source_name="page.txt")


WORDS = st.sampled_from(["model", "Learning", "sparse", "Graph", "attention", "data", "(LLMs)",
                         "robust", "2024", "über", "🤖", "[CLS]", "state-of-the-art", "x",
                         "retrieval", "Bottleneck", "via", "a", "of", "Diffusion", "3D"])


@st.composite
def listing(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """A page copy of random papers with random chrome, and the pairs it holds."""
    pairs: list[tuple[str, str]] = []
    chunks = [draw(st.sampled_from(["", "Daily Papers\nby AK and the research community\n",
                                    "Get trending papers in your email inbox!\nSubscribe"]))]
    for _ in range(draw(st.integers(1, 6))):
        # a title has a word (a line of only years and emoji, "2024 🤖 2024", is page chrome)
        title = " ".join(draw(st.lists(WORDS, min_size=3, max_size=12).filter(
            lambda words: any(w.isalpha() and len(w) > 2 for w in words)))).capitalize()
        sentences = draw(st.lists(st.lists(WORDS, min_size=6, max_size=20), min_size=4,
                                  max_size=10))
        abstract = " ".join(" ".join(s).capitalize() + "." for s in sentences)
        abstract = abstract + " More words follow here." * (abstract.count(" ") < 60) * 8
        pairs.append((title, abstract))
        upvotes = draw(st.sampled_from(["", "-\n", "12\n"]))
        meta = draw(st.sampled_from(["", "5 authors · Mar 8, 2024\n", "Example Lab\n·\nMay 30\n",
                                     "1 author\n·\nJan 2, 2025\n3\n"]))
        chunks.append(f"{upvotes}{title}\n{abstract}\n{meta}")
    text = "\n".join(chunks)
    if draw(st.booleans()):
        text = text.replace("\n", " \t\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, pairs


@settings(max_examples=60, deadline=None)
@given(case=listing())
def test_any_page_copy_gives_back_its_title_abstract_pairs(
        case: tuple[str, list[tuple[str, str]]]) -> None:
    text, pairs = case
    papers = parse_text(text, fmt="hf-text").papers
    assert [(p.title, p.abstract) for p in papers] == pairs


def test_more_page_chrome_with_counts_is_ignored() -> None:
    text = (f"Models citing this paper 3\nAI-generated summary\n{TITLES[0]}\n{A1}\n"
            f"View arXiv page\nView PDF\nAdd to collection\n{TITLES[1]}\n{A2}\n"
            "Collections including this paper 12\n")
    papers = parse_text(text).papers
    assert [(p.title, p.abstract) for p in papers] == [(TITLES[0], A1), (TITLES[1], A2)]


def test_two_pages_pasted_one_after_the_other() -> None:
    page = (f"Get trending papers in your email inbox!\nSubscribe{TITLES[0]}\n{A1}\n"
            f"{TITLES[1]}\n{A2}\n")
    second = page.replace(TITLES[0], TITLES[2]).replace(A1, A3)
    papers = parse_text(page + second).papers
    assert [p.title for p in papers] == [TITLES[0], TITLES[1], TITLES[2], TITLES[1]]
