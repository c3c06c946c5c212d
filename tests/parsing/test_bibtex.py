"""BibTeX: the five real exports of the corpus and small files of our own."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing import ParseResult, parse_file, parse_text
from reader.parsing.bibtex import BibtexParser

# file -> (entries per SOURCES.md, distinct papers). Only the Distill file repeats
# keys (7 of them, each the same paper twice), so it yields 135 - 7 papers.
CORPUS_FILES = {
    # 7 keys repeated (one of them once with a DOI, once without), and two keys
    # naming one arXiv paper
    "distill_multimodal_neurons_bibliography.bib": (135, 127),
    "distill_gnn_intro_paperpile.bib": (66, 66),
    "pyhf_use_citations_inspire.bib": (75, 75),
    "zotero_exported_items_contradictions_qa.bib": (50, 50),
    "exoplanet_bibdesk_ads.bib": (45, 45),
}
_ENTRY = re.compile(r"(?m)^\s*@\s*(\w+)\s*[{(]\s*([^,\s]+)")


def _bib(corpus: Path, name: str) -> Path:
    return corpus / "bibtex" / name


@cache
def _parsed(path: Path) -> ParseResult:
    """Each corpus file is parsed once for all the tests that read it."""
    return parse_file(path)


def _by_title(papers: list[Paper], start: str) -> Paper:
    found = [p for p in papers if p.title.startswith(start)]
    assert len(found) == 1, [p.title for p in found]
    return found[0]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_counts(corpus: Path, name: str) -> None:
    entries, papers = CORPUS_FILES[name]
    text = _bib(corpus, name).read_text(encoding="utf-8")
    found = _ENTRY.findall(text)
    assert len(found) == entries
    keys = [key for _kind, key in found]
    assert len(keys) - len(set(keys)) <= entries - papers  # repeated keys merge
    result = _parsed(_bib(corpus, name))
    assert result.fmt == "bibtex"
    assert len(result.papers) == papers
    assert result.warnings == []
    assert len({p.id for p in result.papers}) == papers


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_text_is_clean(corpus: Path, name: str) -> None:
    for paper in _parsed(_bib(corpus, name)).papers:
        fields = [paper.title, paper.abstract, paper.venue or "", *paper.authors]
        for text in fields:
            assert not re.search(r"[{}\\$~]", text), (paper.id, text)
            assert "  " not in text and text == text.strip(), (paper.id, text)
        assert paper.title
        assert all(a and "," not in a for a in paper.authors), paper.authors
        assert paper.year is None or 1600 < paper.year < 2030  # Hooke, 1666
        assert paper.source == f"bibtex:{name}"
        assert paper.doi is None or paper.doi == paper.doi.lower()
        assert all(u.startswith(("http://", "https://")) for u in paper.urls)


def test_distill_google_scholar_and_dblp_styles(corpus: Path) -> None:
    papers = _parsed(_bib(corpus, "distill_multimodal_neurons_bibliography.bib")).papers
    draw = _by_title(papers, "DRAW: A recurrent")
    assert draw.id == "arxiv:1502.04623"  # journal={arXiv preprint arXiv:1502.04623}
    assert draw.venue is None  # a preprint: the published venue may come later
    assert draw.authors[:2] == ["Karol Gregor", "Ivo Danihelka"]
    assert _by_title(papers, "Very Deep Convolutional").arxiv_id == "1409.1556"
    assert _by_title(papers, "Plug & play generative").arxiv_id == "1612.00005"
    patch = _by_title(papers, "Adversarial Patch")
    assert "Dandelion Mané" in patch.authors and "Martín Abadi" in patch.authors
    names = {a for p in papers for a in p.authors}
    assert {"Umut Güçlü", "Łukasz Kaiser", "Tomáš Brychcín", "Kristof T Schütt"} <= names
    assert "Kimmo Kärkkäinen" in names
    assert any("‘grandmother-cell’" in p.title for p in papers)
    # the repeated key jo2017measuring is one paper, not two
    assert sum(p.arxiv_id == "1711.11561" for p in papers) == 1


def test_paperpile_quoted_wrapped_values(corpus: Path) -> None:
    papers = _parsed(_bib(corpus, "distill_gnn_intro_paperpile.bib")).papers
    monti = _by_title(papers, "Dual-Primal Graph")
    assert monti.id == "arxiv:1806.00770"  # eprint without archivePrefix
    assert monti.authors[-1] == "Michael M Bronstein"  # name wrapped over two lines
    assert "Stephan Günnemann" in monti.authors
    assert monti.year == 2018  # bare number
    assert monti.abstract.startswith("In recent years, there has been a surge")
    battaglia = _by_title(papers, "Relational inductive biases")
    assert "“hand-engineering” and “end-to-end”" in battaglia.abstract
    joined = " ".join(p.abstract for p in papers)
    assert "Szemerédi's Regularity Lemma" in joined and "textbackslash" not in joined
    gnnexplainer = _by_title(papers, "GNNExplainer")  # its editors are not authors
    assert gnnexplainer.authors == ["Zhitao Ying", "Dylan Bourgeois", "Jiaxuan You",
                                    "Marinka Zitnik", "Jure Leskovec"]
    blog = _by_title(papers, "Transformers are Graph Neural Networks")
    assert blog.urls == ["https://graphdeeplearning.github.io/post/transformers-are-gnns/"]


def test_inspire_math_titles_and_collaborations(corpus: Path) -> None:
    papers = _parsed(_bib(corpus, "pyhf_use_citations_inspire.bib")).papers
    light = _by_title(papers, "Light New Physics in")
    assert light.title == "Light New Physics in B → K^(*)νν̅?"
    assert light.id == "arxiv:2311.14629" and light.year == 2023
    assert _by_title(papers, "Hadronic Mono-").title.startswith("Hadronic Mono-W' Probes")
    assert any("pp collisions at √(s) = 13 TeV" in p.title for p in papers)
    assert any(p.title.startswith("Search for B+ → K+νν¯ Decays") for p in papers)
    atlas = [p for p in papers if p.authors == ["ATLAS Collaboration"]]
    assert len(atlas) > 5
    names = {a for p in papers for a in p.authors}
    assert {"Timothée Pascal", "Nicolás I. Mileo"} <= names
    assert not any(a.lower() in {"others", "et al."} for a in names)  # `and others` dropped
    # the same title as an arXiv paper and as an ATLAS-CONF note: two papers
    axion = [p for p in papers if p.title.startswith("Search for short- and long-lived axion")]
    assert len(axion) == 2 and len({p.id for p in axion}) == 2
    assert sum(p.arxiv_id is not None for p in papers) >= 62


def test_zotero_arxiv_shapes_and_braced_words(corpus: Path) -> None:
    papers = _parsed(_bib(corpus, "zotero_exported_items_contradictions_qa.bib")).papers
    vitamin = _by_title(papers, "Get Your Vitamin C!")
    assert vitamin.title == ("Get Your Vitamin C! Robust Fact Verification with "
                             "Contrastive Evidence")
    assert vitamin.doi == "10.18653/v1/2021.naacl-main.52"
    assert "10% on adversarial" in vitamin.abstract
    assert _by_title(papers, "Transforming Question").id == "arxiv:1809.02922"  # @techreport
    assert _by_title(papers, "Generating Scientific Claims").arxiv_id == "2203.12990"  # note=
    assert _by_title(papers, "SciTaiL").title.startswith("SciTaiL: A Textual Entailment")
    hf = _by_title(papers, "HuggingFace's Transformers")
    assert "Transformers is an open-source library" in hf.abstract
    assert "https://github.com/huggingface/transformers" in hf.urls


def test_bibdesk_ads_macros_ties_and_the_ascl_trap(corpus: Path) -> None:
    papers = _parsed(_bib(corpus, "exoplanet_bibdesk_ads.bib")).papers
    striker = _by_title(papers, "The Exo-Striker")
    assert striker.arxiv_id is None and striker.id.startswith("title:")  # ascl:1906.004
    alles = _by_title(papers, "allesfitter")
    assert alles.arxiv_id is None and alles.authors == ["M. N. Günther", "T. Daylan"]
    assert _by_title(papers, "Analytic Light Curves").id == "arxiv:astro-ph/0210099"
    pyaneti = _by_title(papers, "PYANETI")
    assert pyaneti.venue == "MNRAS" and pyaneti.authors[0] == "O. Barragán"
    assert _by_title(papers, "ellc:").authors == ["P. F. L. Maxted"]
    astropy = _by_title(papers, "The Astropy Project")
    assert astropy.authors[0] == "Astropy Collaboration"
    assert "B. M. Sipőcz" in astropy.authors
    names = {a for p in papers for a in p.authors}
    assert {"J. L. Cano Rodríguez", "Ž. Ivezić"} <= names


BROKEN = """% a comment line
@article{good1, title={First {Good} Paper}, author={Doe, Jane}, year=2020}

