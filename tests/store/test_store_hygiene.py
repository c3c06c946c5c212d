"""The store is the last gate for user text, and its results are copies."""

from __future__ import annotations

from dataclasses import replace

from reader.model import Paper, Status
from reader.store import Clock, Library


def test_add_papers_sanitizes_text_fields_of_unsanitized_papers() -> None:
    hostile = Paper(id="title:evil", title="Evil\x1b]0;pwned\x07 title\x9b2J\n",
                    abstract="Line one\x1b[2J\r\nline two\u202e",
                    authors=["Ada\x1b[31m Lovelace", "\x07"], venue="Ve\x00nue",
                    urls=["https://x.org/\x1b[0m"])
    with Library.open(None) as lib:
        lib.add_papers([hostile])
        paper = lib.paper("title:evil")
    assert paper.title == "Evil title"
    assert paper.abstract == "Line one\nline two"
    assert paper.authors == ["Ada Lovelace"]
    assert paper.venue == "Ve nue"
    assert paper.urls == ["https://x.org/"]


def test_add_papers_fills_known_papers_with_sanitized_text() -> None:
    with Library.open(None) as lib:
        lib.add_papers([Paper(id="arxiv:2401.00001", title="Known")])
        lib.add_papers([Paper(id="arxiv:2401.00001", title="Known",
                              abstract="\x1b]52;c;SGVsbG8=\x07Clean abstract")])
        assert lib.paper("arxiv:2401.00001").abstract == "Clean abstract"


def test_clean_papers_are_stored_as_given() -> None:
    paper = Paper(id="title:ok", title="Tabs and newlines stay in abstracts",
                  abstract="a\tb\n\nc", authors=["Émile Zola"], added_at="2026-01-01")
    with Library.open(None) as lib:
        lib.add_papers([paper])
        assert lib.paper("title:ok") == replace(paper, key="zolatabs")  # key generated


def test_entry_returns_a_copy_of_the_reading_state() -> None:
    with Library.open(None) as lib:
        lib.add_papers([Paper(id="title:a", title="A")])
        lib.set_status("title:a", Status.READING)
        entry = lib.entry("title:a")
        entry.state.tags.append("sneaky")
        entry.state.status = Status.READ
        assert lib.state("title:a").status is Status.READING
        assert lib.state("title:a").tags == []
        assert lib.entry("title:a").state.tags == []


def test_clock_is_exported_from_the_store_package() -> None:
    from datetime import UTC, datetime

    clock: Clock = lambda: datetime(2026, 1, 2, tzinfo=UTC)  # noqa: E731
    with Library.open(None, clock=clock) as lib:
        lib.add_papers([Paper(id="title:a", title="A")])
        assert lib.paper("title:a").added_at.startswith("2026-01-02")
