"""Adding a cited paper: through `reader add`'s path when the reference has an arXiv
id (its metadata fetched from the local arXiv API), else by its title."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer

from reader.fulltext.adding import add_reference
from reader.fulltext.latexml import read_latexml
from reader.fulltext.references import LibraryIndex
from reader.model import Status
from reader.store import Library
from tests.net.net_fixtures import FakeArxiv, Record


def test_reference_with_an_arxiv_id_is_added_with_its_metadata(
        arxiv: HTTPServer, library: Path, page_html: str) -> None:
    api = FakeArxiv([Record("1607.06450", "Layer Normalization",
                            ["Jimmy Lei Ba", "Jamie Ryan Kiros"], "2016-07-21")])
    arxiv.expect_request("/api/query").respond_with_handler(api.handler)
    doc = read_latexml(page_html)
    with Library.open(library) as lib:
        citing = lib.paper("arxiv:2401.01234")
        index = LibraryIndex.build(lib.entries(), doc.references)
        assert index.match(doc.references[0]) is None
        added = add_reference(lib, doc.references[0], citing)
        assert added.paper_id == "arxiv:1607.06450" and "arXiv" in added.how
        entry = lib.entry(added.paper_id)
        assert entry.paper.authors == ["Jimmy Lei Ba", "Jamie Ryan Kiros"]
        assert entry.state.status is Status.NEW
        again = LibraryIndex.build(lib.entries(), doc.references)
        assert again.match(doc.references[0]) == added.paper_id


def test_reference_already_in_the_library_is_matched(library: Path, page_html: str) -> None:
    doc = read_latexml(page_html)
    with Library.open(library) as lib:
        index = LibraryIndex.build(lib.entries(), doc.references)
    assert index.match(doc.references[2]) == "arxiv:1706.03762"  # by its arXiv link


def test_unknown_arxiv_id_falls_back_to_the_title(arxiv: HTTPServer, library: Path,
                                                  page_html: str) -> None:
    arxiv.expect_request("/api/query").respond_with_handler(FakeArxiv([]).handler)
    doc = read_latexml(page_html)
    with Library.open(library) as lib:
        added = add_reference(lib, doc.references[0], lib.paper("arxiv:2401.01234"))
        assert "by its title" in added.how and "not found" in added.how
        assert lib.entry(added.paper_id).paper.title == "Layer normalization"


def test_reference_matched_by_its_title(page_html: str) -> None:
    from reader.model import Entry, Paper, ReadingState

    doc = read_latexml(page_html)
    papers = [Paper(id="title:babbage", title="On the Economy of Machinery and Manufactures"),
              Paper(id="title:other", title="An Unrelated Paper About Something Else")]
    index = LibraryIndex.build([Entry(p, ReadingState(p.id)) for p in papers], doc.references)
    assert index.match(doc.references[3]) == "title:babbage"
    assert "an unrelated paper about something else" not in index.by_title  # not normalised
