"""Which papers an export contains, and in what order."""

from __future__ import annotations

from export_fixtures import TO_READ_ORDER, entry

from reader.export import order_entries, select_entries
from reader.model import Entry, Status


def ids(entries: list[Entry]) -> list[str]:
    return [e.paper.id for e in entries]


def test_default_is_the_to_read_shelf_in_queue_then_rating_then_added_order(
        entries: list[Entry]) -> None:
    assert ids(select_entries(entries)) == TO_READ_ORDER


def test_status_selects_exactly_that_shelf(entries: list[Entry]) -> None:
    for status in Status:
        chosen = select_entries(entries, status=status)
        expected = {e.paper.id for e in entries if e.state.status is status}
        assert set(ids(chosen)) == expected
        assert len(chosen) == len(expected)


def test_all_keeps_every_paper_once(entries: list[Entry]) -> None:
    chosen = select_entries(entries, all_=True)
    assert sorted(ids(chosen)) == sorted(ids(entries))


def test_queue_position_beats_rating_and_unqueued_come_last() -> None:
    es = [
        entry("a", "A", status=Status.TO_READ, rating=5),
        entry("b", "B", status=Status.TO_READ, queue_pos=3.5),
        entry("c", "C", status=Status.TO_READ, queue_pos=-1.0, rating=1),
        entry("d", "D", status=Status.TO_READ),
        entry("e", "E", status=Status.TO_READ, rating=5, added_at="2020-01-01T00:00:00+00:00"),
    ]
    assert ids(order_entries(es)) == ["c", "b", "e", "a", "d"]


def test_order_is_stable_for_equal_keys() -> None:
    es = [entry(f"p{i}", f"P{i}", status=Status.TO_READ) for i in range(5)]
    assert ids(select_entries(es)) == ["p0", "p1", "p2", "p3", "p4"]


def test_empty_library_gives_empty_selection() -> None:
    assert select_entries([]) == []


def test_query_selects_what_the_search_matches_in_queue_order(entries: list[Entry]) -> None:
    chosen = select_entries(entries, query="status:to-read rating:>=3")
    assert ids(chosen) == ["arxiv:2401.00001", "title:abc123", "doi:10.1000/xyz"]


def test_query_by_words_and_tag(entries: list[Entry]) -> None:
    assert ids(select_entries(entries, query="tag:nlp")) == ["arxiv:2401.00003"]
    assert set(ids(select_entries(entries, query="queue"))) == {"arxiv:2401.00002"}
    assert select_entries(entries, query="nothingmatchesthis") == []
