"""Messages the main screen's widgets post (past-tense events)."""

from __future__ import annotations

from textual.message import Message


class NoteDone(Message):
    """The note editor was left: `text` is the note to save for `paper_id`."""

    def __init__(self, paper_id: str, text: str) -> None:
        super().__init__()
        self.paper_id = paper_id
        self.text = text


class RelatedChosen(Message):
    """A related paper was picked in the detail pane."""

    def __init__(self, paper_id: str) -> None:
        super().__init__()
        self.paper_id = paper_id


class ReadingRequested(Message):
    """The reader asked to read the paper shown (enter on the detail pane)."""
