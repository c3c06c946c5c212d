"""arXiv RSS: the 2026 multi-category feed, and the older RDF feed (our own sample)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing import parse_file, parse_text
from reader.parsing.rss import ArxivRssParser

FEED = "rss/arxiv_rss2_multi_category_2026-09-24_trimmed.xml"


@pytest.fixture
def papers(corpus: Path) -> dict[str, Paper]:
    result = parse_file(corpus / FEED)
    assert result.fmt == "arxiv-rss" and result.warnings == []
    return {p.id: p for p in result.papers}


def test_corpus_count_and_clean_text(corpus: Path, papers: dict[str, Paper]) -> None:
    assert (corpus / FEED).read_text(encoding="utf-8").count("<item>") == 4
    assert list(papers) == ["arxiv:2609.26811", "arxiv:2609.26820", "arxiv:2205.06398",
                            "arxiv:2009.13987"]
    for paper in papers.values():
        for text in [paper.title, paper.abstract, *paper.authors]:
            assert text == text.strip() and "  " not in text and "\n" not in text
        assert not re.search(r"arXiv:\S+|Announce Type|^Abstract:", paper.abstract)
        assert len(paper.abstract) > 300
        assert paper.urls == [f"https://arxiv.org/abs/{paper.arxiv_id}"]


def test_announce_prefix_stripped_and_creators_split(papers: dict[str, Paper]) -> None:
    drift = papers["arxiv:2609.26811"]
    assert drift.title == "The Drift Contract: Spectral Updates for Depth-Robust Local Learning"
    assert drift.abstract.startswith("Local learning trains each layer")
    assert drift.authors == ["Fabien Polly"]
    assert papers["arxiv:2205.06398"].authors == ["Pritam Dey", "Zhengwu Zhang",
                                                  "David B. Dunson"]


def test_dates_new_items_versus_old_cross_and_replace(papers: dict[str, Paper]) -> None:
    new = papers["arxiv:2609.26811"]
    assert new.published == "2026-09-24" and new.year == 2026
    cross = papers["arxiv:2205.06398"]  # 2205.06398v2 announced again in 2026
    assert cross.published is None and cross.year == 2022
    assert cross.doi == "10.1093/bioinformatics/btac431"  # arxiv:DOI, upper case
    replace = papers["arxiv:2009.13987"]
    assert replace.published is None and replace.year == 2020


RDF = """<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://arxiv.org/"><title>nucl-th updates on arXiv.org</title></channel>
<item rdf:about="http://arxiv.org/abs/1805.06430">
<title>Nuclear matter at &amp; beyond. (arXiv:1805.06430v2 [nucl-th] UPDATED)</title>
<link>http://arxiv.org/abs/1805.06430</link>
<description rdf:parseType="Literal">&lt;p&gt;We study &lt;b&gt;nuclei&lt;/b&gt; at 5%
cost, see https://example.org/code.&lt;/p&gt;</description>
<dc:creator>&lt;a href="http://arxiv.org/find/nucl-th/1/au:+Doe_J"&gt;Jane Doe&lt;/a&gt;,
 &lt;a href="http://arxiv.org/find/nucl-th/1/au:+Li_B"&gt;Bo Li&lt;/a&gt;</dc:creator>
</item></rdf:RDF>"""


def test_old_rdf_feed() -> None:
    parser = ArxivRssParser()
    assert parser.sniff(RDF[:500])
    (paper,) = parser.parse(RDF, "old.rdf").papers
    assert paper.title == "Nuclear matter at & beyond"
    assert paper.authors == ["Jane Doe", "Bo Li"]
    assert paper.abstract == "We study nuclei at 5% cost, see https://example.org/code."
    assert paper.id == "arxiv:1805.06430" and paper.year == 2018
    assert "https://example.org/code" in paper.urls


def test_bad_feeds_are_clear_errors() -> None:
    with pytest.raises(ParseError, match=r"^feed\.xml:3: malformed XML"):
        parse_text("<rss>\n<channel>\n<item></channel></rss>", "arxiv-rss", "feed.xml")
    with pytest.raises(ParseError, match="unsafe XML refused"):
        parse_text('<!DOCTYPE rss [<!ENTITY e SYSTEM "http://evil/">]><rss>&e;</rss>',
                   "arxiv-rss", "evil.xml")
    with pytest.raises(ParseError, match="no papers found"):
        parse_text("<rss version='2.0'><channel><title>x</title></channel></rss>",
                   "arxiv-rss", "empty.xml")
