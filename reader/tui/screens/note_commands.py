"""The main screen's note commands: open the note editor in the detail pane, save
what was typed (in key order, or at once as the app exits), edit in $EDITOR, and
say when a note could not be saved (its text goes back into the editor)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from reader.drafts import discard_draft
from reader.errors import ReaderError
from reader.text import clean_line, sanitize
from reader.tui.screens.paper_commands import need_entry
from reader.tui.widgets import DetailPane, PaperList
from reader.tui.widgets.messages import NoteDone, NoteNotSaved

if TYPE_CHECKING:
    from reader.store import Change, Library
    from reader.tui.screens.main import MainScreen


def _not_saved(pid: str, text: str, original: str | None, exc: ReaderError) -> NoteNotSaved:
    """What a failed note save reports (run in the write worker: it writes the rescue file)."""
    from reader.rescue import rescue_note

    return NoteNotSaved(pid, text, original, clean_line(str(exc)), rescue_note(pid, text))


def save_note_and_drop_draft(pid: str, text: str, original: str | None,
                             stored: Callable[[str], object] | None, lib: Library) -> Change:
    """On the store thread: save the note, then its draft is no longer needed."""
    change = lib.set_note(pid, text, original)
    discard_draft(pid, text, lib.path)
    if stored is not None:
        stored(change.after.note)
    return change


def edit_note(screen: MainScreen) -> None:
    entry = need_entry(screen, lambda: edit_note(screen))
    if entry is not None:
        screen.query_one(DetailPane).edit_note(entry)


def save_note(screen: MainScreen, pid: str, text: str, original: str | None = None,
              stored: Callable[[str], object] | None = None) -> None:
    """Save a note edited here. `original`: the note when the editor opened; the
    store keeps both texts when the note was changed elsewhere meanwhile;
    `stored` is given the note the library then holds. Once saved, the note's
    draft goes. When saving fails, the text goes back into the editor and into a
    rescue file."""
    text = sanitize(text)
    view = screen.view
    if view is None or pid not in view.entries:
        return
    if text.strip() != view.entries[pid].state.note.strip() or (
            original is not None and original.strip() != text.strip()):
        screen.controller.changes.write(
            partial(save_note_and_drop_draft, pid, text, original, stored),
            failed=lambda exc: _not_saved(pid, text, original, exc))
    else:
        library = screen.controller.library
        discard_draft(pid, text, library.path if library is not None else None)
        screen.query_one(DetailPane).show(view.entries[pid], None)


def take_note(screen: MainScreen) -> tuple[str, str, str | None] | None:
    """(paper id, text, original) of the note editor if it is open; closes it."""
    for editor in screen.query("#note-editor"):
        if editor.display:
            from reader.tui.widgets.note import NoteEditor

            if isinstance(editor, NoteEditor):
                editor.display = False  # saved by the caller, not again on blur
                return editor.paper_id, editor.text, editor.original
    return None


def edit_note_external(screen: MainScreen) -> None:
    from reader.tui import editor

    entry = need_entry(screen, lambda: edit_note_external(screen))
    if entry is None:
        return
    original = entry.state.note
    result = editor.edit_text_externally(screen.app, original)
    if result is not None:
        save_note(screen, entry.paper.id, result, original)


def note_done(screen: MainScreen, event: NoteDone) -> None:
    """The note editor was left: save the note, back to the list."""
    save_note(screen, event.paper_id, event.text, event.original)
    screen.set_focus(screen.query_one(PaperList))


def note_not_saved(screen: MainScreen, event: NoteNotSaved) -> None:
    """The text goes back into the editor (when its paper is still shown) and the
    message names the rescue file holding a copy."""
    entry = screen.current_entry()
    reopened = entry is not None and entry.paper.id == event.paper_id
    if entry is not None and reopened:
        screen.query_one(DetailPane).edit_note(entry, event.text, event.original)
    where = (f" A copy is in {clean_line(str(event.rescued))}." if event.rescued else
             " No copy could be written anywhere: copy the text out of the editor.")
    kept = " Your text is still in the editor." if reopened else ""
    screen.notify(f"The note was not saved: {event.error}.{kept}{where}",
                  title="Note not saved", severity="error", markup=False, timeout=30)
