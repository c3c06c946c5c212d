"""Search on the main screen: the query input, its throttled filter, hints."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from reader.tui.render import safe
from reader.tui.state import LibraryView, Shelf
from reader.tui.widgets import PaperList

if TYPE_CHECKING:
    from textual.widget import AwaitMount
    from textual.widgets import Input

    from reader.early_search import EarlySearch
    from reader.model import Entry
    from reader.search import Query
    from reader.tui.app import ReaderApp
    from reader.tui.controller import LibraryController

FILTER_DELAY = 0.12
"""After a slow filter, the next one waits this long (keys meanwhile are merged)."""
FAST_FILTER = 0.016
"""A filter this quick (a frame) runs at every key, unthrottled."""
PLACEHOLDER = ('words "a phrase" -not status:to-read tag:x rating:>=4 year:2024 '
               "author:x has:note sort:year|foryou (? lists it all)")


class SearchMixin(Screen[None]):
    """Mixed into MainScreen, which provides `_show_ids` and `refresh_list`."""

    app: ReaderApp
    if TYPE_CHECKING:
        @property
        def view(self) -> LibraryView | None: ...
    shelf_key: str
    sort: str
    query_text: str
    _filter_timer: Timer | None
    _pending_query: str
    elsewhere: bool
    filter_cost: float
    """Seconds the last filter took (its worker measures it)."""
    controller: LibraryController
    _preview: dict[str, Entry]
    early_text: str | None = None
    """The query whose early answer (no search index yet) the list shows."""
    first_rows: tuple[str, ...] = ()
    """The rows shown before the library is loaded (the cached first screen)."""

    if TYPE_CHECKING:
        def refresh_list(self, keep: str | None = None) -> None: ...
        def _update_title(self) -> None: ...
        def set_shelf(self, key: str) -> None: ...
        def show_detail(self, pid: str, *, related: bool = True) -> None: ...
        def _show_ids(self, ids: list[str], query: Query | None,
                      keep: str | None = None, *, elsewhere: int | None = None) -> None: ...

    def search_shelf(self) -> Shelf:
        """The shelf a query runs on: the current one, or All when the query has a
        `status:` term (a status filter on a status shelf would find nothing)."""
        assert self.view is not None
        if _STATUS_TERM.search(self.query_text):
            return self.view.shelf("all")
        return self.view.shelf(self.shelf_key)

    def _elsewhere_hint(self, count: int | None = None) -> str:
        """When a query finds nothing on the shelf, how many it finds on All
        (`count` when the filter worker already counted them)."""
        view = self.view
        if view is None:
            return ""
        shelf = self.search_shelf()
        if count is None:
            count = _count_on_all(view, shelf, self.query_text)
        if not count:
            return ""
        return f"0 in {safe(shelf.label)} · {count:,} in All — enter shows them"

    # search --------------------------------------------------------------
    def search_input(self) -> Input | None:
        """The query field; None until the first "/" (it is made then: one widget
        and its CSS less for the first paint)."""
        for widget in self.query("#search"):
            return widget  # type: ignore[return-value]
        return None

    @property
    def typing_query(self) -> bool:
        search = self.search_input()
        return search is not None and search.has_focus

    def make_search_input(self) -> AwaitMount | None:
        """Mount the (hidden) query field, unless it is there. The screen calls it
        after its first paint (not in it), so "/" finds it mounted and the keys
        typed right after "/" all reach it."""
        if self.search_input() is not None:
            return None
        from textual.widget import MountError
        from textual.widgets import Input

        search = Input(placeholder=PLACEHOLDER, id="search", compact=True)
        search.display = False
        try:
            return self.query_one("#center").mount(search, before=0)
        except MountError:  # the app is closing (a library that cannot open)
            return None

    def action_search(self) -> None:
        self.make_search_input()  # "/" in the very first frame: not awaited (a key's
        search = self.search_input()  # handler that awaits a mount can stall the app)
        if search is not None:
            search.display = True
            # at once, not through focus() (a callback queued behind the keys
            # already typed: they would reach the list and run its bindings)
            self.set_focus(search)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        event.stop()
        self._pending_query = event.value
        if self._filter_timer is None:  # filter at once; throttle only when it was slow
            self._apply_filter()
            self._throttle()

    def _throttle(self) -> None:
        if self.filter_cost > FAST_FILTER:
            self._filter_timer = self.set_timer(FILTER_DELAY, self._filter_tick)

    def _filter_tick(self) -> None:
        self._filter_timer = None
        if self._pending_query != self.query_text:
            self._apply_filter()
            self._throttle()

    def _apply_filter(self) -> None:
        """Filter off the UI thread; only the latest query's result is shown."""
        self.query_text = self._pending_query
        view = self.view
        if self.early_filter():
            return
        if view is None:
            self.early_withdrawn()
        else:
            self._filter_worker(view, self.search_shelf(), self.query_text, self.sort)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _filter_worker(self, view: LibraryView, shelf: Shelf, text: str, sort: str,
                       keep: str | None = None) -> None:
        start = time.perf_counter()
        try:
            ids, query = view.visible(shelf, text, sort)
            # nothing here: count All too, in this worker, not on the UI thread
            elsewhere = 0 if ids else _count_on_all(view, shelf, text)
        except RuntimeError:  # the view changed under us; the next refresh covers it
            return
        cost = time.perf_counter() - start
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filtered, view, text, ids, query, elsewhere, cost,
                                      keep)

    def _filtered(self, view: LibraryView, text: str, ids: list[str],
                  query: Query | None, elsewhere: int, cost: float,
                  keep: str | None = None) -> None:
        self.filter_cost = cost
        if view is self.view and text == self.query_text:
            self._show_ids(ids, query, keep, elsewhere=elsewhere)

    def early_filter(self) -> bool:
        """Before the search index exists: run the query on the early search of a big
        library, when it answers it (the same answer as the index, sooner)."""
        early, view = self.controller.early, self.view
        if early is None or (view is not None and view.index is not None):
            return False
        shelf_key = "all" if _STATUS_TERM.search(self.query_text) else self.shelf_key
        if self.sort != "default" or not early.answers(shelf_key, self.query_text):
            return False
        self._early_worker(early, shelf_key, self.query_text)
        return True

    def early_withdrawn(self) -> None:
        """Before the load, a query the early search does not answer (or none) follows
        one it answered: the first rows again, until the library is loaded."""
        if self.early_text is None or self.view is not None:
            return
        self.early_text = None
        papers = self.query_one(PaperList)
        papers.show(list(self.first_rows))
        papers.border_title = Content.assemble(("Inbox", "bold"), " · loading…")

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _early_worker(self, early: EarlySearch, shelf_key: str, text: str) -> None:
        from reader.early_search import SHOWN
        from reader.errors import ReaderError

        try:
            found = early.visible(shelf_key, text)
            entries = early.glance.entries(found[0][:SHOWN]) if found is not None else []
        except ReaderError:  # the catalogue changed: its load answers
            return
        except (RuntimeError, KeyError):  # a filter started since shares its caches
            return
        if get_current_worker().is_cancelled:
            return
        if found is None:  # it needs the papers' text after all: wait for the load
            self.app.call_from_thread(self._early_missed, text)
        else:
            self.app.call_from_thread(self._early_filtered, early, text, *found, entries)

    def _early_missed(self, text: str) -> None:
        if text == self.query_text:
            self.early_withdrawn()

    def _early_filtered(self, early: EarlySearch, text: str, ids: list[str], query: Query,
                        elsewhere: int, entries: list[Entry]) -> None:
        view = self.view
        if (early is not self.controller.early or text != self.query_text
                or (view is not None and view.index is not None)):
            return  # another query since, or the index answers now
        self._preview.update((e.paper.id, e) for e in entries)
        self.early_text = text
        self._show_ids(ids, query, elsewhere=elsewhere)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        event.stop()
        papers = self.query_one(PaperList)
        if self._pending_query != self.query_text:  # typed after the last filter: apply it
            self.query_text = self._pending_query
            self.refresh_list()
        if self.elsewhere:
            self.set_shelf("all")  # nothing here, some on All: enter goes there
        self.set_focus(papers)
        if papers.current_id is not None:
            self.show_detail(papers.current_id)

    def action_back_to_list(self) -> None:
        """escape: leave the search (cleared), back to the list; on the list, let
        the selected papers go."""
        search = self.search_input()
        papers = self.query_one(PaperList)
        if search is not None and (search.has_focus or search.value):
            self._clear_search()
            self.refresh_list()
        elif papers.has_focus:
            papers.clear_selection()
        self.set_focus(papers)

    def _clear_search(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        search = self.search_input()
        if search is not None:
            with search.prevent(type(search).Changed):
                search.value = ""
            search.display = False
        self._pending_query = self.query_text = ""


def _count_on_all(view: LibraryView, shelf: Shelf, text: str) -> int:
    """How many papers of the whole library `text` finds (0 on All itself)."""
    if shelf.key == "all" or not text.strip():
        return 0
    try:
        return len(view.visible(view.shelf("all"), text)[0])
    except RuntimeError:
        return 0


_STATUS_TERM = re.compile(r"(?:^|\s)-?status:", re.IGNORECASE)
"""A `status:` term in a query: it searches All, whatever the shelf."""
