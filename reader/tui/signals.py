"""SIGTERM and SIGHUP while the app runs: save the note, then exit 128 + signal.

Without this, `kill PID` or closing the terminal ends the process at once and
a note being typed in the app is lost. `SignalGuard.install` takes over the two
signals and `restore` gives them back.

The work is done by a small thread, not by a Python signal handler: a handler
runs only on the main thread, and only when that thread runs Python code, so
it is late when the signal lands on another thread while the UI thread waits,
and never runs while the UI thread is blocked (waiting for `$EDITOR`). Here
the C-level handler writes the signal's number to a pipe (`signal.set_wakeup_fd`),
the thread reads it at once, records it, passes it on to the editor if one runs,
and schedules the app's callback on the event loop (which saves and exits like `q`).

A watchdog ends the process `WATCHDOG` seconds after the first signal (or after
the editor it was passed on to ended) whatever happens, with `os._exit`: store
writes are atomic, so that loses nothing already saved.

A closed terminal also makes Textual's output thread die on EIO, after which
the UI thread blocks on the full output queue (and its input thread spins on
end-of-file); `hangup_safe` wraps the driver so that output to a terminal that
hung up is dropped instead, the input thread is stopped, and the first such
failure counts as SIGHUP (the
process may not get the signal itself: the kernel sends it to the session
leader, usually the shell, which passes it on to its jobs).

A signal ignored when the app starts (`nohup reader`) stays ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import signal
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import IO, Any

from textual.driver import Driver

TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
WATCHDOG = 5.0
"""Seconds after the first signal before the process ends regardless."""
TERMINAL_FDS = (0, 1, 2)
RESET_TERMINAL = (b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"  # mouse off
                  b"\x1b[?2004l\x1b[?25h\x1b[?1049l\x1b[0m\r\n")
"""What the watchdog writes before ending the process: no mouse reports, no
bracketed paste, the cursor back, the main screen back."""


def exit_status(signum: int) -> int:
    """The status a shell reports for a program killed by `signum` (143, 129)."""
    return 128 + signum


def terminal_alive(fds: tuple[int, ...] = TERMINAL_FDS) -> bool:
    """False when the terminal hung up (closed window, dropped ssh): its
    descriptors then fail with EIO. True when none of `fds` is a terminal."""
    for fd in fds:
        try:
            termios.tcgetattr(fd)
        except termios.error as exc:
            if exc.args and exc.args[0] == errno.EIO:  # hung up
                return False
    return True


def _ignore(signum: int, frame: FrameType | None) -> None:
    """The Python-level handler: the watcher thread does the work."""


class SignalGuard:
    """Routes SIGTERM/SIGHUP to `callback(signum)` on the event loop."""

    def __init__(self, callback: Callable[[int], object],
                 watchdog: float | None = WATCHDOG) -> None:
        self.callback = callback
        self.watchdog = watchdog
        """Seconds before the process is ended after a signal (None: never)."""
        self.received: int | None = None
        """The first signal received (set at once, even while the UI thread waits)."""
        self.child: subprocess.Popen[bytes] | None = None
        """The editor running in the foreground: signals are passed on to it."""
        self._previous: dict[signal.Signals, Any] = {}
        self._wakeup: tuple[int, int] | None = None
        """(our pipe's write end, the previous wakeup fd)."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._child_ended = 0.0

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Take over the signals (call on the main thread, with the loop running)."""
        loop = loop or asyncio.get_running_loop()
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        try:
            previous_fd = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
        except ValueError:  # not the main thread
            os.close(read_end)
            os.close(write_end)
            return
        self._wakeup, self._loop = (write_end, previous_fd), loop
        for sig in TERMINATING_SIGNALS:
            if signal.getsignal(sig) is not signal.SIG_IGN:
                self._previous[sig] = signal.signal(sig, _ignore)
        threading.Thread(target=self._watch, args=(read_end, loop),
                         name="reader-signals", daemon=True).start()

    def restore(self) -> None:
        """Put the previous handlers back (a watchdog already armed stays armed)."""
        previous, self._previous = self._previous, {}
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if self._wakeup is not None:
            write_end, previous_fd = self._wakeup
            self._wakeup = None
            signal.set_wakeup_fd(previous_fd)
            os.close(write_end)  # the watcher reads end-of-file and stops

    def hangup(self) -> None:
        """The terminal hung up (seen by a failed write): as if SIGHUP came. Any thread."""
        if self._loop is not None and signal.SIGHUP in self._previous:
            self._received(signal.SIGHUP, self._loop)

    @contextlib.contextmanager
    def running(self, child: subprocess.Popen[bytes]) -> Iterator[None]:
        """While `child` (the editor) runs, signals go to it too."""
        self.child = child
        try:
            yield
        finally:
            self.child = None
            self._child_ended = time.monotonic()

    # the watcher thread ------------------------------------------------------------
    def _watch(self, read_end: int, loop: asyncio.AbstractEventLoop) -> None:
        try:
            while data := os.read(read_end, 64):
                for signum in data:  # every signal with a Python handler lands here
                    if signum in TERMINATING_SIGNALS:
                        self._received(signum, loop)
        except OSError:
            pass
        finally:
            os.close(read_end)

    def _received(self, signum: int, loop: asyncio.AbstractEventLoop) -> None:
        first = self.received is None
        if first:
            self.received = signum
        child = self.child
        if child is not None and child.returncode is None:
            with contextlib.suppress(OSError):
                os.kill(child.pid, signum)
        with contextlib.suppress(RuntimeError):  # the loop has closed: exiting anyway
            loop.call_soon_threadsafe(self.callback, signum)
        if first and self.watchdog is not None:
            threading.Thread(target=self._watchdog, args=(self.watchdog,),
                             name="reader-watchdog", daemon=True).start()

    def _watchdog(self, limit: float) -> None:
        since, pause = time.monotonic(), threading.Event()
        while self.child is not None or time.monotonic() - max(
                since, self._child_ended) < limit:  # an editor ending restarts the wait
            pause.wait(0.25)
        if terminal_alive():  # a plain SIGTERM: leave the terminal usable
            _reset_terminal()
        os._exit(exit_status(self.received or signal.SIGTERM))


def _reset_terminal() -> None:
    """Undo what Textual set up (its own teardown did not run): the modes and
    the main screen back, and the line discipline cooked and echoing again."""
    with contextlib.suppress(OSError):
        os.write(1, RESET_TERMINAL)
    with contextlib.suppress(OSError, termios.error):
        attrs = termios.tcgetattr(0)
        attrs[0] |= termios.ICRNL
        attrs[1] |= termios.OPOST
        attrs[3] |= termios.ECHO | termios.ICANON | termios.ISIG | termios.IEXTEN
        termios.tcsetattr(0, termios.TCSANOW, attrs)


class _HangupSafeOutput:
    """Textual's terminal output, minus the crash when the terminal hangs up."""

    def __init__(self, file: IO[str], on_hangup: Callable[[], object]) -> None:
        self.file = file
        self.on_hangup = on_hangup
        self.hung_up = False

    def _failed(self) -> None:
        if not self.hung_up:
            self.hung_up = True
            self.on_hangup()

    def write(self, text: str) -> int:
        if not self.hung_up:
            try:
                return self.file.write(text)
            except OSError:  # EIO: the terminal is gone; keep draining the queue
                self._failed()
        return len(text)

    def flush(self) -> None:
        if not self.hung_up:
            try:
                self.file.flush()
            except OSError:
                self._failed()

    def fileno(self) -> int:
        return self.file.fileno()

    def isatty(self) -> bool:
        return True


def hangup_safe(driver: type[Driver], guard: SignalGuard) -> type[Driver]:
    """`driver` whose output survives a terminal that hung up and tells `guard`
    (for the Linux driver, which writes to `_file` from a thread); other drivers
    are returned unchanged."""
    from textual.drivers.linux_driver import LinuxDriver

    if not issubclass(driver, LinuxDriver):
        return driver

    class HangupSafeDriver(driver):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            file = getattr(self, "_file", None)
            if file is not None:
                self._file = _HangupSafeOutput(file, self._hung_up)

        def _hung_up(self) -> None:
            """From the output thread: stop the input thread (it would spin on the
            dead terminal's end-of-file) and exit as on SIGHUP."""
            event = getattr(self, "exit_event", None)
            if event is not None:
                event.set()
            guard.hangup()

    return HangupSafeDriver
