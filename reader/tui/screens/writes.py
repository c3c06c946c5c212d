"""Store writes of the main screen: each change runs in a thread worker, in key
order (the session's tickets), and is shown when it lands; saved searches too."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.screen import Screen

from reader.errors import ReaderError
from reader.model import Entry
from reader.text import clean_line
from reader.tui.render import safe
from reader.tui.session import Session
from reader.tui.state import LibraryView, Shelf
from reader.tui.widgets import PaperList

if TYPE_CHECKING:
    from reader.store import Change, Library
    from reader.tui.app import ReaderApp


class StoreWrites(Screen[None]):
    """Mixed into MainScreen, which provides the view refresh methods."""

    app: ReaderApp
    view: LibraryView | None
    session: Session | None
    query_text: str
    _changes: list[tuple[int, Entry]]

    if TYPE_CHECKING:
        def refresh_shelves(self) -> None: ...
        def refresh_list(self, keep: str | None = None) -> None: ...
        def search_shelf(self) -> Shelf: ...
        def show_detail(self, pid: str, *, related: bool = True) -> None: ...
        def _update_title(self) -> None: ...
        def _update_progress(self) -> None: ...
        def export_bib(self) -> None: ...

    def write(self, fn: Callable[[Library], Change | None], *, undo: bool = False,
              reorder: bool = False,
              failed: Callable[[ReaderError], Message] | None = None) -> None:
        """Run a store change in a worker, in key order; show it when it lands.
        `failed` (run in the worker) turns an error into a message posted to this
        screen, instead of the usual error notification."""
        if self.session is None:
            return
        self._write_worker(self.session.serial.ticket(), fn, undo or reorder, undo, reorder,
                           failed)

    @work(thread=True, group="store", exit_on_error=False)
    def _write_worker(self, ticket: int, fn: Callable[[Library], Change | None],
                      relist: bool, undo: bool, reorder: bool,
                      failed: Callable[[ReaderError], Message] | None = None) -> None:
        assert self.session is not None
        try:
            change = self.session.write(ticket, fn)
            if reorder and change is not None:  # other papers' queue places moved too
                queue = self.session.open().queue()
                self.app.call_from_thread(self._requeue, queue)
        except ReaderError as exc:
            if failed is not None:
                self.post_message(failed(exc))
                return
            self.app.call_from_thread(self.notify, clean_line(str(exc)), severity="error",
                                      markup=False)
            return
        seq = self.session.writes
        self.app.call_from_thread(self._applied, change, seq, relist, undo)

    def _requeue(self, queue: list[Entry]) -> None:
        if self.view is not None:
            for entry in queue:
                if entry.paper.id in self.view.entries:
                    self.view.apply(entry)

    def _applied(self, change: Change | None, seq: int, relist: bool, undo: bool) -> None:
        view = self.view
        if change is None:
            self.notify("Nothing to undo." if undo else "No change.", markup=False, timeout=2)
            return
        if view is None or change.paper_id not in view.entries:
            return
        entry = Entry(view.entries[change.paper_id].paper, change.after)
        view.apply(entry)
        self._changes.append((seq, entry))
        del self._changes[:-200]
        title = safe(entry.paper.title)
        short = title if len(title) <= 40 else title[:39] + "…"
        self.notify(f"{change.description} — {short}", markup=False, timeout=2.5)
        self.refresh_shelves()
        papers = self.query_one(PaperList)
        shelf = self.search_shelf()
        self._update_progress()
        self.export_bib()
        if relist:  # undo or a queue move: the paper's place may have changed
            self.refresh_list(keep=entry.paper.id)
        elif shelf.holds(entry):
            papers.refresh_paper(entry.paper.id)
            self._update_title()
        else:
            papers.drop(entry.paper.id)  # marking advances to the next paper
            self._update_title()
        if papers.current_id == entry.paper.id:
            self.show_detail(entry.paper.id, related=False)

    def save_current_search(self) -> None:
        """Save the typed query as a shelf named after it."""
        text = self.query_text.strip()
        if not text:
            self.notify("Type a search first (/), then save it.", markup=False, timeout=3)
            return
        name = text[:40]
        if self.session is not None:  # the ticket on the UI thread: key order
            self._saved_worker(self.session.serial.ticket(), name, text)

    @work(thread=True, group="store", exit_on_error=False)
    def _saved_worker(self, ticket: int, name: str, text: str) -> None:
        session = self.session
        assert session is not None
        try:
            session.serial.run(ticket, lambda: session.open().save_search(name, text))
        except ReaderError as exc:
            self.app.call_from_thread(self.notify, clean_line(str(exc)), severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self._saved, name, text)

    def _saved(self, name: str, text: str) -> None:
        if self.view is not None:
            self.view.saved[name] = text
            self.refresh_shelves()
        self.notify(f"Saved search: {clean_line(name)}", markup=False, timeout=2)
