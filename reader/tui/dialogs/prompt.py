"""One line of text: `PromptDialog(question, value)` answers the text, or None (escape)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.tui.dismissal import dismiss_once


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line; the question is plain text, never markup."""

    DEFAULT_CSS = """
    PromptDialog {
        align: center middle;
        background: $background 60%;
    }
    PromptDialog > #dialog {
        width: 60;
        max-width: 90%;
        height: auto;
        padding: 1 2;
        border: round $primary;
        background: $surface;
    }
    PromptDialog #question {
        height: auto;
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.question), id="question")
            yield Input(self.value, id="answer")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        dismiss_once(self, event.value.strip() or None)

    def action_cancel(self) -> None:
        dismiss_once(self, None)
