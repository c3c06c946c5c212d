"""What the paper list tells the screen (`PaperList.Selected`, ...): past-tense
messages, handled as `on_paper_list_<name>` like any widget's own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.tui.widgets.paper_list import PaperList


class Resized(Message, namespace="paper_list"):
    """The list was laid out at a new size (the screen remembers the row width)."""

class PaperHighlighted(Message, namespace="paper_list"):
    """The highlighted paper changed (None: the list is empty)."""

    def __init__(self, paper_id: str | None) -> None:
        super().__init__()
        self.paper_id = paper_id

class SelectionChanged(Message, namespace="paper_list"):
    """Papers were selected or let go; `count` papers are selected now."""

    def __init__(self, paper_list: PaperList, count: int) -> None:
        super().__init__()
        self.paper_list = paper_list
        self.count = count

    @property
    def control(self) -> PaperList:
        return self.paper_list

class Selected(Message, namespace="paper_list"):
    """Enter or a click on a paper: the screen shows its detail."""

    def __init__(self, paper_list: PaperList, paper_id: str) -> None:
        super().__init__()
        self.paper_list = paper_list
        self.paper_id = paper_id

    @property
    def control(self) -> PaperList:
        return self.paper_list
