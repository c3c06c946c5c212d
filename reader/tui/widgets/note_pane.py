"""The note beside the text: the paper's note, edited in place. The editor keeps a
draft of what is typed (reader.tui.widgets.note); leaving it hands the note to the
screen to save (`NoteEdited`), and the screen reports what the library then holds
(`stored`), which may be merged with a change made elsewhere meanwhile."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from reader.text import sanitize
from reader.tui.widgets.messages import NoteDone
from reader.tui.widgets.note import NoteEditor


class NotePane(Vertical):
    class NoteEdited(Message):
        """The note of `paper_id` is now `text` (to be saved); the library held `base`
        when this edit began (a change made elsewhere meanwhile is kept beside it)."""

        def __init__(self, paper_id: str, text: str, base: str) -> None:
            super().__init__()
            self.paper_id = paper_id
            self.text = text
            self.base = base

    class NoteStored(Message):
        """The library now holds `note` for the paper (after a save from here)."""

        def __init__(self, note: str) -> None:
            super().__init__()
            self.note = note

    def __init__(self, paper_id: str, note: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.editor = NoteEditor(id="reading-note", soft_wrap=True)
        self.editor.open_note(paper_id, note, note)
        self.saved = note
        """The text last handed over to be saved."""

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Note · e edits, esc leaves", "bold $text-accent"),
                     id="note-title")
        yield self.editor

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
        """(the note, the stored note it replaces) when it changed since it was last
        taken (then it counts as saved)."""
        text = self.editor.hand_over()
        if text.strip() == self.saved.strip():
            return None
        self.saved = text
        return text, self.editor.original or ""

    @on(NoteStored)
    def _stored(self, event: NoteStored) -> None:
        """Nothing typed since the save: show what the library holds (both texts when
        it merged). Typed since: the next save is based on our own text, so the
        library's other text is merged again rather than replaced."""
        event.stop()
        if sanitize(self.editor.text).strip() != self.saved.strip():  # typed since
            self.editor.original = self.saved
            return
        if event.note.strip() != self.saved.strip():
            self.editor.open_note(self.editor.paper_id, event.note, event.note)
        else:
            self.editor.original = event.note
        self.saved = event.note
