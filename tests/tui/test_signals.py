"""SIGTERM and SIGHUP end the app with status 128 + signal; the note being typed is
not lost: its draft is saved as the app closes, and after a SIGKILL (nothing runs)
the next start restores it.

The end-to-end tests run the real `reader` in tmux: `kill -TERM` the process,
close the terminal (tmux kill-session hangs the pty up: SIGHUP), and SIGTERM
while the note is open in $EDITOR, and SIGKILL, then `reader` again.
The Pilot tests check the same path in-process.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_fixtures import fixture_library, fixture_papers, running

from reader.drafts import read_draft
from reader.store import Library
from reader.tui import editor
from reader.tui.signals import (
    exit_status,
    handle_exit_signals,
    release_exit_signals,
    terminal_alive,
)

ROOT = Path(__file__).resolve().parents[2]
FIRST = "arxiv:2403.00001"

# Runs reader as a child so the test learns its pid and its exit status. Like a
# shell, it passes SIGHUP (sent to it, the session leader, on hangup) on to its
# job, unless READER_TEST_KEEP_HUP is set (then only the dead terminal tells).
WRAPPER = textwrap.dedent("""
    import os, signal, subprocess, sys
    def hangup(*args):
        if not os.environ.get("READER_TEST_KEEP_HUP"):
            os.kill(child.pid, signal.SIGHUP)
    signal.signal(signal.SIGHUP, hangup)
    out = sys.argv[1]
    child = subprocess.Popen(sys.argv[2:])
    open(out + ".pid", "w").write(str(child.pid))
    open(out + ".rc", "w").write(str(child.wait()))
""")

# An editor that writes the note (as a user's :w would), then stays open.
EDITOR = textwrap.dedent("""
    import sys, time
    with open(sys.argv[-1], "a") as fh:
        fh.write("written in the editor\\n")
    open(sys.argv[1], "w").close()
    time.sleep(30)
