"""The detail pane's side of the main screen: which paper it shows, when, and
its related papers (computed in a worker once the cursor rests on a paper)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.screen import Screen
from textual.timer import Timer

from reader.model import Entry
from reader.tui.state import LibraryView
from reader.tui.widgets import DetailPane, PaperList, ShelfList
from reader.tui.widgets.messages import RelatedChosen

if TYPE_CHECKING:
    from reader.search import Query
    from reader.tui.app import ReaderApp

DETAIL_DELAY = 0.15
"""While a query is typed, the detail pane follows the list after this pause."""
RELATED_DELAY = 0.3
"""Related papers are computed once the cursor rests this long on a paper."""
MIN_RELATED = 0.01
"""Related papers scoring less are noise, not shown."""


class DetailMixin(Screen[None]):
    """Mixed into MainScreen, which provides the view, `_entry` and the list refresh."""

    app: ReaderApp
    if TYPE_CHECKING:
        @property
        def view(self) -> LibraryView | None: ...
    shelf_key: str
    search_query: Query | None
    _detail_timer: Timer | None
    _related_timer: Timer | None

    if TYPE_CHECKING:
        def _entry(self, pid: str) -> Entry | None: ...
        def _clear_search(self) -> None: ...
        def _for_you(self) -> bool: ...
        def refresh_list(self, keep: str | None = None) -> None: ...
        @property
        def typing_query(self) -> bool: ...

    @on(PaperList.PaperHighlighted)
    def _paper_highlighted(self, event: PaperList.PaperHighlighted) -> None:
        if event.paper_id is None:
            if self._detail_timer is not None:  # a paper the list no longer shows
                self._detail_timer.stop()
                self._detail_timer = None
            self.query_one(DetailPane).show(None, None)
        else:
            self.show_detail(event.paper_id)

    def show_detail(self, pid: str, *, related: bool = True) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if self.typing_query:
            # while typing, the list is redrawn first and the detail a moment later
            self._detail_timer = self.set_timer(
                DETAIL_DELAY, lambda: self._show_detail_now(pid, related))
        else:
            self._show_detail_now(pid, related)

    def _show_detail_now(self, pid: str, related: bool) -> None:
        self._detail_timer = None
        entry = self._entry(pid)
        detail = self.query_one(DetailPane)
        if entry is None or detail.editing:
            return
        detail.show(entry, self.search_query)
        if related:
            detail.set_related([])
            if self._related_timer is not None:
                self._related_timer.stop()
            self._related_timer = self.set_timer(RELATED_DELAY, lambda: self._related(pid))

    def _related(self, pid: str) -> None:
        view = self.view
        if self.typing_query:
            return  # typing a query: keep the CPU for the filter (shown on leaving)
        if view is not None and view.index is not None:
            self._related_worker(view, pid, self._for_you())

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def _related_worker(self, view: LibraryView, pid: str, for_you: bool = False) -> None:
        reason = ""
        try:
            assert view.index is not None
            pairs = view.index.related(pid, 10)
            if for_you:
                reason = view.index.for_you_reason(pid)
        except Exception:  # related papers are a bonus; never crash for them
            return
        rows = [(rid, view.entries[rid].paper.title, score)
                for rid, score in pairs
                if rid in view.entries and rid != pid and score >= MIN_RELATED]
        self.app.call_from_thread(self._show_related, pid, rows, reason)

    def _show_related(self, pid: str, rows: list[tuple[str, str, float]],
                      reason: str = "") -> None:
        if self.query_one(PaperList).current_id == pid:
            detail = self.query_one(DetailPane)
            detail.set_related(rows)
            detail.set_reason(reason)

    @on(RelatedChosen)
    def _related_chosen(self, event: RelatedChosen) -> None:
        self.shelf_key = "all"
        self.query_one(ShelfList).select_key("all")
        self._clear_search()
        self.refresh_list(keep=event.paper_id)
        self.query_one(PaperList).focus()
