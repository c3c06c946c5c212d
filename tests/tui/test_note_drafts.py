"""The note being typed is kept as a draft a moment after typing stops, and removed
once the note is saved. A draft a run could not save (killed, power cut) is restored
at the next start with a notice."""

from __future__ import annotations

import os
import stat
import time
from typing import Any

from textual.pilot import Pilot
from tui_fixtures import fixture_library, main_screen, running, settle, wait_until

from reader.drafts import ORPHAN_AGE, draft_path, keep_draft, read_draft
from reader.tui.app import make_app
from reader.tui.widgets import PaperList

FIRST = "arxiv:2403.00001"
TITLE = "Concept Bottleneck Models Revisited"


def notices(pilot: Pilot[Any]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def test_typing_keeps_a_draft_that_goes_once_the_note_is_saved() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        assert main_screen(pilot.app).query_one(PaperList).current_id == FIRST
        await pilot.press("n", *"half a thought")
        await wait_until(pilot, lambda: read_draft(FIRST) is not None, "the draft written")
        draft = read_draft(FIRST)
        assert draft is not None and draft.text == "half a thought"
        assert stat.S_IMODE(draft_path(FIRST).stat().st_mode) == 0o600
        assert lib.state(FIRST).note == ""  # a draft, not yet the note
        await pilot.press("escape")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        assert lib.state(FIRST).note == "half a thought"
        assert read_draft(FIRST) is None


async def test_a_draft_left_by_the_last_run_is_restored_with_a_notice() -> None:
    lib = fixture_library()
    keep_draft(FIRST, "typed before the power cut", "")
    async with running(lib) as pilot:
        assert lib.state(FIRST).note == "typed before the power cut"
        assert f"Restored an unsaved note for {TITLE}" in notices(pilot)
    assert read_draft(FIRST) is None


async def test_the_draft_is_restored_when_the_app_opens_the_library_itself() -> None:
    lib = fixture_library()
    keep_draft(FIRST, "typed before the kill", "")
    app = make_app(lambda: lib)  # as `reader` does: opened in the loading worker
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: f"Restored an unsaved note for {TITLE}"
                         in notices(pilot), "the notice")
        assert lib.state(FIRST).note == "typed before the kill"
        main_screen(pilot.app).query_one(PaperList).focus()
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.focused is not None
        assert getattr(pilot.app.focused, "text", "") == "typed before the kill"


def _orphans(count: int) -> None:
    """Old drafts of papers the library no longer has (pruned at the next start)."""
    when = time.time() - ORPHAN_AGE - 86400
    for n in range(count):
        path = keep_draft(f"arxiv:deleted-{n}", f"typed for a deleted paper {n}", "")
        assert path is not None
        os.utime(path, (when, when))


async def test_notes_rescued_at_start_are_told_once_in_one_line() -> None:
    _orphans(2)
    async with running(fixture_library()) as pilot:
        told = [n for n in notices(pilot) if "rescued-notes" in n]
        assert len(told) == 1 and told[0].endswith("/rescued-notes")
        assert told[0].startswith(
            "2 unsaved notes of papers no longer in a library were kept in ")


async def test_notes_rescued_when_the_app_opens_the_library_itself_are_told() -> None:
    _orphans(1)
    app = make_app(fixture_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: any(n.startswith("1 unsaved note of papers")
                                            for n in notices(pilot)), "the notice")
        assert sum("rescued-notes" in n for n in notices(pilot)) == 1


async def test_a_note_typed_as_the_app_closes_is_saved_from_its_draft() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("n", *"the last words")
        pilot.app.exit()  # before the draft's moment: kept as the editor is unmounted
        await pilot.pause()
    assert lib.state(FIRST).note == "the last words"
    assert read_draft(FIRST) is None
