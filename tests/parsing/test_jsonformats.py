"""The JSON formats: HF daily-papers API ("hf-json") and CSL-JSON ("csl-json")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.errors import ParseError
from reader.parsing import parse_file, parse_text

HF_FILE = "hf-daily-papers/hf_api_daily_papers_limit30_2026-06.json"
CSL_FILE = "csl-json/manubot_deep_rules_references.json"


def _hf_item(**paper: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "2401.00001", "title": "A Title", "summary": "An abstract.",
        "authors": [{"_id": "1", "name": "Ada Lovelace", "hidden": False}],
        "publishedAt": "2024-01-02T00:00:00.000Z"}
    base.update(paper)
    return {"paper": base, "title": base["title"], "summary": base["summary"],
            "publishedAt": base["publishedAt"], "numComments": 0}


def test_hf_corpus_file(corpus: Path) -> None:
    result = parse_file(corpus / HF_FILE)
    assert result.fmt == "hf-json"
    assert len(result.papers) == 30
    first = result.papers[0]
    assert first.id == "arxiv:2606.00467" and first.arxiv_id == "2606.00467"
    assert first.title.startswith("On the Limits of LLM Adaptability")
    assert first.authors == ["Etienne Casanova", "Rafal Kocielnik", "R. Michael Alvarez"]
    assert (first.year, first.published) == (2026, "2026-05-30")
    assert first.urls[0] == "https://arxiv.org/abs/2606.00467"
    for paper in result.papers:
        assert paper.abstract and "\n" not in paper.abstract and "  " not in paper.abstract
    everyone = [a for p in result.papers for a in p.authors]
    assert "Dengyang Jiang" not in everyone  # the one hidden author
    with_repo = next(p for p in result.papers if p.arxiv_id == "2606.10423")
    assert "https://github.com/jayoohwang1/webchallenger" in with_repo.urls
    assert "https://jayoohwang1.github.io/webchallenger-site/" in with_repo.urls


def test_hf_wrapped_title_and_fallbacks() -> None:
    item = _hf_item(title="A Long Title\n  Wrapped by arXiv", summary="First.\n  Second.",
                    githubRepo="https://github.com/x/y", authors=[
                        {"name": "Shown"}, {"name": "Hidden", "hidden": True}])
    paper = parse_text(json.dumps([item])).papers[0]
    assert paper.title == "A Long Title Wrapped by arXiv"
    assert paper.abstract == "First. Second."
    assert paper.authors == ["Shown"]
    assert paper.urls == ["https://arxiv.org/abs/2401.00001", "https://github.com/x/y"]


def test_hf_entry_without_title_is_skipped_with_a_warning() -> None:
    items = [_hf_item(), _hf_item(id="2401.00002", title="")]
    items[1]["title"] = ""
    result = parse_text(json.dumps(items), source_name="day.json")
    assert len(result.papers) == 1
    assert result.warnings == ["day.json: entry 2 skipped: no title"]


def test_csl_corpus_file(corpus: Path) -> None:
    result = parse_file(corpus / CSL_FILE)
    assert result.fmt == "csl-json"
    assert len(result.papers) == 127
    first = result.papers[0]
    assert first.id == "arxiv:1509.09292"
    assert first.authors[0] == "David Duvenaud" and first.authors[3] == "Rafael Gómez-Bombarelli"
    assert (first.year, first.published) == (2015, "2015-11-04")
    assert not first.abstract.startswith(" ")
    assert first.venue is None  # "arXiv" is not a venue
    assert sum(1 for p in result.papers if p.arxiv_id) == 25
    assert sum(1 for p in result.papers if p.year is None) == 5
    literal = next(p for p in result.papers if "Alexander Ratner" in p.authors)
    assert "Christopher De Sa" in literal.authors
    dois = [p for p in result.papers if p.doi]
    assert all(p.doi == p.doi.lower() for p in dois) and len(dois) >= 80


def test_csl_mixed_date_parts_tags_and_arxiv_doi() -> None:
    items = [
        {"id": "a", "type": "article-journal", "title": "On <i>E. coli</i> growth &amp; form",
         "issued": {"date-parts": [["2019", "3", 7]]}, "DOI": "10.1000/ABC",
         "container-title": "Journal of Things", "author": [{"given": "A", "family": "B"}]},
        {"id": "b", "type": "report", "title": "A preprint", "DOI": "10.48550/arXiv.2101.00007",
         "issued": {"date-parts": [[2021]]}},
        {"id": "c", "type": "webpage", "title": "A page", "issued": {"raw": "2020-05-06"}},
    ]
    a, b, c = parse_text(json.dumps(items)).papers
    assert a.title == "On E. coli growth & form"
    assert (a.published, a.year, a.doi, a.id) == ("2019-03-07", 2019, "10.1000/abc",
                                                  "doi:10.1000/abc")
    assert a.venue == "Journal of Things" and a.authors == ["A B"]
    assert (b.arxiv_id, b.id, b.year, b.published) == ("2101.00007", "arxiv:2101.00007", 2021,
                                                       None)
    assert c.published == "2020-05-06"


@pytest.mark.parametrize("fmt", ["hf-json", "csl-json"])
@pytest.mark.parametrize("doc", ['{"a": 1}', '"text"', "42", "[1, 2, 3]", "[]"])
def test_wrong_shape_is_a_clear_error(fmt: str, doc: str) -> None:
    with pytest.raises(ParseError, match=r"^x\.json: "):
        parse_text(doc, fmt=fmt, source_name="x.json")


def test_malformed_json_names_the_line() -> None:
    with pytest.raises(ParseError, match=r"^x\.json:2: malformed JSON"):
        parse_text('[{"paper":\n {"id": "1",}}]', fmt="hf-json", source_name="x.json")
