"""SIGTERM and SIGHUP while the app runs: the app exits with status 128 + signal.

Nothing needs saving at that moment: the note editor keeps what is typed as a draft
on disk (reader.tui.widgets.note) and the next start restores it; store writes
are atomic. So the handlers only ask the app to exit, through asyncio's own signal
handling (the callback runs on the event loop). While the external editor has the
terminal, the UI thread waits for it: reader.tui.editor passes the signal on to
the editor, then delivers it here once the editor ended.

A closed terminal (a closed window, a dropped ssh) usually sends SIGHUP; when the
signal does not reach the app (its shell ignored it) the terminal's descriptors
fail with EIO, which `terminal_alive` notices: the app checks it now and then.

A signal ignored when the app starts (`nohup reader`) stays ignored.
"""

from __future__ import annotations

import asyncio
import errno
import signal
import termios
from collections.abc import Callable

TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
TERMINAL_FDS = (0, 1, 2)


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


def handle_exit_signals(loop: asyncio.AbstractEventLoop,
                        callback: Callable[[int], object]) -> list[signal.Signals]:
    """Call `callback(signum)` on the loop for SIGTERM and SIGHUP (those not ignored);
    the signals taken over (give them back with `release_exit_signals`)."""
    taken: list[signal.Signals] = []
    for sig in TERMINATING_SIGNALS:
        if signal.getsignal(sig) is signal.SIG_IGN:
            continue
        try:
            loop.add_signal_handler(sig, callback, int(sig))
        except (ValueError, RuntimeError, NotImplementedError):  # not the main thread
            continue
        taken.append(sig)
    return taken


def release_exit_signals(loop: asyncio.AbstractEventLoop,
                         taken: list[signal.Signals]) -> None:
    for sig in taken:
        try:
            loop.remove_signal_handler(sig)
        except (ValueError, RuntimeError):  # the loop is closing: nothing to give back
            signal.signal(sig, signal.SIG_DFL)
