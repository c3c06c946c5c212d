"""The main screen's list before the library is loaded: the early search's answer
(a big library: `controller.early`) to the query typed, until the full index
answers; the first rows again when it cannot answer (a phrase, an author...)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.worker import get_current_worker

from reader.tui.state import STATUS_SHELVES
from reader.tui.widgets import PaperList

if TYPE_CHECKING:
    from reader.early_search import EarlySearch
    from reader.model import Entry
    from reader.search import Query
    from reader.tui.screens.main import MainScreen

_STATUS_TERM = re.compile(r"(?:^|\s)-?status:", re.IGNORECASE)
"""A `status:` term in a query: it searches All, whatever the shelf (as list_view's)."""


class EarlyListFiltered(Message):
    """The early search found `ids` for `text` (`entries`: the first ones, to show)."""

    def __init__(self, early: EarlySearch, text: str, ids: list[str], query: Query,
                 elsewhere: int, entries: list[Entry]) -> None:
        super().__init__()
        self.early, self.text, self.ids, self.query = early, text, ids, query
        self.elsewhere, self.entries = elsewhere, entries


class EarlyListMissed(Message):
    """The early search could not answer `text` after all (it needs the papers' text)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def early_filter(screen: MainScreen) -> bool:
    """Before the search index exists: run the query on the early search, when it
    answers it (the same answer as the index, sooner). False: it does not."""
    early, view = screen.controller.early, screen.view
    if early is None or (view is not None and view.index is not None):
        return False
    text = screen.query_text
    shelf_key = "all" if _STATUS_TERM.search(text) else screen.shelf_key
    if screen.sort != "default" or not early.answers(shelf_key, text):
        return False

    def run() -> None:
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
        if found is None:
            screen.post_message(EarlyListMissed(text))
        else:
            screen.post_message(EarlyListFiltered(early, text, *found, entries))

    screen.run_worker(run, thread=True, exclusive=True, group="filter", exit_on_error=False)
    return True


def filtered(screen: MainScreen, event: EarlyListFiltered) -> None:
    view = screen.view
    if (event.early is not screen.controller.early or event.text != screen.query_text
            or (view is not None and view.index is not None)):
        return  # another query since, or the full index answers now
    screen.preview.update((e.paper.id, e) for e in event.entries)
    screen.early_text = event.text
    screen.show_ids(event.ids, event.query, elsewhere=event.elsewhere)


def missed(screen: MainScreen, event: EarlyListMissed) -> None:
    if event.text == screen.query_text:
        withdrawn(screen)


def withdrawn(screen: MainScreen) -> None:
    """Before the load, a query the early search does not answer (or none) follows
    one it answered: the first rows again, until the library is loaded."""
    if screen.early_text is None or screen.view is not None:
        return
    screen.early_text = None
    papers = screen.query_one(PaperList)
    papers.show(list(screen.first_rows))
    papers.border_title = Content.assemble(("Inbox", "bold"), " · loading…")


def search_ready(screen: MainScreen) -> None:
    """The early search is ready: a query typed before runs on it."""
    if screen.query_text:
        early_filter(screen)


def title(screen: MainScreen) -> None:
    """The list's title over an early answer (no view yet): the shelf and the count."""
    if screen.early_text is None or screen.early_text != screen.query_text:
        return
    papers = screen.query_one(PaperList)
    count = len(papers.ids)
    label = {s.key: s.label for s in STATUS_SHELVES}.get(screen.shelf_key, "")
    papers.border_title = Content.assemble(
        (label or "#" + screen.shelf_key[4:], "bold"),
        f" · {count:,} paper{'s' if count != 1 else ''}")
