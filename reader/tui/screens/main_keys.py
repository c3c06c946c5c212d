"""The main screen's keys: every binding with its id (the palette lists them as
"namespace: description"), and the keys that are text while a field has the focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from reader.tui.screens.main import MainScreen

KEYS: list[BindingType] = [
    Binding("j", "move(1)", "Down", show=False, id="nav.down"),
    Binding("k", "move(-1)", "Up", show=False, id="nav.up"),
    Binding("t", "mark('to-read')", "To read", id="paper.mark_to_read"),
    Binding("r", "mark('reading')", "Reading", show=False, id="paper.mark_reading"),
    Binding("d", "mark('read')", "Read", id="paper.mark_read"),
    Binding("x", "mark('skipped')", "Skip", id="paper.mark_skipped"),
    Binding("N", "mark('new')", "Back to new", show=False, id="paper.mark_new"),
    *[Binding(str(n), f"rate({n})", f"Rate {n}", show=False, id=f"paper.rate_{n}")
      for n in range(1, 6)],
    Binding("0", "rate(0)", "Clear rating", show=False, id="paper.rate_clear"),
    # keys that move the focus (to a field or a dialog) are priority bindings:
    # they run as they arrive, before the keys typed after them are handed to
    # the list (which would run them as list keys: "/concept" opening a link,
    # a note, an export); a dialog's action awaits its mount, so the keys that
    # follow reach the dialog's focused field
    Binding("plus", "add_tags", "Add tag", show=False, id="paper.tag_add", priority=True),
    Binding("minus", "remove_tags", "Remove tag", show=False, id="paper.tag_remove",
            priority=True),
    Binding("n", "edit_note", "Note", id="paper.note", priority=True),
    Binding("E", "edit_note_external", "Note in $EDITOR", show=False,
            id="paper.note_editor"),
    Binding("o", "open_link", "Open", show=False, id="paper.open_link", priority=True),
    Binding("y", "copy_keys", "Copy citation key", show=False, id="paper.copy_key"),
    Binding("Y", "copy_citation", "Copy citation", show=False, id="paper.copy_citation"),
    Binding("R", "read", "Read it", show=False, id="paper.read", priority=True),
    Binding("u", "undo", "Undo", show=False, id="paper.undo"),
    Binding("U,ctrl+r", "redo", "Redo", show=False, id="paper.redo"),
    Binding("D", "delete", "Delete", show=False, id="paper.delete", priority=True),
    Binding("K", "move_in_queue(-1)", "Up the queue", show=False, id="paper.queue_up"),
    Binding("J", "move_in_queue(1)", "Down the queue", show=False, id="paper.queue_down"),
    Binding("slash", "search", "Search", id="view.search", priority=True),
    Binding("escape", "save_note", "Save note", id="paper.note_done", priority=True),
    Binding("escape", "clear_search", "Clear search", id="nav.clear_search", priority=True),
    Binding("escape", "back_to_list", "Back to the list", show=False, id="nav.back",
            priority=True),
    Binding("S", "cycle_sort", "Sort", show=False, id="view.sort"),
    Binding("right_square_bracket", "shelf(1)", "Next shelf", show=False,
            id="view.shelf_next"),
    Binding("left_square_bracket", "shelf(-1)", "Previous shelf", show=False,
            id="view.shelf_previous"),
    Binding("b", "toggle_sidebar", "Shelves", show=False, id="view.sidebar"),
    Binding("a", "add_papers", "Add papers", show=False, id="library.add", priority=True),
    Binding("e", "export", "Export", show=False, id="library.export", priority=True),
    Binding("s", "stats", "Stats", show=False, id="library.stats", priority=True),
    Binding("question_mark", "help", "Help", id="app.help", priority=True),
    Binding("q", "quit", "Quit", id="app.quit"),
]

TYPED_IN_FIELDS = frozenset({"search", "edit_note", "add_tags", "remove_tags", "delete",
                             "add_papers", "export", "open_link", "read", "stats", "help"})
"""Actions of priority keys that are text while a field has the focus."""
TEXT_FIELDS = frozenset({"search", "note-editor"})
"""The text fields of the main screen (ids)."""


def typed_in_fields(screen: MainScreen, action: str, parameters: tuple[object, ...]) -> bool | None:
    """The screen's check_action: the priority keys type themselves while a text
    field has the focus."""
    focused = screen.focused
    field = focused.id if focused is not None and focused.id in TEXT_FIELDS else None
    if action in TYPED_IN_FIELDS and field is not None:
        return False
    if action == "save_note":  # escape in the note editor (else: back_to_list)
        return field == "note-editor"
    if action == "clear_search":  # escape in the search field, named in the footer
        return field == "search"
    return True
