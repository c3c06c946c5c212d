"""RIS: the Zotero/Lens (CRLF) and Scopus (continuation lines) exports, and our own files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing import parse_file, parse_text
from reader.parsing.ris import RisParser

ZOTERO = "ris/asreview_baseline_zotero_lens.ris"
SCOPUS = "ris/asreview_scopus_export.ris"


def _titled(papers: list[Paper], start: str) -> Paper:
    (paper,) = [p for p in papers if p.title.startswith(start)]
    return paper


@pytest.mark.parametrize(("name", "records"), [(ZOTERO, 100), (SCOPUS, 6)])
def test_corpus_counts_and_clean_text(corpus: Path, name: str, records: int) -> None:
    raw = (corpus / name).read_bytes()
    assert len(re.findall(rb"(?m)^TY  - ", raw)) == records
    result = parse_file(corpus / name)
    assert result.fmt == "ris"
    assert len(result.papers) == records and result.warnings == []
    for paper in result.papers:
        for text in [paper.title, paper.abstract, paper.venue or "", *paper.authors]:
            assert "\r" not in text and "  " not in text and text == text.strip()
            assert not re.search(r"^(?:[A-Z][A-Z0-9]  - |ER  -)", text, re.M)
            assert not re.search(r"&(?:lt|gt|amp|quot);|</?[a-z]+>", text)
        assert paper.title and paper.authors and paper.year
        assert paper.id.startswith("doi:")


def test_zotero_crlf_dates_and_names(corpus: Path) -> None:
    papers = parse_file(corpus / ZOTERO).papers
    first = _titled(papers, "An open source machine learning framework")
    assert first.published == "2021-02-01" and first.year == 2021  # DA  - 2021/02/01/
    assert first.authors[:2] == ["Rens van de Schoot", "Jonathan de Bruin"]
    assert first.venue == "Nature Machine Intelligence"
    assert first.doi == "10.1038/s42256-020-00287-7"
    assert "https://www.nature.com/articles/s42256-020-00287-7" in first.urls  # L2
    escape = _titled(papers, "Escape education")
    assert escape.published is None and escape.year == 2020  # DA  - 2020///nan
    assert sum(not p.abstract for p in papers) == 2  # two records have no AB


def test_scopus_continuation_lines_stay_with_their_tag(corpus: Path) -> None:
    papers = parse_file(corpus / SCOPUS).papers
    stress = _titled(papers, "Stress and the brain-gut axis")
    assert stress.abstract.startswith("The broad role of stress in the brain-gut axis")
    assert stress.abstract.endswith("© 2019 Elsevier Ltd")
    assert stress.authors == ["A. Labanski", "J. Langhorst", "H. Engler", "S. Elsenbruch"]
    assert stress.venue == "Psychoneuroendocrinology" and stress.year == 2020
    assert all("References:" not in p.abstract for p in papers)
    symptoms = _titled(papers, "Does symptom activity explain")
    assert "(p < .001, η2 = 0.069)" in symptoms.abstract  # &lt; decoded


def test_untagged_lines_crlf_and_bare_end_tags() -> None:
    text = ("TY  - JOUR\r\nTI  - A <i>title</i> that\r\n   wraps onto a second line\r\n"
            "AU  - Curie, Marie\r\nAB  - First line of the abstract,\r\nsecond line.\r\n"
            "PY  - 1903///\r\nUR  - http://arxiv.org/abs/1234.56789v2\r\nER  -\r\n"
            "TY  - CONF\nT1  - Second\nA1  - Smith, John, Jr.\nDO  - 10.48550/arXiv.2101.00001\n"
            "Y1  - 2021/01/05/\nER  - \n")
    first, second = RisParser().parse(text, "x.ris").papers
    assert first.title == "A title that wraps onto a second line"
    assert first.abstract == "First line of the abstract, second line."
    assert first.authors == ["Marie Curie"] and first.year == 1903
    assert first.id == "arxiv:1234.56789"
    assert second.authors == ["John Smith Jr."]
    assert second.id == "arxiv:2101.00001" and second.published == "2021-01-05"


def test_record_without_title_or_end_is_reported() -> None:
    text = ("TY  - JOUR\nAU  - Nobody, A.\nER  -\n\n"
            "TY  - JOUR\nTI  - Kept\nER  -\n\nTY  - JOUR\nTI  - Cut short\nAB  - half an abs")
    result = parse_text(text, "ris", "cut.ris")
    assert [p.title for p in result.papers] == ["Kept", "Cut short"]
    assert result.warnings == [
        "cut.ris: entry 1 (line 1): no title, skipped",
        "cut.ris: entry 3 (line 9): no 'ER  -' end tag (file cut short?), kept",
    ]


def test_not_ris_is_one_clear_error() -> None:
    with pytest.raises(ParseError, match=r"^notes\.txt: no RIS record"):
        parse_text("Some notes\nAU: not a tag\n", "ris", "notes.txt")
    assert RisParser().sniff("\ufeffTY  - JOUR\r\n")
    assert not RisParser().sniff("TYPE - JOUR\n")
