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
              reorder: bool = False, nothing: str = "Nothing to undo.",
              failed: Callable[[ReaderError], Message] | None = None) -> None:
        """Run a store change in a worker, in key order; show it when it lands.
        `undo`: an undo or redo (`nothing`: what to say when there was none).
        `failed` (run in the worker) turns an error into a message posted to this
        screen, instead of the usual error notification."""
        if self.session is None:
            return
        self._write_worker(self.session.serial.ticket(), fn, undo or reorder,
                           nothing if undo else "", reorder, failed)

    @work(thread=True, group="store", exit_on_error=False)
    def _write_worker(self, ticket: int, fn: Callable[[Library], Change | None],
                      relist: bool, undo: str, reorder: bool,
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

    def _applied(self, change: Change | None, seq: int, relist: bool, undo: str) -> None:
        view = self.view
        if change is None:
            self.notify(undo or "No change.", markup=False, timeout=2)
            return
        if view is None:
            return
        titles = {c.paper_id: view.entries[c.paper_id].paper.title
                  for c in change.each if c.paper_id in view.entries}
        entries = self._take(view, change, seq)
        if len(change.each) > 1 or change.deleted or change.paper is not None:
            self._applied_to_many(change, entries, titles)
            return
        if not entries:
            return
        entry = entries[0]
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

    def _take(self, view: LibraryView, change: Change, seq: int) -> list[Entry]:
        """Apply every paper of `change` to the view; the entries that remain."""
        entries: list[Entry] = []
        for one in change.each:
            if one.deleted:
                view.remove(one.paper_id)
                continue
            known = view.entries.get(one.paper_id)
            paper = one.paper or (known.paper if known is not None else None)
            if paper is None:
                continue
            entry = Entry(paper, one.after)
            view.apply(entry)
            self._changes.append((seq, entry))
            entries.append(entry)
        del self._changes[:-200]
        return entries

    def _applied_to_many(self, change: Change, entries: list[Entry],
                         titles: dict[str, str]) -> None:
        """A change to several papers (a selection, a deletion, their undo): one
        toast, the list shown again with the cursor on the nearest paper it keeps."""
        text = change.description
        if len(change.each) == 1 and titles:
            title = safe(next(iter(titles.values())))
            text += " — " + (title if len(title) <= 40 else title[:39] + "…")
        if change.deleted:
            text += " (u undoes)"
        self.notify(text, markup=False, timeout=3)
        self.refresh_shelves()
        self._update_progress()
        papers = self.query_one(PaperList)
        changed = {c.paper_id for c in change.each}
        shelf = self.search_shelf()
        view = self.view
        assert view is not None

        def stays(pid: str) -> bool:
            entry = view.entries.get(pid)
            return entry is not None and (pid not in changed or shelf.holds(entry))

        ids, cursor = papers.ids, papers.cursor
        keep = next((pid for pid in [*ids[cursor:], *reversed(ids[:cursor])] if stays(pid)),
                    None)
        back = [c.paper_id for c in change.each if c.paper is not None]
        self.refresh_list(keep=back[0] if back else keep)

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

    def delete_saved_search(self, name: str) -> None:
        """Palette: forget a saved search (its shelf goes; papers are untouched)."""
        if self.session is not None:
            self._searches_worker(self.session.serial.ticket(),
                                  lambda lib: lib.delete_search(name), name, None)

    def rename_saved_search(self, name: str) -> None:
        """Palette: ask for a new name, then rename the saved search."""
        from reader.tui.dialogs.prompt import PromptDialog

        def answered(new: str | None) -> None:
            new = clean_line(new or "")
            if new and new != name and self.session is not None:
                self._searches_worker(self.session.serial.ticket(),
                                      lambda lib: lib.rename_search(name, new), name, new)

        self.app.push_screen(PromptDialog(f"New name for the saved search {name!r}:", name),
                             answered)

    @work(thread=True, group="store", exit_on_error=False)
    def _searches_worker(self, ticket: int, op: Callable[[Library], None], name: str,
                         new: str | None) -> None:
        session = self.session
        assert session is not None
        try:
            session.serial.run(ticket, lambda: op(session.open()))
        except ReaderError as exc:
            self.app.call_from_thread(self.notify, clean_line(str(exc)), severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self._searches_changed, name, new)

    def _searches_changed(self, name: str, new: str | None) -> None:
        view = self.view
        if view is not None:
            query = view.saved.pop(name, "")
            if new is not None:
                view.saved[new] = query
            if getattr(self, "shelf_key", "") == f"search:{name}":
                self.shelf_key = f"search:{new}" if new is not None else "status:new"
            self.refresh_shelves()
            self.refresh_list()
        what = f"renamed to {clean_line(new)}" if new is not None else "deleted"
        self.notify(f"Saved search {clean_line(name)} {what}", markup=False, timeout=2)

    def _saved(self, name: str, text: str) -> None:
        if self.view is not None:
            self.view.saved[name] = text
            self.refresh_shelves()
        self.notify(f"Saved search: {clean_line(name)}", markup=False, timeout=2)
