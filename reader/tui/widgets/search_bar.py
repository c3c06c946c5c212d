"""The main screen's search field: hidden until `/`, it posts `QueryChanged` as the
query is typed and `QuerySubmitted` on enter.

It owns the throttle: a query is sent at every key while filtering is quick; after
a slow filter (the screen sets `filter_cost`, in seconds) the next one waits a
moment and the keys typed meanwhile are sent as one query.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

FILTER_DELAY = 0.12
"""After a slow filter, the next one waits this long (keys meanwhile are merged)."""
FAST_FILTER = 0.016
"""A filter this quick (a frame) runs at every key, unthrottled."""
PLACEHOLDER = ('words "a phrase" -not status:to-read tag:x rating:>=4 year:2024 '
               "author:x has:note sort:year|foryou (? lists it all)")


class SearchBar(Input):
    """The query typed on the main screen (id `search`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Keep the results"),  # named in the footer
    ]

    class QueryChanged(Message):
        """The query to filter the list by is now `query`."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class QuerySubmitted(Message):
        """enter in the field: `query` is the query as typed to the end."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(self) -> None:
        super().__init__(placeholder=PLACEHOLDER, id="search", compact=True)
        self.display = False
        self.filter_cost = 0.0
        """Seconds the last filter took (the screen measures it)."""
        self._typed = ""
        """The value of the last change seen."""
        self._sent = ""
        """The last query sent."""
        self._timer: Timer | None = None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._typed = event.value
        if self._timer is None:  # filter at once; throttle only when it was slow
            self._send()
            self._throttle()

    def _send(self) -> None:
        self._sent = self._typed
        self.post_message(self.QueryChanged(self._typed))

    def _throttle(self) -> None:
        if self.filter_cost > FAST_FILTER:
            self._timer = self.set_timer(FILTER_DELAY, self._tick)

    def _tick(self) -> None:
        self._timer = None
        if self._typed != self._sent:
            self._send()
            self._throttle()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.QuerySubmitted(self._typed))

    def clear_query(self) -> None:
        """Empty and hide the field (no QueryChanged: the caller lists again)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        with self.prevent(Input.Changed):
            self.value = ""
        self.display = False
        self._typed = self._sent = ""
