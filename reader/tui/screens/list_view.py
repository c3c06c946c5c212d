"""What the main screen's paper list shows: the papers of a shelf for a query and
a sort, the line under the search bar (errors, hints, why nothing is shown), the
list's title; and the filter run in a worker, whose result is `ListFiltered`."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from reader.model import Entry
from reader.tui.render import safe
from reader.tui.state import SORTS, LibraryView, Shelf
from reader.tui.widgets import DetailPane, PaperList, ShelfList

if TYPE_CHECKING:
    from reader.search import Query
    from reader.tui.screens.main import MainScreen

_STATUS_TERM = re.compile(r"(?:^|\s)-?status:", re.IGNORECASE)
"""A `status:` term in a query: it searches All, whatever the shelf."""


class ListFiltered(Message):
    """A filter worker found `ids` for `text` on `view` (in `cost` seconds);
    `elsewhere`: how many All has when the shelf has none."""

    def __init__(self, view: LibraryView, text: str, ids: list[str], query: Query | None,
                 elsewhere: int, cost: float, keep: str | None) -> None:
        super().__init__()
        self.view, self.text, self.ids, self.query = view, text, ids, query
        self.elsewhere, self.cost, self.keep = elsewhere, cost, keep


def search_shelf(screen: MainScreen) -> Shelf:
    """The shelf a query runs on: the current one, or All when the query has a
    `status:` term (a status filter on a status shelf would find nothing)."""
    assert screen.view is not None
    if _STATUS_TERM.search(screen.query_text):
        return screen.view.shelf("all")
    return screen.view.shelf(screen.shelf_key)


def for_you(screen: MainScreen) -> bool:
    """Whether the list is in the for-you order (the detail pane says why)."""
    return screen.view is not None and screen.view.sorts_for_you(
        screen.sort, search_shelf(screen).query + " " + screen.query_text)


def filter_list(view: LibraryView, shelf: Shelf, text: str, sort: str,
                keep: str | None = None) -> ListFiltered | None:
    """In a worker: the papers `text` finds on `shelf` (None: the view changed
    meanwhile; the next refresh covers it)."""
    start = time.perf_counter()
    try:
        ids, query = view.visible(shelf, text, sort)
        # nothing here: count All too, in this worker, not on the UI thread
        elsewhere = 0 if ids else count_on_all(view, shelf, text)
    except RuntimeError:
        return None
    return ListFiltered(view, text, ids, query, elsewhere, time.perf_counter() - start, keep)


def count_on_all(view: LibraryView, shelf: Shelf, text: str) -> int:
    """How many papers of the whole library `text` finds (0 on All itself)."""
    if shelf.key == "all" or not text.strip():
        return 0
    try:
        return len(view.visible(view.shelf("all"), text)[0])
    except RuntimeError:
        return 0


def refresh_list(screen: MainScreen, keep: str | None = None) -> None:
    """List the shelf again (the for-you order is computed in a worker)."""
    from reader.tui.screens import early_list as early

    view = screen.view
    if view is None or view.index is None:
        if screen.query_text and early.early_filter(screen):
            return  # a big library not indexed yet: the early search answers
        if view is None:
            early.withdrawn(screen)
            return
    shelf = screen.search_shelf()
    if view.sorts_for_you(screen.sort, shelf.query + " " + screen.query_text):
        screen.query_one(PaperList).border_subtitle = Content.styled(
            "ordering for you…", "$text-muted")
        from reader.tui.screens.search import filter_in_worker

        filter_in_worker(screen, view, shelf, keep)
        return
    ids, query = view.visible(shelf, screen.query_text, screen.sort)
    show_ids(screen, ids, query, keep)


def show_ids(screen: MainScreen, ids: list[str], query: Query | None,
             keep: str | None = None, *, elsewhere: int | None = None) -> None:
    """Show `ids` (found by `query`), the cursor on `keep` if it is among them."""
    papers = screen.query_one(PaperList)
    remember_layout(screen)
    keep = keep if keep is not None else papers.current_id
    screen.search_query = query
    screen.query_one(DetailPane).search_query = query
    papers.show(ids, keep)
    if papers.current_id is not None and papers.current_id == keep:
        # same paper, new search terms (in the for-you order: its reason, anew)
        screen.show_detail(keep)
    errors = screen.query_one("#query-errors", Static)
    problems = list(query.errors) if query is not None else []
    screen.elsewhere = False
    notes = list(query.notes) if query is not None else []
    view = screen.view
    if problems:
        text = "could not understand: " + "; ".join(safe(p) for p in problems)
    elif notes and ids:
        text = "; ".join(safe(n) for n in notes)
    elif (screen.query_text and view is not None and view.index is None
          and screen.early_text != screen.query_text):
        text = "indexing the library… (the search applies when it is ready)"
    else:
        text = "" if ids else _elsewhere_hint(screen, elsewhere)
        screen.elsewhere = bool(text)
    style = "$text-warning"
    if not ids and not text and view is not None and len(view):
        from reader.tui.empty import empty_hint

        text, style = empty_hint(view, screen.search_shelf(), query), "$text-muted"
    errors.display = bool(text)
    errors.update(Content.styled(text, style))
    update_title(screen)


def _elsewhere_hint(screen: MainScreen, count: int | None = None) -> str:
    """When a query finds nothing on the shelf, how many it finds on All
    (`count` when the filter worker already counted them)."""
    view = screen.view
    if view is None:
        return ""
    shelf = screen.search_shelf()
    if count is None:
        count = count_on_all(view, shelf, screen.query_text)
    if not count:
        return ""
    return f"0 in {safe(shelf.label)} · {count:,} in All — enter shows them"


def update_title(screen: MainScreen) -> None:
    """The list's title (shelf, count, selection, sort) and its subtitle."""
    view = screen.view
    papers = screen.query_one(PaperList)
    if view is None:
        from reader.tui.screens.early_list import title

        title(screen)  # over an early answer
        return
    shelf = screen.search_shelf()
    count = len(papers.ids)
    parts: list[str | tuple[str, str]] = [
        (safe(shelf.label), "bold"), f" · {count:,} paper{'s' if count != 1 else ''}"]
    selected = len(papers.selected_ids)
    if selected:
        parts.append((f" · {selected:,} selected", "bold $text-accent"))
    if screen.sort != "default":
        parts.append((f" · by {screen.sort}", "$text-muted"))
    if screen.query_one("#body").has_class("-narrow"):
        parts.append((" · [ ] shelf", "$text-muted"))  # no sidebar at this width
    papers.border_title = Content.assemble(*parts)
    if len(view) == 0:
        papers.border_subtitle = Content("empty library: reader import FILE")
    elif screen.progress:
        papers.border_subtitle = Content.styled(screen.progress, "$text-accent")
    else:
        papers.border_subtitle = None


