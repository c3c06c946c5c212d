"""A big library searched before its load: the query typed right after the first
paint is answered from the glance and the vouched word index, and the answer does
not change when the full index takes over."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tui_fixtures import FIXED_NOW, fixture_papers, main_screen, paper_list, wait_until

from reader.search import persist
from reader.store import Library, first_screen
from reader.store.glance import glance
from reader.tui.app import make_app
from tests.search.early_fixtures import vouched_view


def _prepared(path: Path) -> list[str]:
    """A library whose derived index and vouched word index exist (as after an earlier
    run of the app); returns what the full load shows for "concept" on the Inbox."""
    with Library.open(path) as lib:
        lib.add_papers(fixture_papers())
    assert glance(path) is not None
    view = vouched_view(path)
    return view.visible(view.shelf("status:new"), "concept")[0]


@pytest.mark.asyncio
async def test_a_query_typed_before_the_load_is_answered_as_after_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_screen, "SMALL_LIBRARY", 0)  # as big libraries are treated
    path = tmp_path / "lib.json"
    expected = _prepared(path)
    assert 0 < len(expected) < len(fixture_papers())
    release = threading.Event()

    def slow_open() -> Library:
        release.wait(30)  # the catalogue's full load takes long
        return Library.open(path)

    app = make_app(slow_open, db_path=path, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        papers = paper_list(app)
        # the first screen from the glance (no cache yet): the Inbox's titles
        await wait_until(pilot, lambda: papers.row_count == len(fixture_papers()),
                         "the first screen from a glance")
        await pilot.press("slash", *"concept")
        await wait_until(pilot, lambda: papers.ids == expected, "the early answer")
        assert screen.view is None  # not loaded: answered early
        assert f"{len(expected)} papers" in str(papers.border_title)
        first = list(screen.first_rows)
        await pilot.press(*' "a phrase"')  # not answered early: the first rows again
        await wait_until(pilot, lambda: papers.ids == first, "the first rows again")
        assert "loading" in str(papers.border_title)
        await pilot.press(*["backspace"] * len(' "a phrase"'))
        await wait_until(pilot, lambda: papers.ids == expected, "the early answer again")
        release.set()
        await wait_until(pilot, lambda: screen.view is not None
                         and screen.view.index is not None, "the full load")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert papers.ids == expected  # the full index's answer: the same
        assert screen.controller.early is None


@pytest.mark.asyncio
async def test_without_a_vouched_word_index_the_query_waits_for_the_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_screen, "SMALL_LIBRARY", 0)
    path = tmp_path / "lib.json"
    expected = _prepared(path)
    persist.cache_file(path).unlink()
    app = make_app(lambda: Library.open(path), db_path=path, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash", *"concept")
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.view is not None
                         and screen.view.index is not None, "the full load")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert paper_list(app).ids == expected


@pytest.mark.asyncio
async def test_the_apps_load_leaves_what_the_next_start_searches_with(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.early_search import EarlySearch
    from reader.store import derived

    monkeypatch.setattr(first_screen, "SMALL_LIBRARY", 0)
    monkeypatch.setattr(persist, "MIN_SIZE", 1)  # a word index file for this small one
    path = tmp_path / "lib.json"
    with Library.open(path) as lib:
        lib.add_papers(fixture_papers())
    derived.index_file(path).unlink()  # (deleted: a derived file may be, at any time)
    assert glance(path) is None
    app = make_app(lambda: Library.open(path), db_path=path, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.view is not None
                         and screen.view.index is not None, "the full load")
        await app.workers.wait_for_complete()
    seen = glance(path)  # the derived index, written again after the load
    assert seen is not None
    early = EarlySearch.load(path, seen)  # the word index, vouched for this catalogue
    assert early is not None
    assert early.visible("all", "concept") is not None
