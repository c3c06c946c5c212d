"""BibTeX: valid, unique keys, escaped values that parse back to the same titles.

bibtexparser accepts things real BibTeX rejects (PITFALLS.md C2), so the
adversarial titles also go through the real `bibtex` binary when it is installed.
"""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
from export_fixtures import (
    HOSTILE_NOTE,
    HOSTILE_TITLE,
    NOW,
    TO_READ_ORDER,
    entry,
    latex_to_text,
    needs_bibtex,
    run_bibtex,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.export import EXPORTERS, select_entries
from reader.export.common import one_line
from reader.model import Entry, Status


def parse(text: str) -> bibtexparser.Library:
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks, lib.failed_blocks
    return lib


def test_parses_back_to_the_same_titles_in_order(entries: list[Entry]) -> None:
    chosen = select_entries(entries, all_=True)
    lib = parse(EXPORTERS["bib"].dump(chosen, NOW))
    assert len(lib.entries) == len(chosen)
    titles = [latex_to_text(e.fields_dict["title"].value) for e in lib.entries]
    assert titles == [one_line(e.paper.title) for e in chosen]


def test_hostile_fields_do_not_inject_or_swallow(entries: list[Entry]) -> None:
    lib = parse(EXPORTERS["bib"].dump(select_entries(entries), NOW))
    hostile = lib.entries[TO_READ_ORDER.index("arxiv:2401.00001")]
    assert latex_to_text(hostile.fields_dict["title"].value) == HOSTILE_TITLE
    assert "note" not in hostile.fields_dict  # the "note = {INJECTED" in the title stays text
    assert latex_to_text(hostile.fields_dict["annote"].value) == one_line(HOSTILE_NOTE)
    assert latex_to_text(hostile.fields_dict["keywords"].value) == "ml, to share, <b>"
    raw = hostile.fields_dict["title"].value
    # the only braces left are escape commands and case protection, all balanced
    assert raw.count("{") == raw.count("}")
    assert "{CLS}" in raw and "{INJECTED}" in raw


def test_keys_are_safe_unique_and_author_year_word() -> None:
    es = [entry(f"p{i}", "The Attention Trick", authors=["Ana Müller-Lüdenscheidt"],
                year=2024, status=Status.TO_READ) for i in range(3)]
    es.append(entry("q", "", authors=[], year=None, status=Status.TO_READ))
    lib = parse(EXPORTERS["bib"].dump(es, NOW))
    keys = [e.key for e in lib.entries]
    assert keys[:3] == ["mullerludenscheidt2024attention", "mullerludenscheidt2024attentiona",
                        "mullerludenscheidt2024attentionb"]
    assert len(set(keys)) == 4
    assert all(re.fullmatch(r"[A-Za-z0-9:_-]+", k) for k in keys)


def test_arxiv_papers_are_misc_with_eprint(entries: list[Entry]) -> None:
    lib = parse(EXPORTERS["bib"].dump(select_entries(entries), NOW))
    by_eprint = {e.fields_dict["eprint"].value: e for e in lib.entries if "eprint" in e.fields_dict}
    queue_head = by_eprint["2401.00002"]
    assert queue_head.entry_type == "misc"
    assert queue_head.fields_dict["archivePrefix"].value == "arXiv"
    assert queue_head.fields_dict["url"].value == "https://arxiv.org/abs/2401.00002"
    conference = lib.entries[TO_READ_ORDER.index("doi:10.1000/xyz")]
    assert conference.entry_type == "inproceedings"
    assert conference.fields_dict["doi"].value == "10.1000/xyz"
    unsafe = lib.entries[TO_READ_ORDER.index("title:abc123")]
    assert "url" not in unsafe.fields_dict  # javascript: links are dropped


def test_old_style_arxiv_id_gets_primary_class() -> None:
    e = entry("arxiv:cond-mat/0412498", "Old", arxiv_id="cond-mat/0412498", authors=["X Y"])
    lib = parse(EXPORTERS["bib"].dump([e], NOW))
    assert lib.entries[0].fields_dict["primaryClass"].value == "cond-mat"


def test_acronyms_are_protected() -> None:
    e = entry("x", "LLMs meet ImageNet: a BERT study", authors=["A B"])
    out = EXPORTERS["bib"].dump([e], NOW)
    assert "title = {{LLMs} meet {ImageNet}: a {BERT} study}" in out


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
               max_size=40))
