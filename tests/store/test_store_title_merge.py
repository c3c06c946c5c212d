"""A paper met first as a page copy (title-hash id) and later with its arXiv id, or the
other way round, stays one paper: the later import fills the missing metadata."""

from __future__ import annotations

from reader.ids import paper_id
from reader.model import Paper, Status
from reader.store import Library

TITLE = "Concept Bottleneck Models, Revisited"


def _page_copy() -> Paper:
    return Paper(id=paper_id(None, None, TITLE), title=TITLE, abstract="From the page.")


def _arxiv() -> Paper:
    return Paper(id="arxiv:2401.00001", title="Concept bottleneck models — revisited",
                 authors=["Ada Lovelace"], arxiv_id="2401.00001", year=2024)


def test_arxiv_record_fills_a_page_copy_and_keeps_its_id_and_state() -> None:
    with Library.open(None) as lib:
        lib.add_papers([_page_copy()])
        pid = lib.papers()[0].id
        lib.set_status(pid, Status.TO_READ)
        report = lib.add_papers([_arxiv()])
        assert (report.added, report.updated) == (0, 1)
        assert [p.id for p in lib.papers()] == [pid]
        paper = lib.paper(pid)
        assert paper.arxiv_id == "2401.00001"
        assert paper.authors == ["Ada Lovelace"]
        assert paper.abstract == "From the page."
        assert lib.state(pid).status is Status.TO_READ


def test_page_copy_after_arxiv_record_adds_nothing() -> None:
    with Library.open(None) as lib:
        lib.add_papers([_arxiv()])
        report = lib.add_papers([_page_copy()])
        assert report.added == 0
        assert [p.id for p in lib.papers()] == ["arxiv:2401.00001"]
        assert lib.paper("arxiv:2401.00001").abstract == "From the page."


def test_different_titles_stay_apart() -> None:
    with Library.open(None) as lib:
        lib.add_papers([_arxiv()])
        other = Paper(id=paper_id(None, None, "Another paper"), title="Another paper")
        assert lib.add_papers([other]).added == 1
        assert len(lib) == 2
