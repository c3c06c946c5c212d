"""Search on the main screen: "/" opens the search bar (mounted after the first
paint), each `QueryChanged` filters the list in a worker (`ListFiltered` brings
the result), enter keeps the result and goes back to the list, escape clears."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from reader.tui.screens import early_list as early
from reader.tui.screens.list_view import ListFiltered, filter_list
from reader.tui.state import LibraryView, Shelf
from reader.tui.widgets import PaperList, ShelfList
from reader.tui.widgets.messages import RelatedChosen
from reader.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from reader.tui.screens.main import MainScreen


def search_bar(screen: MainScreen) -> SearchBar | None:
    """The search bar; None until mounted (after the first paint)."""
    for bar in screen.query(SearchBar):
        return bar
    return None


def make_search_bar(screen: MainScreen) -> None:
    """Mount the (hidden) search bar, unless it is there. The screen calls it after
    its first paint (not in it: one widget and its CSS less), so "/" finds it
    mounted and the keys typed right after "/" all reach it."""
    from textual.widget import MountError

    if search_bar(screen) is None:
        with contextlib.suppress(MountError):  # the app is closing (a library that cannot open)
            screen.query_one("#center").mount(SearchBar(), before=0)


def open_search(screen: MainScreen) -> None:
    """/: show the search bar and type in it."""
    make_search_bar(screen)  # "/" in the very first frame: not awaited (a key's
    bar = search_bar(screen)  # handler that awaits a mount can stall the app)
    if bar is not None:
        bar.display = True
        # at once, not through focus() (a callback queued behind the keys
        # already typed: they would reach the list and run its bindings)
        screen.set_focus(bar)


def query_changed(screen: MainScreen, event: SearchBar.QueryChanged) -> None:
    screen.query_text = event.query
    if early.early_filter(screen):  # a big library not indexed yet: answered early
        return
    if screen.view is not None:  # filtered off the UI thread; only the latest is shown
        filter_in_worker(screen, screen.view, screen.search_shelf())
    else:
        early.withdrawn(screen)


def filter_in_worker(screen: MainScreen, view: LibraryView, shelf: Shelf,
                     keep: str | None = None) -> None:
    """Filter the list in a worker (a newer filter cancels an older one)."""
    text, sort = screen.query_text, screen.sort

    def run() -> None:
        filtered = filter_list(view, shelf, text, sort, keep)
        if filtered is not None and not get_current_worker().is_cancelled:
            screen.post_message(filtered)

    screen.run_worker(run, thread=True, exclusive=True, group="filter", exit_on_error=False)


def list_filtered(screen: MainScreen, event: ListFiltered) -> None:
    bar = search_bar(screen)
    if bar is not None:
        bar.filter_cost = event.cost  # it throttles the next query when this was slow
    if event.view is screen.view and event.text == screen.query_text:
        screen.show_ids(event.ids, event.query, event.keep, elsewhere=event.elsewhere)


def query_submitted(screen: MainScreen, event: SearchBar.QuerySubmitted) -> None:
    papers = screen.query_one(PaperList)
    if event.query != screen.query_text:  # typed after the last filter: apply it
        screen.query_text = event.query
        screen.refresh_list()
    if screen.elsewhere:
        screen.set_shelf("all")  # nothing here, some on All: enter goes there
    screen.set_focus(papers)
    if papers.current_id is not None:
        screen.show_detail(papers.current_id)


def back_to_list(screen: MainScreen) -> None:
    """escape: leave the search (cleared), back to the list; on the list, let
    the selected papers go."""
    bar = search_bar(screen)
    papers = screen.query_one(PaperList)
    if bar is not None and (bar.has_focus or bar.value):
        clear_search(screen)
        screen.refresh_list()
    elif papers.has_focus:
        papers.clear_selection()
    screen.set_focus(papers)


def clear_search(screen: MainScreen) -> None:
    bar = search_bar(screen)
    if bar is not None:
        bar.clear_query()
    screen.query_text = ""


def related_chosen(screen: MainScreen, event: RelatedChosen) -> None:
    """A related paper picked in the detail pane: shown on All, search cleared."""
    screen.shelf_key = "all"
    screen.query_one(ShelfList).select_key("all")
    clear_search(screen)
    screen.refresh_list(keep=event.paper_id)
    screen.query_one(PaperList).focus()