def test_any_title_round_trips_through_bibtexparser(title: str) -> None:
    e = entry("x", title, authors=["A B"])
    lib = parse(EXPORTERS["bib"].dump([e], NOW))
    assert len(lib.entries) == 1
    expected = one_line(title) or "x"
    assert latex_to_text(lib.entries[0].fields_dict["title"].value) == expected


# --- the real bibtex ----------------------------------------------------------------

ADVERSARIAL = [
    "Unbalanced { brace",
    "Nice}, note = {INJECTED",
    "100% accurate & fast #1 under_score $5 ^ ~",
    "back\\slash }{ reversed",
    "@misc{evil, title={x}}",
    'Quotes "double" and <script>alert(1)</script>',
    "[CLS] tokens in BERT and ImageNet",
]

@needs_bibtex
def test_real_bibtex_reads_every_adversarial_title(tmp_path: Path) -> None:
    es = [entry(f"p{i}", t, authors=["Ann Lee"], note=f"sentinel {i}")
          for i, t in enumerate(ADVERSARIAL)]
    records = run_bibtex(tmp_path, EXPORTERS["bib"].dump(es, NOW))
    assert len(records) == len(ADVERSARIAL)
    for i, ((_key, shown_title, annote), title) in enumerate(
            zip(records, ADVERSARIAL, strict=True)):
        assert latex_to_text(shown_title) == title
        assert annote == f"sentinel {i}"  # the next field was not swallowed


def test_links_and_dois_stay_verbatim_and_brace_free() -> None:
    code = entry("c", "Code", authors=["A B"], urls=["https://github.com/x/gated_attention{codes}"])
    doi = entry("d", "Doi", authors=["A B"], doi="10.1000/a_b{c}\\d")
    out = EXPORTERS["bib"].dump([code, doi], NOW)
    assert "url = {https://github.com/x/gated_attention%7Bcodes%7D}" in out  # no \_
    assert "doi = {10.1000/a_b%7Bc%7D%5Cd}" in out
    lib = parse(out)
    assert [e.fields_dict["title"].value for e in lib.entries] == ["Code", "Doi"]


KEYS = ["vaswani2017attention", "Held:2024gwj", "2016ApJ...817...16D", "Monti2018-ov",
        "schuster_get_2021", "a+b/c?d!e&f@g*h<i>j$k"]


def test_every_character_a_citation_key_may_hold_exports_as_is() -> None:
    """Keys are exported as they are (a manuscript cites them): BibTeX reads them back."""
    from dataclasses import replace

    es = [entry(f"p{i}", f"Paper {i}", status=Status.TO_READ) for i in range(len(KEYS))]
    es = [Entry(replace(e.paper, key=k), e.state) for e, k in zip(es, KEYS, strict=True)]
    lib = parse(EXPORTERS["bib"].dump(es, NOW))
    assert [e.key for e in lib.entries] == KEYS


@needs_bibtex
def test_real_bibtex_reads_every_kind_of_citation_key(tmp_path: Path) -> None:
    from dataclasses import replace

    es = [entry(f"p{i}", f"Paper {i}", status=Status.TO_READ) for i in range(len(KEYS))]
    es = [Entry(replace(e.paper, key=k), e.state) for e, k in zip(es, KEYS, strict=True)]
    records = run_bibtex(tmp_path, EXPORTERS["bib"].dump(es, NOW))
    assert sorted(key for key, _, _ in records) == sorted(KEYS)
