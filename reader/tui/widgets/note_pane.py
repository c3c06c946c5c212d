"""The note beside the text: the paper's note, edited in place and saved a moment
after typing stops, and when the editor is left (`NoteEdited`)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from reader.text import sanitize
from reader.tui.widgets.messages import NoteDone
from reader.tui.widgets.note import NoteEditor

SAVE_DELAY = 1.0
"""Seconds after the last keystroke before the note is saved."""


class NotePane(Vertical):
    class NoteEdited(Message):
        """The note of `paper_id` is now `text` (to be saved); it was `base` when this
        edit began (a change made elsewhere meanwhile is kept beside it)."""

        def __init__(self, paper_id: str, text: str, base: str) -> None:
            super().__init__()
            self.paper_id = paper_id
            self.text = text
            self.base = base

    def __init__(self, paper_id: str, note: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.editor = NoteEditor(note, id="reading-note", soft_wrap=True)
        self.editor.paper_id = paper_id
        self.saved = note
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Note · e edits, esc leaves", "bold $text-accent"),
                     id="note-title")
        yield self.editor

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self.flush)

    @on(NoteDone)
    def _done(self, event: NoteDone) -> None:
        event.stop()
        self.flush()

    def flush(self) -> None:
        """Post the note when it differs from the last one posted."""
        taken = self.take()
        if taken is not None:
            self.post_message(self.NoteEdited(self.editor.paper_id, *taken))

    def take(self) -> tuple[str, str] | None:
        """(the note, the note it replaces) when it changed since it was last taken
        (then it counts as saved)."""
        if self._timer is not None:
            self._timer.stop()
        text = sanitize(self.editor.text)
        if text.strip() == self.saved.strip():
            return None
        base, self.saved = self.saved, text
        return text, base
