"""The find line of the reading screen (search in the paper's text): hidden until `/`,
posts `Searched` on enter and hides again (escape hides it without searching)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from reader.text import clean_line


class FindBar(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False, id="reading.search_cancel"),
    ]

    class Searched(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def on_mount(self) -> None:
        self.display = False

    def open(self) -> None:
        self.display = True
        # at once, not through focus() (queued behind the keys already typed: they
        # would run as the reading screen's keys)
        self.screen.set_focus(self)

    def action_cancel(self) -> None:
        self.display = False
        self.screen.focus_next()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.display = False
        self.post_message(self.Searched(clean_line(event.value)))