@article{broken, title={Second paper, author={Roe, Rich
, year = 2021

@article{good2, title="Third Paper", author="Poe, Edgar and others", year=2022,
  eprint={2201.00001}, archivePrefix={arXiv}}
"""


def test_one_broken_entry_among_good_ones_is_skipped_with_a_warning() -> None:
    result = parse_text(BROKEN, "bibtex", "refs.bib")
    assert [p.title for p in result.papers] == ["First Good Paper", "Third Paper"]
    assert len(result.warnings) == 1
    assert result.warnings[0] == ("refs.bib: entry broken (line 4): cannot be read, skipped: "
                                  "a value is never closed (missing }) before the next entry")
    third = result.papers[1]
    assert third.authors == ["Edgar Poe"] and third.id == "arxiv:2201.00001"


def test_macros_concatenation_and_repeated_keys() -> None:
    text = """@string{jml = "Journal of Machine Learning"}
@article{k, title = "A" # { Study}, journal = jml # " Research", month = jun, year = 2019,
  doi = {https://doi.org/10.1234/ABC.5}}
@article{k, title = {Another paper under the same key}, year = {2020}}
@article{m, title = {Macro venue}, journal = {\\mnras}, year = 2001}
@article{n, title = {Unknown macro venue}, journal = {\\foojournal}}
@misc{o, title = {No year}, author = {{ACME Research Lab} and Smith, Jr., John},
  doi = {10.1000/Some\\_Thing}, url = {https://example.org/a\\_b\\%20c}}
"""
    papers = BibtexParser().parse(text, "m.bib").papers
    assert [p.title for p in papers] == ["A Study", "Another paper under the same key",
                                         "Macro venue", "Unknown macro venue", "No year"]
    assert papers[0].venue == "Journal of Machine Learning Research"
    assert papers[0].doi == "10.1234/abc.5" and papers[0].id == "doi:10.1234/abc.5"
    assert papers[2].venue == "MNRAS" and papers[3].venue is None
    assert papers[4].authors == ["ACME Research Lab", "John Smith Jr."]
    assert papers[4].year is None
    assert papers[4].doi == "10.1000/some_thing"
    assert papers[4].urls == ["https://example.org/a_b%20c"]


@pytest.mark.parametrize(("fields", "arxiv_id"), [
    ("journal={CoRR}, volume={abs/1409.1556}", "1409.1556"),
    ("journal={arXiv preprint arXiv:1502.04623}", "1502.04623"),
    ("url={https://arxiv.org/pdf/1502.04623v2.pdf}", "1502.04623"),
    ("doi={10.48550/arXiv.1809.02922}", "1809.02922"),
    ("note={arXiv:2203.12990 [cs]\ntype: article}", "2203.12990"),
    ("eprint={cond-mat/0412498v1}", "cond-mat/0412498"),
    ("eprint={1906.004}, archivePrefix={ascl}", None),
    ("eprint={1903.00312}, archivePrefix={ascl}", None),
    ("journal={Nature}, number={1502.04623}", None),
])
def test_arxiv_ids_wherever_they_hide(fields: str, arxiv_id: str | None) -> None:
    text = f"@article{{x, title={{T}}, {fields}}}"
    (paper,) = BibtexParser().parse(text, "x.bib").papers
    assert paper.arxiv_id == arxiv_id


@pytest.mark.parametrize("text", [
    "just some prose, no entries at all",
    "@article{only, title={never closed",
    "@article{notitle, author={Doe, Jane}}",
])
def test_files_without_a_readable_entry_fail_with_one_clear_line(text: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_text(text, "bibtex", "bad.bib")
    message = str(err.value)
    assert message.startswith("bad.bib") and "\n" not in message


def test_sniffing_finds_bibtex_after_comments_and_blank_lines() -> None:
    assert BibtexParser().sniff("\n%% BibDesk header\n\n@ARTICLE{Monti2018-ov,\n")
    assert not BibtexParser().sniff("Title of a paper\nauthor@example.org wrote {this}")
