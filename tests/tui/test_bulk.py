"""Bulk decisions in the app: with papers selected (v, space, V), t r d x N, the
ratings, + and - apply to every selected paper in one write and one undo step;
D deletes (undoably); the palette skips the rest of a shelf after a confirmation
that says how many; export offers the selection, named after it."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input
from tui_fixtures import fixture_library, main_screen, paper_list, running, settle

from reader.model import Status
from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.dialogs.export import ExportDialog
from reader.tui.dialogs.tags import TagDialog

IDS = [f"arxiv:2403.{i:05d}" for i in range(1, 13)]


async def _select_three(pilot: Pilot[Any]) -> None:
    await pilot.press("v", "j", "v", "v")  # 1, then 3 and 4
    await settle(pilot)
    assert paper_list(pilot.app).selected_ids == [IDS[0], IDS[2], IDS[3]]


async def test_marking_a_selection_is_one_change_and_one_undo() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await _select_three(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert [lib.state(p).status for p in IDS[:4]] == [
            Status.SKIPPED, Status.NEW, Status.SKIPPED, Status.SKIPPED]
        papers = paper_list(pilot.app)
        assert not set(papers.ids) & {IDS[0], IDS[2], IDS[3]}  # they left the Inbox
        assert papers.selected_ids == []
        await pilot.press("u")
        await settle(pilot)
        assert all(lib.state(p).status is Status.NEW for p in IDS)
        assert papers.ids == IDS  # all back, in their places
        await pilot.press("U")  # redo
        await settle(pilot)
        assert lib.state(IDS[3]).status is Status.SKIPPED


async def test_rating_and_tagging_a_selection() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await _select_three(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert [lib.state(p).rating for p in IDS[:4]] == [4, None, 4, 4]
        assert len(paper_list(pilot.app).selected_ids) == 3  # still selected
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TagDialog)
        await pilot.press(*"ml", "enter")
        await settle(pilot)
        if isinstance(pilot.app.screen, TagDialog):  # the dialog may take several tags
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert [lib.state(p).tags for p in IDS[:4]] == [["ml"], [], ["ml"], ["ml"]]
        await pilot.press("u")
        await settle(pilot)
        assert all(lib.state(p).tags == [] for p in IDS)
        assert lib.state(IDS[2]).rating == 4


async def test_skip_the_rest_of_the_shelf_asks_with_the_count() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("t", "t")  # two picked for reading
        await settle(pilot)
        main_screen(pilot.app).action_skip_the_rest()
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Skip the 10 papers left on Inbox?" in dialog.question
        await pilot.press("y")
        await settle(pilot)
        statuses = [lib.state(p).status for p in IDS]
        assert statuses == [Status.TO_READ] * 2 + [Status.SKIPPED] * 10
        assert paper_list(pilot.app).ids == []


async def test_delete_asks_then_removes_and_undo_brings_everything_back() -> None:
    lib = fixture_library()
    lib.set_rating(IDS[0], 5)
    lib.set_note(IDS[0], "keep me")
    async with running(lib) as pilot:
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert len(lib) == 12
        await pilot.press("D", "y")
        await settle(pilot)
        assert len(lib) == 11 and IDS[0] not in paper_list(pilot.app).ids
        assert main_screen(pilot.app).view is not None
        assert IDS[0] not in main_screen(pilot.app).view.entries  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
        assert len(lib) == 12
        assert lib.state(IDS[0]).note == "keep me" and lib.state(IDS[0]).rating == 5
        assert IDS[0] in paper_list(pilot.app).ids


async def test_export_offers_the_selection_and_names_the_file_after_it() -> None:
    async with running(fixture_library()) as pilot:
        await _select_three(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert [e.paper.id for e in dialog.chosen_entries()] == [IDS[0], IDS[2], IDS[3]]
        path = dialog.query_one("#path", Input)
        assert path.value.endswith(".md") and "/selected-3-papers-" in path.value
        dialog.query_one("#selection").value = "All papers"  # type: ignore[attr-defined]
        await pilot.pause()
        assert "/all-papers-" in path.value
