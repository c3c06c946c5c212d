"""The in-app note editor (imported on first use: TextArea is heavy to import).

It owns the durability of what is typed: a moment after typing stops it writes
the text as a draft file (reader.drafts), off the UI thread, and once more,
synchronously, when it is unmounted with text not yet handed over for saving (the
app is closing). Whatever ends the run, the next start saves the draft into the
library. Leaving the editor hands the text over (`NoteDone`); the screen saves it,
and a saved note's draft is removed.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import TextArea

from reader.drafts import keep_draft
from reader.text import sanitize
from reader.tui.widgets.messages import NoteDone

DRAFT_DELAY = 1.0
"""Seconds after the last keystroke before the draft is written: long enough not to
write on every key, short enough that an abrupt end loses only the last words."""


class NoteEditor(TextArea):
    """The note, edited in place; saved when it loses focus (or on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Save note", id="note.done"),
    ]

    paper_id: str = ""
    original: str | None = None
    """The note as stored when the editor opened (to notice a change made elsewhere)."""
    _draft_timer: Timer | None = None
    _drafted: str | None = None
    """The text last written as a draft."""
    _handed: str | None = None
    """The text last handed over for saving."""

    def open_note(self, paper_id: str, text: str, original: str | None) -> None:
        """Edit `text`, the note of `paper_id` (stored as `original` when first opened)."""
        self.paper_id, self.original = paper_id, original
        self._drafted = self._handed = None
        self.load_text(text)

    def changed_text(self) -> str | None:
        """The text (sanitized) when it differs from the note stored when it opened."""
        text = sanitize(self.text)
        return None if text.strip() == (self.original or "").strip() else text

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def keep_draft(self) -> None:
        """Write the draft now, in a worker (the disk may be slow)."""
        text = self.changed_text()
        if text is not None and self.paper_id and text not in (self._drafted, self._handed):
            self._drafted = text
            self.run_worker(partial(keep_draft, self.paper_id, text, self.original or "",
                                    self._library()),
                            thread=True, group="note-draft", exit_on_error=False)

    def _library(self) -> Path | None:
        """The file of the library the note is in (drafts are kept per library)."""
        opened = getattr(self.app, "opened", None)  # the app's open library
        return getattr(opened, "path", None)

    def hand_over(self) -> str:
        """The text, now given to the screen to save: no draft is needed for it."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._handed = sanitize(self.text)
        return self._handed

    def action_done(self) -> None:
        self.screen.focus_next()  # leaving the editor saves (see on_blur)

    def on_focus(self) -> None:
        self.call_after_refresh(self.scroll_visible, animate=False)

    def on_resize(self) -> None:
        """Laid out (it may get the focus before it has a size): into view."""
        if self.has_focus:
            self.scroll_visible(animate=False)

    def on_blur(self, event: events.Blur) -> None:
        if self.display and self.app.is_running:  # when closing, the screen saves nothing
            self.hand_over()
            self.post_message(NoteDone(self.paper_id, self.text, self.original))

    def on_unmount(self) -> None:
        """The app is closing with text typed but not saved: keep it now, on this thread
        (a worker started now might never run)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        shown = self.styles.display != "none"  # `display` is already False while unmounting
        text = self.changed_text() if shown else None
        if text is not None and self.paper_id and text != self._handed:
            keep_draft(self.paper_id, text, self.original or "", self._library())