""")

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")


@dataclass
class Terminal:
    """One `reader` process in its own tmux session."""

    session: str
    out: Path

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", *args], capture_output=True, text=True,
                              check=False).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", self.session, "-p")

    def wait_for(self, test: Callable[[], bool], what: str, timeout: float = 8.0) -> None:
        end = time.monotonic() + timeout
        while not test():
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}:\n{self.screen()}")
            time.sleep(0.05)

    def wait_text(self, text: str) -> None:
        self.wait_for(lambda: text in self.screen(), repr(text), timeout=20.0)

    @property
    def pid(self) -> int:
        return int(self.out.with_suffix(".pid").read_text())

    def status(self) -> int:
        rc = self.out.with_suffix(".rc")
        self.wait_for(lambda: rc.exists() and rc.read_text() != "", "the exit status")
        return int(rc.read_text())


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    sessions: list[str] = []

    def start(db: Path, **env: str) -> Terminal:
        (tmp_path / "wrapper.py").write_text(WRAPPER)
        name = f"reader-signals-{uuid.uuid4().hex[:8]}"
        term = Terminal(name, tmp_path / name)
        sessions.append(term.session)
        variables = {"READER_DB": str(db), "READER_CONFIG_DIR": os.environ["READER_CONFIG_DIR"],
                     "PYTHONPATH": str(ROOT), **env}
        command = [sys.executable, str(tmp_path / "wrapper.py"), str(term.out),
                   sys.executable, "-m", "reader"]
        term.tmux("new-session", "-d", "-s", term.session, "-x", "100", "-y", "30",
                  *[a for k, v in variables.items() for a in ("-e", f"{k}={v}")],
                  " ".join(command))
        term.wait_for(lambda: term.out.with_suffix(".pid").exists(), "the reader process")
        term.wait_text("papers")  # the list's title: the library is loaded
        return term

    yield start
    for session in sessions:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True,
                       check=False)


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    lib = Library.open(path)
    lib.add_papers(fixture_papers())
    lib.close()
    return path


def note_on_disk(path: Path, pid: str = FIRST) -> str:
    lib = Library.open(path)
    try:
        return lib.state(pid).note
    finally:
        lib.close()


def press_once(term: Terminal, key: str, done: Callable[[], bool], what: str) -> None:
    """Press `key` once and wait for its effect (a key typed while the library
    loads is kept and applied once it is loaded; pressing again would type it
    into the note editor the first press opened)."""
    term.tmux("send-keys", "-t", term.session, key)
    term.wait_for(done, what, timeout=20.0)


def type_a_note(term: Terminal, text: str) -> None:
    # the footer says "Save note" while the note editor has the focus
    press_once(term, "n", lambda: "Save note" in term.screen(), "the note editor")
    term.tmux("send-keys", "-t", term.session, "-l", text)
    term.wait_text(text)


# --- the real process -------------------------------------------------------------

@needs_tmux
def test_sigterm_exits_143_and_keeps_the_note_being_typed(
        terminal: Callable[..., Terminal], library_file: Path) -> None:
    term = terminal(library_file)
    type_a_note(term, "typed before kill")
    os.kill(term.pid, signal.SIGTERM)
    assert term.status() == 143
    assert note_on_disk(library_file) == "typed before kill"
    assert read_draft(FIRST, library_file) is None


@needs_tmux
@pytest.mark.parametrize("passed_on", [True, False], ids=["sighup", "output-fails"])
def test_closing_the_terminal_exits_129_and_keeps_the_note(
        terminal: Callable[..., Terminal], library_file: Path, passed_on: bool) -> None:
    term = terminal(library_file, **({} if passed_on else {"READER_TEST_KEEP_HUP": "1"}))
    type_a_note(term, "typed before the window closed")
    term.tmux("kill-session", "-t", term.session)  # the pty hangs up: SIGHUP
    assert term.status() == 129
    assert note_on_disk(library_file) == "typed before the window closed"


@needs_tmux
def test_after_sigkill_the_next_start_restores_the_note_with_a_notice(
        terminal: Callable[..., Terminal], library_file: Path) -> None:
    term = terminal(library_file)
    type_a_note(term, "typed before the power cut")
    term.wait_for(lambda: read_draft(FIRST, library_file) is not None, "the draft")
    os.kill(term.pid, signal.SIGKILL)  # nothing runs: only the draft is left
    assert term.status() == -signal.SIGKILL
    assert note_on_disk(library_file) == ""
    again = terminal(library_file)
    again.wait_text("Restored an unsaved note")
    assert note_on_disk(library_file) == "typed before the power cut"
    assert read_draft(FIRST, library_file) is None


@needs_tmux
def test_sigterm_while_in_editor_keeps_what_the_editor_wrote(
        terminal: Callable[..., Terminal], library_file: Path, tmp_path: Path) -> None:
    (tmp_path / "editor.py").write_text(EDITOR)
    ready = tmp_path / "editor-wrote"
    term = terminal(library_file,
                    EDITOR=f"{sys.executable} {tmp_path / 'editor.py'} {ready}")
    press_once(term, "E", ready.exists, "the editor")  # it wrote the file and waits
    os.kill(term.pid, signal.SIGTERM)  # passed on to the editor, which ends
    assert term.status() == 143
    assert note_on_disk(library_file) == "written in the editor"


# --- in-process -----------------------------------------------------------------

async def test_terminate_keeps_the_open_note_and_sets_the_status() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("n", *"half")
        assert isinstance(pilot.app.focused, TextArea)
        pilot.app.terminate(signal.SIGTERM)
        await pilot.app.workers.wait_for_complete()  # the exit
    assert pilot.app.return_code == 143
    assert lib.state(FIRST).note == "half"


async def test_terminate_waits_for_a_mark_in_flight() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("t")
        pilot.app.terminate(signal.SIGHUP)
        await pilot.app.workers.wait_for_complete()  # no pause: the app is exiting
    assert lib.state(FIRST).status.value == "to-read"
    assert pilot.app.return_code == exit_status(signal.SIGHUP) == 129


async def test_the_handlers_call_back_on_the_loop_and_are_given_back() -> None:
    seen: list[int] = []
    # A run started under nohup ignores SIGHUP, and an ignored signal is rightly left
    # alone: start from the defaults so the test asks the same question everywhere.
    inherited = {sig: signal.signal(sig, signal.SIG_DFL) for sig in (signal.SIGTERM, signal.SIGHUP)}
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP)}
    loop = asyncio.get_running_loop()
    arrived = asyncio.Event()

    def callback(signum: int) -> None:
        seen.append(signum)
        arrived.set()

    taken = handle_exit_signals(loop, callback)
    try:
        assert sorted(taken) == sorted((signal.SIGTERM, signal.SIGHUP))
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(arrived.wait(), timeout=10)
    finally:
        release_exit_signals(loop, taken)
    try:
        assert seen == [signal.SIGTERM]
        assert {sig: signal.getsignal(sig) for sig in before} == before
    finally:
        for sig, handler in inherited.items():
            signal.signal(sig, handler)


async def test_an_ignored_signal_stays_ignored() -> None:
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        taken = handle_exit_signals(asyncio.get_running_loop(), lambda signum: None)
        release_exit_signals(asyncio.get_running_loop(), taken)
        assert taken == [signal.SIGTERM]
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


async def test_a_signal_during_the_editor_goes_to_it_then_back_to_the_app(
        tmp_path: Path) -> None:
    loop = asyncio.get_running_loop()
    arrived = asyncio.Event()
    taken = handle_exit_signals(loop, lambda signum: arrived.set())
    ready = tmp_path / "started"
    script = tmp_path / "wait.py"
    script.write_text(f"import time; open({str(ready)!r}, 'w').close(); time.sleep(30)")
    received: list[int] = []
    try:
        def kill_when_started() -> None:
            end = time.monotonic() + 20
            while not ready.exists() and time.monotonic() < end:
                time.sleep(0.01)
            os.kill(os.getpid(), signal.SIGTERM)

        import threading

        threading.Thread(target=kill_when_started, daemon=True).start()
        code = editor._run([sys.executable, str(script)], tmp_path / "note.md", received)
        assert code == -signal.SIGTERM  # the editor got it
        assert received == [signal.SIGTERM]
        await asyncio.wait_for(arrived.wait(), timeout=10)  # then the app
    finally:
        release_exit_signals(loop, taken)


def test_terminal_alive_ignores_descriptors_that_are_not_terminals(tmp_path: Path) -> None:
    with open(tmp_path / "plain", "w") as fh:
        assert terminal_alive((fh.fileno(),))
