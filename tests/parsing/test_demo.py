"""The bundled demo library: our own listing, parsed by the real parser, alive."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.cli import main
from reader.demo import LISTING, _data, build_demo_library, demo_entries
from reader.model import Status
from reader.parsing import parse_text
from reader.store import Library

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_demo_listing_is_parsed_with_every_paper_and_no_warning() -> None:
    papers, _states = demo_entries(NOW)
    result = parse_text(_data(LISTING), source_name=LISTING)
    assert result.fmt == "hf-text" and result.warnings == []
    assert 20 <= len(papers) <= 30
    assert len({p.id for p in papers}) == len(papers)
    titles = [p.title for p in papers]
    assert any(t.startswith("[CLS]") for t in titles)
    assert any(t.startswith("[bold]") for t in titles)  # markup-looking text stays text
    assert any(not t.isascii() for t in titles)
    assert all(p.abstract and p.published for p in papers)
    assert sum(1 for p in papers if p.urls) >= 4
    assert all(u.startswith("https://example.org/") and not u.endswith((".", ")"))
               for p in papers for u in p.urls)


def test_demo_states_cover_every_shelf_ratings_tags_and_notes() -> None:
    papers, states = demo_entries(NOW)
    ids = {p.id for p in papers}
    assert set(states) <= ids
    statuses = {s.status for s in states.values()}
    assert statuses == {Status.TO_READ, Status.READING, Status.READ, Status.SKIPPED}
    assert len(ids - set(states)) >= 5  # an inbox of new papers too
    assert {s.rating for s in states.values()} >= {2, 3, 4, 5}
    assert any("**" in s.note or "##" in s.note for s in states.values())  # Markdown notes
    assert len({t for s in states.values() for t in s.tags}) >= 4
    for state in states.values():
        stamps = [h.at for h in state.history]
        assert stamps == sorted(stamps) and all(s < NOW.isoformat() for s in stamps)
        assert state.status is state.history[-1].status


def test_build_demo_library(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    build_demo_library(path, NOW)
    with Library.open(path, create=False) as library:
        entries = library.entries()
    papers, states = demo_entries(NOW)
    assert len(entries) == len(papers)
    by_id = {e.paper.id: e for e in entries}
    for pid, state in states.items():
        assert by_id[pid].state.status is state.status
        assert by_id[pid].state.note == state.note
    assert all(e.paper.authors for e in entries)  # the detail pane shows names


def test_reader_demo_print(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--print"]) == 0
    out = capsys.readouterr().out
    assert "Sparse Widgets for Dense Retrieval" in out
    assert "[bold]Untrusted[/bold]" in out
