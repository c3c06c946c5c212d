"""Messages the main screen's widgets post (past-tense events)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.model import Entry


class NoteDone(Message):
    """The note editor was left: `text` is the note to save for `paper_id`;
    `original` the note as it was when the editor opened."""

    def __init__(self, paper_id: str, text: str, original: str | None = None) -> None:
        super().__init__()
        self.paper_id = paper_id
        self.text = text
        self.original = original


class NoteNotSaved(Message):
    """Saving a note failed: the text goes back into the editor; `rescued` is the
    file a copy was written to (None when no folder took it)."""

    def __init__(self, paper_id: str, text: str, original: str | None, error: str,
                 rescued: Path | None) -> None:
        super().__init__()
        self.paper_id = paper_id
        self.text = text
        self.original = original
        self.error = error
        self.rescued = rescued


class RelatedChosen(Message):
    """A related paper was picked in the detail pane."""

    def __init__(self, paper_id: str) -> None:
        super().__init__()
        self.paper_id = paper_id


class ReadingRequested(Message):
    """The reader asked to read the paper shown (enter on the detail pane)."""


class PapersAdded(Message):
    """Papers were added outside an import (a cited paper, from the reading screen):
    the main screen shows them."""

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries
