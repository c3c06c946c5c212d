"""An unexpected error (a bug) ends the app, as in every Textual app: the user gets
one line, not a traceback (the details go to a private file), and the note being
typed is kept (its draft is saved as the app closes)."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea
from tui_fixtures import fixture_library, running

from reader.drafts import read_draft
from reader.paths import crash_log
from reader.tui.crash import last_error_line

FIRST = "arxiv:2403.00001"


class Boom(RuntimeError):
    pass


async def test_a_crash_says_one_line_and_keeps_the_note_being_typed(
        capsys: pytest.CaptureFixture[str]) -> None:
    lib = fixture_library()
    with pytest.raises(Boom):  # run_test hands the app's error on to the test
        async with running(lib) as pilot:
            await pilot.press("n", *"half a thought")
            assert isinstance(pilot.app.focused, TextArea)

            def bug() -> None:
                raise Boom("a bug [bold]in[/] a handler")

            pilot.app.call_later(bug)
            await pilot.pause()
    assert pilot.app.return_code == 1
    printed = capsys.readouterr().err  # what the terminal shows on exit
    assert printed == ("reader: unexpected error: Boom: a bug [bold]in[/] a handler "
                       f"(details in {crash_log()})\n")
    details = crash_log().read_text(encoding="utf-8")
    assert "Traceback" in details and "raise Boom" in details
    assert crash_log().stat().st_mode & 0o777 == 0o600
    assert lib.state(FIRST).note == "half a thought"  # kept as a draft, saved as it closed
    assert read_draft(FIRST) is None


def test_the_error_line_is_what_follows_the_last_frame() -> None:
    report = ("╭── Traceback (most recent call last) ──╮\n│ x = 1 │\n╰──────╯\n"
              "ValueError: a long message that\nwrapped\n")
    assert last_error_line(report) == "ValueError: a long message that wrapped"
    assert last_error_line("") == "unknown error"
