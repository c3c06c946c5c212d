"""The store changes of the library controller: each is handed to the session's
store thread at once (on the UI thread, so in key order), then awaited in a
"store" worker of the controller, which reports it to the controller with a
message (it takes the change into its view, then tells the screen)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, TypeVar

from reader.errors import ReaderError
from reader.model import Entry
from reader.text import clean_line
from reader.tui.controller.messages import ChangeFailed, ChangeWritten, SearchesWritten

if TYPE_CHECKING:
    from textual.message import Message
    from textual.widget import Widget

    from reader.store import Change, Library
    from reader.tui.session import Session

T = TypeVar("T")

Written = tuple["Change | None", int, "list[Entry] | None"]
"""A change, the number of writes done with it, the To-read queue after a move."""


class Changes:
    """Store changes, in key order, reported to `node` (the controller)."""

    def __init__(self, session: Session, node: Widget) -> None:
        self.session = session
        self.node = node

    def write(self, fn: Callable[[Library], Change | None], *, relist: bool = False,
              reorder: bool = False, nothing: str = "",
              failed: Callable[[ReaderError], Message] | None = None) -> None:
        """Run a store change after the ones asked before it; ChangeApplied (or
        ChangeFailed) tells when it landed. `relist`: the papers' places may move
        (an undo); `reorder`: a queue move (other papers' places move too);
        `nothing`: what to say when there was nothing to change; `failed` (run in a
        worker) turns an error into the message posted instead of ChangeFailed."""
        session = self.session

        def run() -> Written:
            change, writes = session.change(fn)
            queue = session.open().queue() if reorder and change is not None else None
            return change, writes, queue

        future = session.submit(run)
        self.node.run_worker(lambda: self._wait(future, relist or reorder, nothing, failed),
                             thread=True, group="store", exit_on_error=False)

    def _wait(self, future: Future[Written], relist: bool, nothing: str,
              failed: Callable[[ReaderError], Message] | None) -> None:
        try:
            change, writes, queue = future.result()
        except ReaderError as exc:
            self.node.post_message(failed(exc) if failed is not None
                                   else ChangeFailed(clean_line(str(exc))))
            return
        self.node.post_message(ChangeWritten(change, writes, queue, relist, nothing))

    # saved searches ------------------------------------------------------------
    def save_search(self, name: str, text: str) -> None:
        self._searches(lambda lib: lib.save_search(name, text), None, name, text)

    def delete_search(self, name: str) -> None:
        self._searches(lambda lib: lib.delete_search(name), name, None)

    def rename_search(self, name: str, new: str) -> None:
        self._searches(lambda lib: lib.rename_search(name, new), name, new)

    def _searches(self, op: Callable[[Library], object], old: str | None, new: str | None,
                  text: str = "") -> None:
        session = self.session
        future = session.submit(lambda: op(session.open()))

        def wait() -> None:
            try:
                future.result()
            except ReaderError as exc:
                self.node.post_message(ChangeFailed(clean_line(str(exc))))
                return
            self.node.post_message(SearchesWritten(old, new, text))

        self.node.run_worker(wait, thread=True, group="store", exit_on_error=False)

    # in line, for others ---------------------------------------------------------
    def in_line(self, fn: Callable[[Library], T]) -> Future[T]:
        """Run `fn` on the store thread after the changes asked before it, counted
        as a write (adding a cited paper from the reading screen)."""
        session = self.session

        def run() -> T:
            result = fn(session.open())
            session.writes += 1
            return result

        return session.submit(run)
