"""arXiv categories in exports: BibTeX `primaryClass` (the primary category), CSL-JSON
`keyword` (after the tags), and Reader's JSON round trip."""

from __future__ import annotations

import json
from dataclasses import replace

import bibtexparser
from export_fixtures import NOW, entry

from reader.export import EXPORTERS
from reader.model import Entry
from reader.parsing import parse_text


def _with_categories(e: Entry, categories: list[str]) -> Entry:
    return Entry(replace(e.paper, categories=categories), e.state)


def test_bibtex_primary_class_is_the_primary_category() -> None:
    new = _with_categories(entry("arxiv:2401.00001", "New", arxiv_id="2401.00001",
                                 authors=["A B"]), ["cs.LG", "stat.ML"])
    old = _with_categories(entry("arxiv:cond-mat/0412498", "Old", authors=["X Y"],
                                 arxiv_id="cond-mat/0412498"), ["cond-mat.str-el"])
    bare = entry("arxiv:2401.00002", "Bare", arxiv_id="2401.00002", authors=["C D"])
    lib = bibtexparser.parse_string(EXPORTERS["bib"].dump([new, old, bare], NOW))
    fields = [e.fields_dict for e in lib.entries]
    assert fields[0]["primaryClass"].value == "cs.LG"
    assert fields[0]["eprint"].value == "2401.00001"
    assert fields[0]["archivePrefix"].value == "arXiv"
    assert fields[1]["primaryClass"].value == "cond-mat.str-el"
    assert "primaryClass" not in fields[2]  # a new-style id without categories: unknown


def test_csl_keywords_hold_tags_then_categories() -> None:
    e = _with_categories(entry("arxiv:2401.00001", "New", arxiv_id="2401.00001",
                               tags=["ml"]), ["cs.LG", "stat.ML"])
    (item,) = json.loads(EXPORTERS["csl"].dump([e], NOW))
    assert item["keyword"] == "ml, cs.LG, stat.ML"


def test_reader_json_round_trips_categories() -> None:
    e = _with_categories(entry("arxiv:2401.00001", "New", arxiv_id="2401.00001"),
                         ["cs.LG", "stat.ML"])
    text = EXPORTERS["json"].dump([e], NOW)
    (paper,) = parse_text(text).papers
    assert paper.categories == ["cs.LG", "stat.ML"]
