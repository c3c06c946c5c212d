"""The external editor (E): an $EDITOR that cannot start must not leave the app suspended.

Textual's `App.suspend()` resumes the app only when its block ends normally; the editor
used to raise FileNotFoundError inside it, so the screen stayed blank, the terminal in
cooked mode, and every key was echoed instead of reaching the app.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from reader.tui import editor


@pytest.mark.parametrize("command", ["/nonexistent/editor", "/"])
async def test_an_editor_that_cannot_start_resumes_the_app(
        monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", command)
    app: App[Any] = App()
    events: list[str] = []

    @contextmanager
    def suspend() -> Iterator[None]:  # what Textual does: resume after a normal exit only
        events.append("suspended")
        yield
        events.append("resumed")

    async with app.run_test() as pilot:
        monkeypatch.setattr(app, "suspend", suspend)
        assert editor.edit_text_externally(app, "my note") is None
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert events == ["suspended", "resumed"]
    assert any("Could not start the editor" in m for m in messages)


async def test_ctrl_c_typed_in_the_editor_does_not_end_reader(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    # ctrl+c in a terminal goes to the whole foreground process group: the editor
    # (which, like vim, ignores it) and Reader, which must ignore it too meanwhile.
    # The script signals only its parent (this process): the group may hold make.
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\ntrap '' INT QUIT\nprintf 'kept after ctrl+c' > \"$1\"\n"
                      "kill -INT $PPID\nexit 0\n")
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", str(script))
    app: App[Any] = App()

    @contextmanager
    def suspend() -> Iterator[None]:
        yield

    async with app.run_test() as pilot:
        monkeypatch.setattr(app, "suspend", suspend)
        assert editor.edit_text_externally(app, "my note") == "kept after ctrl+c"
        await pilot.pause()
        assert app.is_running


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
async def test_the_editor_itself_still_stops_on_ctrl_c(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    # Reader drops ctrl+c while the editor runs, but the editor must get the usual
    # disposition (an editor without its own handler ends on ctrl+c, as in a shell).
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\ngrep '^SigIgn' /proc/$$/status > \"$1\"\nexit 0\n")
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", str(script))
    app: App[Any] = App()
    async with app.run_test():
        line = editor.edit_text_externally(app, "note") or ""
    ignored = int(line.split()[1], 16)
    assert not ignored & (1 << (signal.SIGINT - 1)), line
    assert not ignored & (1 << (signal.SIGQUIT - 1)), line
