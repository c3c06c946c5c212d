"""Add or remove tags: `TagDialog(mode, current, known)` answers a list of clean tags or None.

Add mode: an Input (commas separate several tags) completing from the known
tags. Remove mode: a SelectionList of the paper's tags; space toggles, enter
removes the toggled ones (or the highlighted one when none is toggled).
Tags are user text: cleaned here (`clean_tags`) and always shown as Content.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from reader.text import clean_line
from reader.tui.dialogs.answer import AnswerDialog
from reader.tui.dismissal import dismiss_once

MODES = ("add", "remove")


def clean_tag(text: str) -> str:
    """One tag: control characters removed, trimmed, inner spaces as '-', no leading '#'."""
    return clean_line(text).lstrip("#").strip().replace(" ", "-")


def clean_tags(text: str | list[str]) -> list[str]:
    """Tags from comma-separated text (or a list): cleaned, empty ones dropped, no duplicates."""
    parts = text.split(",") if isinstance(text, str) else text
    tags: list[str] = []
    for part in parts:
        tag = clean_tag(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class TagSuggester(SuggestFromList):
    """Completes the tag being typed after the last comma from the known tags."""

    def __init__(self, known: list[str]) -> None:
        super().__init__(known, case_sensitive=True)
        self._folded = [k.casefold() for k in known]

    async def get_suggestion(self, value: str) -> str | None:
        head, _comma, last = value.rpartition(",")
        stem = last.lstrip()
        if not stem:
            return None
        typed = {t.casefold() for t in clean_tags(head)}
        folded = stem.casefold()
        for tag, key in zip(self._suggestions, self._folded, strict=True):
            if key.startswith(folded) and key != folded and key not in typed:
                return value[: len(value) - len(stem)] + tag
        return None


class _TagSelection(SelectionList[str]):
    """A SelectionList where enter submits instead of toggling (space toggles)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Remove", id="tags.submit"),
    ]

    class Submitted(Message):
        """Enter pressed in the list."""

    def action_submit(self) -> None:
        self.post_message(self.Submitted())


class TagDialog(AnswerDialog[list[str]]):
    """Ask for tags to add (`mode="add"`) or to remove (`mode="remove"`)."""

    DEFAULT_CSS = """
    TagDialog {
        align: center middle;
        background: $background 60%;
    }
    TagDialog > #dialog {
        width: 64;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        padding: 0 1;
        border: round $primary;
        border-title-color: $accent;
        border-title-style: bold;
        background: $surface;
    }
    TagDialog .line {
        height: auto;
        color: $text-muted;
    }
    TagDialog #tags-list {
        height: auto;
        max-height: 12;
        border: none;
        background: $surface;
    }
    TagDialog #buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    TagDialog Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel"),
    ]

    def __init__(self, mode: str, current: list[str], known: list[str]) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be 'add' or 'remove', not {mode!r}")
        super().__init__()
        self.mode = mode
        self.current = list(current)
        self.known = [k for k in dict.fromkeys(known) if k]

    def compose(self) -> ComposeResult:
        dialog = Vertical(id="dialog")
        dialog.border_title = "Add tags" if self.mode == "add" else "Remove tags"
        with dialog:
            if self.mode == "add":
                yield from self._compose_add()
            else:
                yield from self._compose_remove()
            with Horizontal(id="buttons"):
                label = "Add" if self.mode == "add" else "Remove"
                yield Button(Content(label), variant="primary", id="ok")
                yield Button(Content("Cancel"), id="cancel")

    def _compose_add(self) -> ComposeResult:
        current = Content(", ".join(self.current)) if self.current else Content("none")
        yield Static(Content.assemble("Current tags: ", current), classes="line")
        suggestions = [k for k in self.known if k not in self.current]
        yield Input(placeholder="tag, another-tag", id="tag-input",
                    suggester=TagSuggester(suggestions))
        yield Static(Content("→ completes · enter adds · escape cancels"), classes="line")

    def _compose_remove(self) -> ComposeResult:
        if not self.current:
            yield Static(Content("This paper has no tags."), classes="line")
            return
        yield _TagSelection(*(Selection(Content(t), t) for t in self.current), id="tags-list")
        yield Static(Content("space toggles · enter removes · escape cancels"), classes="line")

    def on_mount(self) -> None:
        if self.mode == "add":
            self.query_one("#tag-input", Input).focus()
        elif self.current:
            self.query_one("#tags-list", _TagSelection).focus()
        else:
            self.query_one("#cancel", Button).focus()

    def _answer(self) -> None:
        if self.mode == "add":
            tags = clean_tags(self.query_one("#tag-input", Input).value)
        elif not self.current:
            tags = []
        else:
            selection = self.query_one("#tags-list", _TagSelection)
            tags = list(selection.selected)
            if not tags and selection.highlighted is not None:
                tags = [selection.get_option_at_index(selection.highlighted).value]
        dismiss_once(self, tags or None)

    @on(Input.Submitted, "#tag-input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._answer()

    @on(_TagSelection.Submitted)
    def _list_submitted(self, event: _TagSelection.Submitted) -> None:
        event.stop()
        self._answer()
