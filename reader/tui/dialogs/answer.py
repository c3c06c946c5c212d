"""The shape of a dialog that answers with OK and Cancel buttons: OK (a button with
id `ok`) answers through `_answer()`, any other button and the cancel action answer
None."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen
from textual.widgets import Button

from reader.tui.dismissal import dismiss_once

__all__ = ["AnswerDialog"]

AnswerT = TypeVar("AnswerT")


class AnswerDialog(ModalScreen[AnswerT | None], Generic[AnswerT]):
    def _answer(self) -> None:
        """Dismiss with the answer the dialog holds (or keep it open to say why not)."""
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._answer()
        else:
            dismiss_once(self, None)

    def action_cancel(self) -> None:
        dismiss_once(self, None)
