"""SVG snapshots of the reading screen at 80x24 (note below the text) and 160x45
(outline, text at its measure, note beside it), with a search hit shown."""

from __future__ import annotations

from typing import Any

import pytest
from reading_fixtures import reading_library
from textual.pilot import Pilot
from tui_fixtures import FIXED_NOW, settle

from reader.tui.app import make_app


async def _open_and_search(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("R")
    await settle(pilot)
    await pilot.press("slash", *"attention", "enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_reading_screen(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app(reading_library(), clock=lambda: FIXED_NOW, theme="reader-dark")
    assert snap_compare(app, terminal_size=size, run_before=_open_and_search)
