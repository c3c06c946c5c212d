"""What a user types to name a paper (ids and links) -> arXiv id or DOI."""

from __future__ import annotations

import pytest

from reader.ids import PaperRef, parse_ref


@pytest.mark.parametrize(("text", "expected"), [
    ("2406.01234", PaperRef("arxiv", "2406.01234")),
    ("2406.01234v2", PaperRef("arxiv", "2406.01234", 2)),
    ("arXiv:2406.01234", PaperRef("arxiv", "2406.01234")),
    ("0704.0001", PaperRef("arxiv", "0704.0001")),
    ("cond-mat/0412498", PaperRef("arxiv", "cond-mat/0412498")),
    ("math.GT/0309136v1", PaperRef("arxiv", "math.GT/0309136", 1)),
    ("https://arxiv.org/abs/2406.01234v2", PaperRef("arxiv", "2406.01234", 2)),
    ("https://arxiv.org/pdf/2406.01234v2.pdf", PaperRef("arxiv", "2406.01234", 2)),
    ("https://arxiv.org/pdf/2406.01234", PaperRef("arxiv", "2406.01234")),
    ("https://arxiv.org/html/2406.01234v1/", PaperRef("arxiv", "2406.01234", 1)),
    ("http://export.arxiv.org/abs/cond-mat/0412498", PaperRef("arxiv", "cond-mat/0412498")),
    ("https://arxiv.org/abs/2406.01234?context=cs#x", PaperRef("arxiv", "2406.01234")),
    ("https://huggingface.co/papers/2406.01234", PaperRef("arxiv", "2406.01234")),
    ("10.48550/arXiv.2406.01234", PaperRef("arxiv", "2406.01234")),
    ("10.1145/3292500.3330701", PaperRef("doi", "10.1145/3292500.3330701")),
    ("doi:10.1038/NATURE14539", PaperRef("doi", "10.1038/nature14539")),
    ("https://doi.org/10.1038/nature14539", PaperRef("doi", "10.1038/nature14539")),
    ("https://dx.doi.org/10.1000/xyz?utm=1", PaperRef("doi", "10.1000/xyz")),
    ("  <https://arxiv.org/abs/2406.01234>  ", PaperRef("arxiv", "2406.01234")),
])
def test_recognised(text: str, expected: PaperRef) -> None:
    assert parse_ref(text) == expected


@pytest.mark.parametrize("text", ["", "hello", "1234", "2406.123", "https://example.com/x",
                                  "https://arxiv.org/list/cs.LG/new", "title:abc",
                                  "2406.01234 2406.01235"])
def test_not_a_paper(text: str) -> None:
    assert parse_ref(text) is None


def test_paper_id() -> None:
    assert parse_ref("2406.01234v3").paper_id == "arxiv:2406.01234"  # type: ignore[union-attr]
    assert parse_ref("doi:10.1000/X").paper_id == "doi:10.1000/x"  # type: ignore[union-attr]
