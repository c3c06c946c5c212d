"""No keystroke is lost: keys typed in a burst right after a key that moves the
focus reach the new field, and keys typed while the library loads are kept and
applied, in order, once it is loaded.

A burst is posted to the app in one go, as a fast typist's keys arrive from the
terminal (Pilot's `press` waits for the app between keys, which hides the bug).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from textual import events
from textual.widgets import TextArea
from tui_fixtures import FIXED_NOW, fixture_papers, main_screen, paper_list, settle
from tui_fixtures import running as running_lib

from reader.model import Status
from reader.store import Library
from reader.tui.app import ReaderApp, make_app

KEY_CHARS = {"slash": "/", "space": " ", "plus": "+", "minus": "-"}


def burst(app: ReaderApp, keys: list[str]) -> None:
    """Post every key at once, as a terminal delivers fast typing."""
    for key in keys:
        app.post_message(events.Key(key, KEY_CHARS.get(key, key if len(key) == 1 else None)))


def _library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.json"
    with Library.open(path) as lib:
        lib.add_papers(fixture_papers())
    return path


def _app(path: Path, opener: Any = None) -> ReaderApp:
    return make_app(opener or (lambda: Library.open(path)), db_path=path,
                    clock=lambda: FIXED_NOW)


async def test_search_typed_at_once_after_start_keeps_every_key(tmp_path: Path) -> None:
    path = _library(tmp_path)
    for _ in range(2):  # a first start, then one from the first-screen cache
        app = _app(path)
        async with app.run_test(size=(120, 40)) as pilot:
            burst(app, ["slash", *"concept"])
            await settle(pilot)
            search = main_screen(app).search_input()
            assert search is not None and search.value == "concept"
            assert main_screen(app).query_text == "concept"
        with Library.open(path) as lib:  # no list key ran ("o", "n", "e", "t")
            assert all(e.state.is_default for e in lib.entries())


async def test_note_typed_at_once_after_n_goes_into_the_note(tmp_path: Path) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, ["n", *"this is it", "escape"])
        await settle(pilot)
    with Library.open(path) as lib:
        first = lib.entries()[0]
        assert first.state.note == "this is it"
        assert first.state.status is Status.NEW  # "t" and "s" were text, not keys


async def test_keys_typed_while_the_library_loads_apply_once_loaded(tmp_path: Path) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:  # leaves the first-screen cache
        await settle(pilot)
    release = threading.Event()

    def slow_open() -> Library:
        release.wait(10)
        return Library.open(path)

    app = _app(path, slow_open)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert not screen.loaded and paper_list(app).row_count  # cached rows shown
        burst(app, ["t", "4"])  # on the first paper, shown from the cache
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert screen.loaded
    with Library.open(path) as lib:
        first = lib.entries()[0]
        assert first.state.status is Status.TO_READ
        assert first.state.rating == 4


async def test_slash_typed_inside_the_search_field_is_text(tmp_path: Path) -> None:
    path = _library(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, ["slash", *"a", "slash", *"b"])
        await settle(pilot)
        search = main_screen(app).search_input()
        assert search is not None and search.value == "a/b"
        burst(app, ["escape", "n", "n"])  # "n" in the note is text too
        await settle(pilot)
        assert isinstance(app.focused, TextArea) and app.focused.text == "n"


async def test_a_fast_filter_follows_every_key_without_waiting_for_a_timer() -> None:
    from tui_fixtures import fixture_library

    from reader.model import Paper

    # 2,000 papers filter in a few ms: each key's results come at once
    papers = [Paper(id=f"arxiv:2401.{i:05d}", title=f"{word} paper {i}", arxiv_id=f"2401.{i:05d}",
                    source="test")
              for i, word in enumerate(["concept", "context", "cone", "kv"] * 500)]
    async with running_lib(fixture_library(papers)) as pilot:
        app = pilot.app
        await pilot.press("slash")
        burst(app, list("con"))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = main_screen(app)
        assert screen.query_text == "con"  # not "c" until a throttle timer fires
        assert len(paper_list(app).ids) == 1500
        burst(app, ["c"])
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_text == "conc" and len(paper_list(app).ids) == 500


async def test_a_reopened_note_has_its_cursor_at_the_end(tmp_path: Path) -> None:
    path = _library(tmp_path)
    with Library.open(path) as lib:
        lib.set_note(lib.entries()[0].paper.id, "first thought")
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, ["n", *" and more", "escape"])
        await settle(pilot)
    with Library.open(path) as lib:
        assert lib.entries()[0].state.note == "first thought and more"
