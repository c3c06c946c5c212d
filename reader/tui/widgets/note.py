"""The in-app note editor (imported on first use: TextArea is heavy to import)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import TextArea

from reader.tui.widgets.messages import NoteDone


class NoteEditor(TextArea):
    """The note, edited in place; saved when it loses focus (or on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Save note", id="note.done"),
    ]

    paper_id: str = ""
    original: str | None = None
    """The note as stored when the editor opened (to notice a change made elsewhere)."""

    def action_done(self) -> None:
        self.screen.focus_next()  # leaving the editor saves (see _on_blur)

    def _on_blur(self, event: events.Blur) -> None:
        if self.display:
            self.post_message(NoteDone(self.paper_id, self.text, self.original))