def remember_layout(screen: MainScreen) -> None:
    """The terminal's size and the list's row width, for the first-screen cache."""
    papers = screen.query_one(PaperList)
    if papers.size.width:
        size = screen.app.size
        screen.controller.list_layout = (size.width, size.height, papers.row_width)


# view commands ----------------------------------------------------------------
def move(screen: MainScreen, delta: int) -> None:
    """j and k: the list's cursor (the list takes the focus)."""
    papers = screen.query_one(PaperList)
    if not papers.has_focus:
        screen.set_focus(papers)
    if delta > 0:
        papers.action_cursor_down()
    else:
        papers.action_cursor_up()


def next_shelf(screen: MainScreen, delta: int) -> None:
    """[ and ]: the previous or next shelf."""
    view = screen.view
    if view is None:
        return
    keys = [shelf.key for shelf, _ in view.shelves()]
    index = keys.index(screen.shelf_key) if screen.shelf_key in keys else 0
    screen.set_shelf(keys[(index + delta) % len(keys)])


def set_sort(screen: MainScreen, sort: str) -> None:
    screen.sort = sort
    screen.refresh_list()
    screen.notify(f"Sorted by {sort}", markup=False, timeout=1.5)


def cycle_sort(screen: MainScreen) -> None:
    """S: the next order."""
    set_sort(screen, SORTS[(SORTS.index(screen.sort) + 1) % len(SORTS)])


def toggle_sidebar(screen: MainScreen) -> None:
    shelves = screen.query_one(ShelfList)
    shelves.display = not shelves.display


def visible_entries(screen: MainScreen) -> list[Entry]:
    """The papers the list shows, in list order."""
    view = screen.view
    if view is None:
        return []
    return [view.entries[pid] for pid in screen.query_one(PaperList).ids
            if pid in view.entries]


def entry(screen: MainScreen, pid: str) -> Entry | None:
    """A paper as shown now (from the first-screen cache while loading)."""
    if screen.view is not None:
        return screen.view.entries.get(pid)
    return screen.preview.get(pid)


def current_entry(screen: MainScreen) -> Entry | None:
    """The highlighted paper (None while loading)."""
    pid = screen.query_one(PaperList).current_id
    if pid is None or screen.view is None:
        return None
    return screen.view.entries.get(pid)


def library_entries(screen: MainScreen) -> list[Entry]:
    """Every paper of the library, in library order (empty while loading)."""
    view = screen.view
    return [] if view is None else [view.entries[pid] for pid in view.order]
