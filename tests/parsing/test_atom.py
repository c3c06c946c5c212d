"""arXiv API Atom: three old-dialect responses, one 2026 response, and hostile XML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing import parse_file, parse_text
from reader.parsing.atom import ArxivAtomParser

FILES = {
    "arxiv_api_id_list_1111.2011v2.xml": 1,
    "arxiv_api_search_au_del_maestro.xml": 10,
    "arxiv_api_search_deep_dream_page0.atom": 10,
    "arxiv_api_new_format_2026_transformer_cs.LG.xml": 5,
}


def _load(corpus: Path, name: str) -> list[Paper]:
    result = parse_file(corpus / "atom" / name)
    assert result.fmt == "arxiv-atom"
    return result.papers


def _titled(papers: list[Paper], start: str) -> Paper:
    (paper,) = [p for p in papers if p.title.startswith(start)]
    return paper


@pytest.mark.parametrize("name", FILES)
def test_corpus_counts_and_clean_text(corpus: Path, name: str) -> None:
    text = (corpus / "atom" / name).read_text(encoding="utf-8")
    assert text.count("<entry>") == FILES[name]
    papers = _load(corpus, name)
    assert len(papers) == FILES[name]
    for paper in papers:
        assert paper.arxiv_id and paper.id == f"arxiv:{paper.arxiv_id}"
        assert not re.search(r"v\d+$", paper.arxiv_id)
        assert paper.published and paper.year == int(paper.published[:4])
        assert paper.urls[0] == f"https://arxiv.org/abs/{paper.arxiv_id}"
        for line in [paper.title, paper.venue or "", *paper.authors,
                     *paper.abstract.split("\n")]:
            assert line == line.strip() and "  " not in line and "\n" not in line
            assert not re.search(r"[\\{}$]|&(?:gt|lt|amp);", line), line
        assert paper.authors and len(paper.abstract) > 100


def test_old_dialect_wrapped_titles_old_ids_and_latex(corpus: Path) -> None:
    papers = _load(corpus, "arxiv_api_search_au_del_maestro.xml")
    stripe = _titled(papers, "From stripe to checkerboard")
    assert stripe.title == ("From stripe to checkerboard order on the square lattice in the "
                            "presence of quenched disorder")
    assert stripe.id == "arxiv:cond-mat/0603029" and stripe.published == "2006-03-02"
    assert stripe.doi == "10.1103/physrevb.74.024520"
    assert stripe.venue == "Phys. Rev. B 74, 024520 (2006)"
    assert "https://arxiv.org/abs/cond-mat/0603029" in stripe.urls
    melting = _titled(papers, "Thermal melting of density waves")
    assert "(p >= 3, integer)" in melting.abstract  # &gt;= decoded
    assert melting.abstract.startswith("We present the theory")  # leading spaces gone
    assert "\n" not in melting.abstract  # 80-column wraps are not paragraphs
    joined = " ".join(p.abstract for p in papers)
    assert "Rényi entanglement entropy" in joined
    assert "δ-function interacting bosons" in joined


def test_deep_dream_unicode_authors_msc_codes_and_journal_refs(corpus: Path) -> None:
    papers = _load(corpus, "arxiv_api_search_deep_dream_page0.atom")
    names = {a for p in papers for a in p.authors}
    assert {"Søren Hauberg", "Ali Hürriyetoğlu"} <= names
    pipe = _titled(papers, "Duality of antidiagonals and pipe dreams")
    assert pipe.venue is not None and pipe.venue.startswith("Séminaire Lotharingien")
    assert pipe.id == "arxiv:0706.3031" and pipe.year == 2007
    dreaming = _titled(papers, "Dreaming More Data")
    assert dreaming.venue == ("Proceedings of the 19th International Conference on Artificial "
                              "Intelligence and Statistics, pp. 342-350, 2016")


def test_new_dialect_paragraphs_entities_and_comment_links(corpus: Path) -> None:
    papers = _load(corpus, "arxiv_api_new_format_2026_transformer_cs.LG.xml")
    mana = _titled(papers, "Mana: Dexterous Manipulation")
    assert mana.id == "arxiv:2606.13677" and mana.published == "2026-06-11"
    assert "(<1 minute per tool)" in mana.abstract
    assert "https://zhaohengyin.github.io/mana" in mana.urls  # from arxiv:comment
    assert "https://arxiv.org/pdf/2606.13677v1" in mana.urls
    gfdit = _titled(papers, "GF-DiT")
    paragraphs = gfdit.abstract.split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("This paper argues that DiT serving")


ENTRY = """<entry><id>http://arxiv.org/abs/{id}</id><published>2020-01-02T00:00:00Z</published>
<title>T {n}</title><summary>S</summary><author><name>A B</name></author>
<ax:doi xmlns:ax="http://arxiv.org/schemas/atom">10.1234/X{n}</ax:doi></entry>"""


def _feed(*entries: str, head: str = "") -> str:
    return (f'<?xml version="1.0"?>{head}<feed xmlns="http://www.w3.org/2005/Atom">'
            + "".join(entries) + "</feed>")


def test_namespaces_not_prefixes() -> None:
    text = _feed(ENTRY.format(id="hep-th/9901001v3", n=1), ENTRY.format(id="2101.00001v1", n=2))
    first, second = ArxivAtomParser().parse(text, "f.xml").papers
    assert first.id == "arxiv:hep-th/9901001" and first.doi == "10.1234/x1"
    assert second.arxiv_id == "2101.00001" and second.authors == ["A B"]


def test_api_error_feed_is_a_clear_error() -> None:
    error = ("<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_abc</id>"
             "<title>Error</title><summary>incorrect id format for abc</summary></entry>")
    with pytest.raises(ParseError, match="arXiv API error: incorrect id format for abc"):
        parse_text(_feed(error), "arxiv-atom", "err.xml")


@pytest.mark.parametrize(("head", "body", "message"), [
    ('<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
     "<entry><title>&b;</title></entry>", "unsafe XML refused"),
    ('<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
     "<entry><title>&x;</title></entry>", "unsafe XML refused"),
])
def test_entity_bombs_and_external_entities_are_refused(head: str, body: str,
                                                        message: str) -> None:
    with pytest.raises(ParseError, match=message):
        ArxivAtomParser().parse(_feed(body, head=head), "evil.xml")


def test_malformed_xml_names_the_line() -> None:
    text = _feed(ENTRY.format(id="2101.00001", n=1)).replace("</title>", "</titel>", 1)
    with pytest.raises(ParseError) as err:
        ArxivAtomParser().parse("\n\n" + text, "broken.xml")
    assert str(err.value).startswith("broken.xml:4: malformed XML")


def test_other_xml_is_not_atom() -> None:
    with pytest.raises(ParseError, match="not an Atom feed"):
        ArxivAtomParser().parse("<html><body/></html>", "page.html")
    assert not ArxivAtomParser().sniff("<rss version='2.0'><channel/></rss>")


def test_rss_arxiv_org_atom_variant() -> None:
    entry = """<entry><id>oai:arXiv.org:2401.00001v2</id>
<title>A Listing Entry</title><published>2024-01-03T00:00:00-05:00</published>
<summary>arXiv:2401.00001v2 Announce Type: replace
Abstract: The actual abstract, with code at https://github.com/a/b.</summary>
<author><name>Ada Lovelace</name></author></entry>"""
    (paper,) = ArxivAtomParser().parse(_feed(entry), "listing.atom").papers
    assert paper.id == "arxiv:2401.00001"
    assert paper.abstract == "The actual abstract, with code at https://github.com/a/b."
    assert paper.urls == ["https://arxiv.org/abs/2401.00001", "https://github.com/a/b"]
