"""What makes the first screen fast: the cached first screen (for every library
size), rows built once at the width remembered with it, and the GC held off
until the first paint."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from tui_fixtures import FIXED_NOW, fixture_papers, main_screen, paper_list, settle

from reader.gcutil import end_startup, gc_paused, pause_for_startup
from reader.store import Library, first_screen
from reader.tui.app import ReaderApp, make_app

SIZE = (120, 36)


def _library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.json"
    with Library.open(path) as lib:
        lib.add_papers(fixture_papers())
    return path


def _app(path: Path, **kwargs: Any) -> ReaderApp:
    return make_app(lambda: Library.open(path), db_path=path, clock=lambda: FIXED_NOW,
                    **kwargs)


def _counted_app(path: Path, opened: list[int]) -> ReaderApp:
    """An app on `path` that notes in `opened` each time it opens the store."""
    def counted_open() -> Library:
        opened.append(1)
        return Library.open(path)

    return make_app(counted_open, db_path=path, clock=lambda: FIXED_NOW)


async def test_small_library_second_start_paints_cached_rows_at_the_real_width(
        tmp_path: Path) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        width = paper_list(pilot.app).row_width
    cached = first_screen.load(path)
    assert cached is not None and cached.layout == (*SIZE, width)
    # titles of the user's library: readable by the user only, like the library
    assert first_screen.cache_file(path).stat().st_mode & 0o777 == 0o600

    opened: list[int] = []
    app = _counted_app(path, opened)
    async with app.run_test(size=SIZE) as pilot:
        papers = paper_list(pilot.app)
        # before the store is opened, the rows are there, built for the final width
        assert not opened and papers.row_count > 0
        first = papers.row(0)
        assert papers.width_hint == width
        assert first.cell_length == width  # type: ignore[union-attr]
        await settle(pilot)
        assert opened and main_screen(pilot.app).loaded
        assert papers.row_width == width


async def test_a_different_terminal_size_rebuilds_rows_for_it(tmp_path: Path) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    app = _app(path)
    async with app.run_test(size=(200, 50)) as pilot:
        papers = paper_list(pilot.app)
        assert papers.width_hint is None  # the remembered layout was for 120x36
        await settle(pilot)
        row = papers.row(0)
        assert row.cell_length == papers.row_width > 60  # type: ignore[union-attr]


async def test_the_gc_comes_back_after_the_first_paint(tmp_path: Path) -> None:
    path = _library(tmp_path)
    assert gc.isenabled()
    pause_for_startup()  # as run_app does
    try:
        app = _app(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        end_startup()
        gc.unfreeze()  # give this test process its objects back
    assert gc.isenabled()


def test_bulk_work_under_way_keeps_the_gc_off_until_it_ends() -> None:
    pause_for_startup()
    try:
        with gc_paused():  # a library loading in a worker
            end_startup()  # the first paint happens meanwhile
            assert not gc.isenabled()  # the load keeps its pause
        assert gc.isenabled()
        end_startup()  # a second call (or one without a pause, as in tests) changes nothing
        assert gc.isenabled()
    finally:
        gc.unfreeze()


async def test_a_change_made_before_quitting_is_in_the_next_first_screen(
        tmp_path: Path) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = paper_list(pilot.app).current_id
        await pilot.press("t")  # to read: it leaves the Inbox
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    with Library.open(path) as lib:
        inbox = [e.paper.id for e in lib.entries() if e.state.status.value == "new"]
    cached = first_screen.load(path)  # saved on the way out, after the change
    assert cached is not None and first not in [e.paper.id for e in cached.entries]
    assert [e.paper.id for e in cached.entries] == inbox


async def test_the_word_index_is_saved_and_read_back_on_the_next_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.search import persist
    from reader.search.word_index import WordIndex

    monkeypatch.setattr(persist, "MIN_SIZE", 1)  # as a 100k library would
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert persist.cache_file(path).is_file()

    held: list[int] = []
    original = persist.load

    def spy(cache: Path, docs: Sequence[bytes]) -> WordIndex | None:
        words = original(cache, docs)
        held.append(words.size if words is not None else 0)
        return words

    monkeypatch.setattr(persist, "load", spy)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert held == [len(fixture_papers())]  # every paper's postings came from the file
        await pilot.press("slash", *"kv")
        await settle(pilot)
        # the same papers as the text says (the postings read back are the right ones)
        expected = {p.id for p in fixture_papers()
                    if "kv" in f"{p.title} {p.abstract}".lower().split()}
        assert len(expected) == 3 and set(paper_list(pilot.app).ids) == expected


async def test_the_throwaway_demo_library_leaves_no_cache_behind(tmp_path: Path) -> None:
    path = _library(tmp_path)
    app = _app(path, demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert not first_screen.cache_file(path).exists()


async def test_the_first_start_after_reader_import_shows_titles_before_reading_the_store(
        tmp_path: Path) -> None:
    from reader.cli import main

    listing = tmp_path / "papers.bib"
    listing.write_text("".join(
        f"@article{{k{i}, title = {{Imported paper {i}}}, author = {{Ada Lovelace}}, "
        f"year = {{2024}}}}\n" for i in range(5)), encoding="utf-8")
    path = tmp_path / "lib.json"
    assert main(["--db", str(path), "import", str(listing)]) == 0
    opened: list[int] = []
    app = _counted_app(path, opened)
    async with app.run_test(size=SIZE) as pilot:
        papers = paper_list(pilot.app)
        assert not opened and papers.row_count == 5  # from the cache `reader import` left
        assert "Imported paper" in papers.row(0).plain
        await settle(pilot)
        assert opened and sorted(papers.ids) == sorted(main_screen(pilot.app).view.order)


async def test_the_chosen_theme_is_in_the_first_paint_without_reading_the_css_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.css.stylesheet import Stylesheet

    reparsed: list[int] = []
    original = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = _app(_library(tmp_path), theme="reader-light")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not reparsed  # setting `theme` the usual way re-reads every stylesheet
        theme = pilot.app.get_theme("reader-light")
        assert theme is not None and pilot.app.current_theme is theme
        assert pilot.app.has_class("-theme-reader-light", "-light-mode")
        background = main_screen(pilot.app).styles.background
        assert background.hex.lower() == str(theme.background).lower()


async def test_after_a_cli_change_the_next_start_is_still_instant_and_shows_it(
        tmp_path: Path) -> None:
    from reader.cli import main

    path = _library(tmp_path)
    async with _app(path).run_test(size=SIZE) as pilot:  # leaves the first-screen cache
        await settle(pilot)
        first = paper_list(pilot.app).ids[0]
    assert main(["--db", str(path), "mark", first, "read"]) == 0
    opened: list[int] = []
    async with _counted_app(path, opened).run_test(size=SIZE) as pilot:
        papers = paper_list(pilot.app)
        assert not opened and papers.row_count > 0  # the cache followed the change
        assert first not in papers.ids  # read: no longer in the Inbox
        await settle(pilot)
        assert opened and first not in papers.ids


def test_rows_read_before_another_writer_committed_are_not_cached(tmp_path: Path) -> None:
    # `reader mark` in two terminals at once: the rows one of them read must not be
    # saved under the fingerprint of the files the other one wrote
    path = _library(tmp_path)
    with Library.open(path) as lib:
        entries = lib.entries()
    prints = first_screen.fingerprint(path)
    with Library.open(path) as other:
        other.set_rating(entries[0].paper.id, 4)
    first_screen.save(path, entries, {"status:new": len(entries)}, prints=prints)
    assert first_screen.load(path) is None
    first_screen.save(path, entries, {"status:new": len(entries)},
                      prints=first_screen.fingerprint(path))
    assert first_screen.load(path) is not None
