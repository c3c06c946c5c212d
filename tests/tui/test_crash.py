"""An unexpected error (a bug) ends the app, as in every Textual app: the note
being typed is saved first, and the user gets one line, not a traceback."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea
from tui_fixtures import fixture_library, running

from reader.paths import crash_log

FIRST = "arxiv:2403.00001"


class Boom(RuntimeError):
    pass


async def test_a_crash_saves_the_open_note_and_says_one_line(
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
    assert lib.state(FIRST).note == "half a thought"
    printed = " ".join(capsys.readouterr().err.split())  # what the terminal shows on exit
    assert printed == ("reader: unexpected error: Boom: a bug [bold]in[/] a handler "
                       f"(details in {crash_log()})")
    details = crash_log().read_text(encoding="utf-8")
    assert "Traceback" in details and "raise Boom" in details
    assert crash_log().stat().st_mode & 0o777 == 0o600
