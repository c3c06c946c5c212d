"""The link chooser lists each link once: it listed the same DOI twice (https://doi.org/... from the
record's DOI, and the record's own http://dx.doi.org/... url with other letter case)."""

from __future__ import annotations

from reader.model import Entry, Paper, ReadingState
from reader.tui.render import paper_links


def entry(**paper: object) -> Entry:
    return Entry(Paper(id="p", title="T", **paper), ReadingState("p"))  # type: ignore[arg-type]


def test_a_doi_and_its_dx_doi_url_are_one_link() -> None:
    links = paper_links(entry(arxiv_id="1111.2011", doi="10.1103/physrevb.85.115117",
                              urls=["https://arxiv.org/abs/1111.2011",
                                    "http://dx.doi.org/10.1103/PhysRevB.85.115117",
                                    "http://arxiv.org/pdf/1111.2011v2"]))
    assert links == ["https://arxiv.org/abs/1111.2011",
                     "https://doi.org/10.1103/physrevb.85.115117",
                     "http://arxiv.org/pdf/1111.2011v2"]


def test_distinct_links_are_all_kept_in_order() -> None:
    urls = ["https://github.com/a/b", "https://example.org/Page", "https://example.org/page"]
    assert paper_links(entry(urls=urls)) == urls
