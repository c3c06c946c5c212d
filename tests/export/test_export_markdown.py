"""Markdown checklist: renders to the links and text a reader expects, nothing more."""

from __future__ import annotations

import html
import re

from export_fixtures import FORMULA_TITLE, HOSTILE_NOTE, HOSTILE_TITLE, NOW, TO_READ_ORDER, entry
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.export import EXPORTERS, select_entries
from reader.export.common import one_line
from reader.model import Entry, Status


def render(text: str) -> str:
    return MarkdownIt("commonmark").render(text)


def items(rendered: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", rendered, flags=re.S)


def test_header_has_date_and_count(entries: list[Entry]) -> None:
    out = EXPORTERS["md"].dump(select_entries(entries), NOW)
    assert out.startswith("# Reading list\n")
    assert "2026-11-28 · 5 papers" in out.splitlines()[2]


def test_one_checklist_item_per_paper_in_order(entries: list[Entry]) -> None:
    chosen = select_entries(entries)
    out = EXPORTERS["md"].dump(chosen, NOW)
    lines = [line for line in out.splitlines() if line.startswith("- [")]
    assert len(lines) == len(TO_READ_ORDER)
    for line, pid in zip(lines, TO_READ_ORDER, strict=True):
        assert line.startswith("- [ ] ")
        paper = next(e.paper for e in chosen if e.paper.id == pid)
        if paper.arxiv_id:
            assert f"(https://arxiv.org/abs/{paper.arxiv_id})" in line


def test_read_papers_are_ticked(entries: list[Entry]) -> None:
    out = EXPORTERS["md"].dump(select_entries(entries, all_=True), NOW)
    ticked = [line for line in out.splitlines() if line.startswith("- [x]")]
    assert len(ticked) == 1 and "BERT" in ticked[0]


def test_hostile_title_stays_one_link_with_the_exact_text(entries: list[Entry]) -> None:
    chosen = select_entries(entries)
    rendered = render(EXPORTERS["md"].dump(chosen, NOW))
    assert "<script>" not in rendered and "<b>" not in rendered
    hostile = items(rendered)[TO_READ_ORDER.index("arxiv:2401.00001")]
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', hostile, flags=re.S)
    assert links == [("https://arxiv.org/abs/2401.00001", html.escape(HOSTILE_TITLE))]
    # the note's fake link and heading stay text
    assert "javascript" not in "".join(re.findall(r'href="([^"]*)"', rendered))
    assert "<h1>" not in rendered.split("</h1>", 1)[1]
    assert "<em>" not in rendered and "<code>" not in rendered


def test_formula_title_and_odd_url_survive(entries: list[Entry]) -> None:
    rendered = render(EXPORTERS["md"].dump(select_entries(entries), NOW))
    item = items(rendered)[TO_READ_ORDER.index("doi:10.1000/xyz")]
    href, text = re.findall(r'<a href="([^"]*)">(.*?)</a>', item, flags=re.S)[0]
    assert href == "https://example.org/paper%20%28v2%29"
    assert text == html.escape(FORMULA_TITLE)


def test_unsafe_link_is_not_linked(entries: list[Entry]) -> None:
    out = EXPORTERS["md"].dump(select_entries(entries), NOW)
    line = next(line for line in out.splitlines() if "Rated five, older" in line)
    assert "javascript" not in line and "](" not in line


def test_authors_year_rating_tags_and_note(entries: list[Entry]) -> None:
    out = EXPORTERS["md"].dump(select_entries(entries), NOW)
    hostile = next(line for line in out.splitlines() if "2401.00001" in line)
    assert "— A. Smith et al. (2024) ★★★ #ml #to share" in hostile
    two = next(line for line in out.splitlines() if "Rated five, older" in line)
    assert "D. Wu and E. Stone ★★★★★" in two
    formula = next(line for line in out.splitlines() if "10.1000" in line or "HYPERLINK" in line)
    assert "J.-P. van der Berg" in formula
    after = out.split(hostile + "\n", 1)[1].splitlines()
    assert all(line.startswith("  > ") for line in after[:4])
    assert after[3] == "  > …"  # only the first three lines of a long note
    quote = re.findall(r"<blockquote>\s*<p>(.*?)</p>", render(out), flags=re.S)[0]
    shown = html.unescape(quote).splitlines()
    assert shown[:3] == HOSTILE_NOTE.splitlines()[:3]


def test_empty_selection_still_has_a_header() -> None:
    out = EXPORTERS["md"].dump([], NOW)
    assert "0 papers" in out and "- [" not in out


def test_status_read_export_is_all_ticked(entries: list[Entry]) -> None:
    out = EXPORTERS["md"].dump(select_entries(entries, status=Status.READ), NOW)
    assert [line[:5] for line in out.splitlines() if line.startswith("- [")] == ["- [x]"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab [](){}<>*_`\\!#&;|~$^=+-.:'\"\n")),
               min_size=1, max_size=30))
def test_any_title_renders_as_exactly_one_link_with_its_text(title: str) -> None:
    e = entry("arxiv:2401.00001", title, status=Status.TO_READ, arxiv_id="2401.00001")
    rendered = render(EXPORTERS["md"].dump([e], NOW))
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', rendered, flags=re.S)
    expected = one_line(title) or "arxiv:2401.00001"
    assert [(href, html.unescape(text)) for href, text in links] == [
        ("https://arxiv.org/abs/2401.00001", expected)]
