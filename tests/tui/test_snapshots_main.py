"""SVG snapshots of the main screen in each of our themes, at 80x24 and 160x48,
plus the welcome screen (empty library) and the help screen.

snap_compare works only in sync tests (PITFALLS E2); `run_before` waits until
the library is loaded and the related papers are shown. No clock, no random data.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from tui_fixtures import (
    FIXED_NOW,
    fixture_library,
    main_screen,
    paper_list,
    related_shown,
    settle,
)

from reader.model import Status
from reader.store import Library
from reader.tui.app import make_app
from reader.tui.widgets import DetailPane
from reader.tui.widgets.detail import RelatedFound

THEMES = ["reader-dark", "reader-light", "reader-contrast"]


@pytest.fixture(autouse=True)
def _fixed_related(monkeypatch: pytest.MonkeyPatch) -> None:
    """Related papers with fixed scores: these snapshots are about the layout; the
    ranking itself is tested by the search tests."""
    def related(pane: DetailPane, pid: str, *, for_you: bool = False) -> None:
        view = main_screen(pane.app).view  # type: ignore[arg-type]
        if view is None:
            return
        others = [p for p in view.order if p != pid][:3]
        rows = [(p, view.entries[p].paper.title, 0.5 - 0.1 * i) for i, p in enumerate(others)]
        pane.post_message(RelatedFound(pid, rows, ""))

    monkeypatch.setattr(DetailPane, "find_related", related)
SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


def styled_library() -> Library:
    lib = fixture_library()
    first, second, third = "arxiv:2403.00001", "arxiv:2403.00002", "arxiv:2403.00003"
    lib.set_rating(first, 5)
    lib.add_tags(first, ["interpretability", "reading-group"])
    lib.set_note(first, "**Key idea**: intervene on concepts.\n\n- compare with label-free CBMs")
    lib.set_status(second, Status.TO_READ)
    lib.set_rating(second, 3)
    lib.set_status(third, Status.READ)
    lib.set_status("arxiv:2403.00004", Status.READING)
    lib.set_status("arxiv:2403.00005", Status.SKIPPED)
    return lib


async def _loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    if paper_list(pilot.app).current_id is not None:  # not the welcome screen
        await related_shown(pilot)  # they arrive once the cursor rests on a paper


async def _searched(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("slash", *"concept", "enter")
    await _loaded(pilot)


async def _all_shelf(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    main_screen(pilot.app).set_shelf("all")  # type: ignore[arg-type]
    await _loaded(pilot)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("theme", THEMES)
def test_main_screen(snap_compare: Any, theme: str, size: str) -> None:
    app = make_app(styled_library(), theme=theme, clock=lambda: FIXED_NOW)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_all_shelf)


def test_main_screen_searching(snap_compare: Any) -> None:
    app = make_app(styled_library(), theme="reader-dark", clock=lambda: FIXED_NOW)
    assert snap_compare(app, terminal_size=(160, 48), run_before=_searched)


def test_welcome_screen_for_empty_library(snap_compare: Any) -> None:
    app = make_app(Library.open(None), theme="reader-dark", clock=lambda: FIXED_NOW)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


def test_help_screen(snap_compare: Any) -> None:
    app = make_app(styled_library(), theme="reader-dark", clock=lambda: FIXED_NOW)
    assert snap_compare(app, terminal_size=(100, 40), press=["question_mark"],
                        run_before=_loaded)
