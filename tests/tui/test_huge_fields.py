"""A title too long for any screen (a library edited by hand) is never laid out whole."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from reader.model import Paper
from reader.store import Library
from reader.tui.render import SHOWN_LINE, SHOWN_TEXT
from tests.tui.tui_fixtures import main_screen, running, settle


async def test_the_detail_pane_lays_out_at_most_what_a_screen_needs(db_path: Path) -> None:
    with Library.open(db_path) as lib:
        lib.add_papers([Paper(id="x:1", title="Placeholder", abstract="Short.")])
    data = json.loads(db_path.read_text())
    doc = next(iter(data["papers"].values()))
    doc["title"] = "Huge title " * 100_000  # 1.1 MB, written by hand: no import cap
    doc["abstract"] = "Huge abstract. " * 100_000
    db_path.write_text(json.dumps(data))
    lib = Library.open(db_path)
    try:
        async with running(lib) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            screen = main_screen(pilot.app)
            title = screen.query_one("#detail-title", Static).render()
            abstract = screen.query_one("#detail-abstract", Static).render()
            assert 0 < len(str(title)) <= SHOWN_LINE
            assert 0 < len(str(abstract)) <= SHOWN_TEXT
    finally:
        lib.close()


async def test_an_invalid_record_is_skipped_with_one_notification(db_path: Path) -> None:
    with Library.open(db_path) as lib:
        lib.add_papers([Paper(id="x:1", title="Good"), Paper(id="x:2", title="Bad")])
    data = json.loads(db_path.read_text())
    for doc in data["papers"].values():
        if doc["id"] == "x:2":
            doc["urls"] = 0  # a hand edit of the wrong type
    db_path.write_text(json.dumps(data))
    lib = Library.open(db_path)
    try:
        async with running(lib) as pilot:
            await settle(pilot)
            skipped = [n.message for n in pilot.app._notifications
                       if "invalid record" in n.message]
            assert len(skipped) == 1 and "'urls'" in skipped[0]
            assert [e.paper.id for e in lib.entries()] == ["x:1"]
    finally:
        lib.close()
