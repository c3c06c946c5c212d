"""Ask for one line of text: `AskDialog(title, hint, check=...)` answers the text or None.

Used by the network commands: ids and links to add (`add_dialog`), an arXiv
category or search. `check(text)` returns (accepted, feedback); the feedback line
follows each keystroke, and enter is refused while the text is not accepted.
Everything typed or pasted is shown as Content, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from reader.ids import parse_ref
from reader.text import clean_line
from reader.tui.dialogs.answer import AnswerDialog
from reader.tui.dismissal import dismiss_once

__all__ = ["AskDialog", "add_dialog", "check_refs"]

Check = Callable[[str], tuple[bool, str]]


def _any(text: str) -> tuple[bool, str]:
    return bool(text.strip()), ""


class AskDialog(AnswerDialog[str]):
    DEFAULT_CSS = """
    AskDialog {
        align: center middle;
        background: $background 60%;
    }
    AskDialog > #dialog {
        width: 72;
        max-width: 95%;
        height: auto;
        padding: 0 1;
        border: round $primary;
        border-title-color: $accent;
        border-title-style: bold;
        background: $surface;
    }
    AskDialog .line { height: auto; color: $text-muted; }
    AskDialog #feedback { height: auto; min-height: 1; }
    AskDialog #feedback.-bad { color: $text-warning; }
    AskDialog #buttons { height: auto; align-horizontal: right; margin-top: 1; }
    AskDialog Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="ask.cancel"),
    ]

    def __init__(self, title: str, hint: str, *, placeholder: str = "", ok: str = "OK",
                 check: Check = _any, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.placeholder = placeholder
        self.ok_label = ok
        self.check = check
        self.value = value

    def compose(self) -> ComposeResult:
        dialog = Vertical(id="dialog")
        dialog.border_title = Content(self.title_text)
        with dialog:
            yield Static(Content(self.hint), classes="line")
            yield Input(self.value, placeholder=self.placeholder, id="ask-input")
            yield Static(id="feedback")
            with Horizontal(id="buttons"):
                yield Button(Content(self.ok_label), variant="primary", id="ok")
                yield Button(Content("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._judge(self.value)

    def _judge(self, text: str) -> bool:
        ok, feedback = self.check(text)
        line = self.query_one("#feedback", Static)
        line.update(Content(clean_line(feedback)))
        line.set_class(not ok and bool(text.strip()), "-bad")
        self.query_one("#ok", Button).disabled = not ok
        return ok

    @on(Input.Changed, "#ask-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._judge(event.value)

    def _answer(self) -> None:
        text = self.query_one(Input).value
        if self._judge(text):
            dismiss_once(self, text.strip())

    @on(Input.Submitted, "#ask-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._answer()


def check_refs(text: str) -> tuple[bool, str]:
    """Every word must name a paper (see ids.parse_ref); says how many do."""
    words = text.replace(",", " ").split()
    if not words:
        return False, "paste or type one or more, then enter (escape cancels)"
    bad = [w for w in words if parse_ref(w) is None]
    if bad:
        return False, f"not an id or link: {bad[0][:60]}"
    return True, f"{len(words)} paper{'s' if len(words) != 1 else ''} to add"


def add_dialog() -> AskDialog:
    """The `a` dialog; answers the ids and links separated by spaces."""
    return AskDialog("Add papers", "arXiv ids or links, DOIs, Hugging Face paper links "
                     "(several separated by spaces)", placeholder="2406.01234 10.1145/...",
                     ok="Add", check=check_refs)
