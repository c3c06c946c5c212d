"""The bar under the paper list while a network job runs (add, fetch, resolve).

The widget owns the job: `start(job)` runs it in a thread worker, which posts
`Progressed` to the bar and `PapersArrived` (each batch written) and
`NetJobFinished` (the summary line) up to the screen. `cancel()` (or the bar's
button) stops it at the next request or wait; what was written stays. Hidden
when idle. Text from the network is shown as Content, never as markup.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from reader.errors import ReaderError
from reader.text import clean_line
from reader.tui.netjobs import JobContext, NetJob

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

    from reader.store import Library

__all__ = ["NetJobBar", "NetJobFinished", "PapersArrived"]


class PapersArrived(Message):
    """A job wrote papers to the library: show them."""


class NetJobFinished(Message):
    """A job ended: `text` is its summary (or the fault, when `failed`)."""

    def __init__(self, job: NetJob, text: str, *, failed: bool, cancelled: bool) -> None:
        super().__init__()
        self.job = job
        self.text = text
        self.failed = failed
        self.cancelled = cancelled


class NetJobBar(Horizontal):
    """Progress of the running network job, with a cancel button."""

    DEFAULT_CSS = """
    NetJobBar {
        height: 1;
        display: none;
        background: $panel;
        padding: 0 1;
    }
    NetJobBar.-running { display: block; }
    NetJobBar #job-title { width: auto; margin-right: 1; color: $text-accent; }
    NetJobBar ProgressBar { width: 22; }
    NetJobBar #job-text { width: 1fr; height: 1; color: $text-muted; margin: 0 1; }
    NetJobBar #job-cancel {
        width: auto; min-width: 8; height: 1; border: none; padding: 0 1; margin: 0;
        background: $error-muted; color: $text; text-style: none;
    }
    """

    class Progressed(Message):
        def __init__(self, done: int, total: int | None, text: str) -> None:
            super().__init__()
            self.done = done
            self.total = total
            self.text = text

    def __init__(self, library: Callable[[], Library], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._library = library
        self._cancel: threading.Event | None = None
        self.job: NetJob | None = None

    def _parts(self, title: str) -> ComposeResult:
        """The bar's widgets, mounted by the first job: until then the hidden bar costs
        the app's start nothing (a progress bar is several widgets and has a timer)."""
        from textual.widgets import ProgressBar

        yield Static(Content(title), id="job-title")
        yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="job-bar")
        yield Static(id="job-text")
        yield Button(Content("cancel"), id="job-cancel", compact=True)

    def _bar(self) -> ProgressBar:
        from textual.widgets import ProgressBar

        return self.query_one("#job-bar", ProgressBar)

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, job: NetJob) -> bool:
        """Run `job`; False (and nothing started) while another one runs."""
        if self.job is not None:
            return False
        self.job = job
        self._cancel = threading.Event()
        if self.children:
            self.query_one("#job-title", Static).update(Content(job.title))
            self.query_one("#job-text", Static).update("")
            self._bar().update(total=None, progress=0)
        else:
            self.mount_all(self._parts(job.title))
        self.add_class("-running")
        self._run(job, self._cancel)
        return True

    def cancel(self) -> bool:
        """Ask the running job to stop; False when none runs."""
        if self._cancel is None or self.job is None:
            return False
        self._cancel.set()
        self.query_one("#job-text", Static).update(Content("cancelling…"))
        return True

    def on_unmount(self) -> None:
        # the app is closing: a job waiting out the arXiv delay or a slow server stops
        # now instead of holding the process open
        if self._cancel is not None:
            self._cancel.set()

    @on(Button.Pressed, "#job-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.cancel()

    @work(thread=True, group="network", exit_on_error=False)
    def _run(self, job: NetJob, cancel: threading.Event) -> None:
        from reader.net import Client, FetchCancelled

        def progress(done: int, total: int | None, text: str) -> None:
            self.post_message(self.Progressed(done, total, text))

        def arrived() -> None:
            self.post_message(PapersArrived())

        failed = cancelled = False
        try:
            with Client(cancel=cancel) as http:
                text = job.run(JobContext(self._library(), http, progress, arrived))
        except FetchCancelled:
            text, cancelled = f"{job.title}: cancelled (what arrived is kept)", True
        except ReaderError as exc:
            text, failed = clean_line(str(exc)), True
        except Exception as exc:  # a bug must not take the app down with it
            text, failed = f"{job.title} failed: {type(exc).__name__}: {exc}", True
        self.post_message(PapersArrived())
        self.post_message(NetJobFinished(job, clean_line(text), failed=failed,
                                         cancelled=cancelled))

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        event.stop()
        self._bar().update(total=event.total, progress=event.done)
        self.query_one("#job-text", Static).update(Content(clean_line(event.text)))

    @on(NetJobFinished)
    def _finished(self, event: NetJobFinished) -> None:
        # the job is over for the bar; the message goes on up to the screen
        self.job = None
        self._cancel = None
        self.remove_class("-running")
