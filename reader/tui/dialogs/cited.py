"""Pick one of the papers a line cites: `CitedChooser(rows)` answers the reference's
index, or None (escape). Rows are plain text (never markup)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.dismissal import dismiss_once


class CitedChooser(ModalScreen[int | None]):
    DEFAULT_CSS = """
    CitedChooser { align: center middle; background: $background 60%; }
    CitedChooser > #dialog {
        width: 90%; max-width: 110; height: auto; max-height: 90%; padding: 0 1;
        border: round $primary; border-title-color: $accent; border-title-style: bold;
        background: $surface;
    }
    CitedChooser #cited { height: auto; max-height: 16; border: none; background: $surface; }
    CitedChooser #hint { color: $text-muted; height: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cited.cancel"),
    ]

    def __init__(self, rows: list[tuple[int, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        dialog = Vertical(id="dialog")
        dialog.border_title = "Add which cited paper?"
        with dialog:
            yield OptionList(*(Option(Content(text), id=str(n)) for n, text in self.rows),
                             id="cited")
            yield Static(Content("enter adds · escape cancels"), id="hint")

    @on(OptionList.OptionSelected, "#cited")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        dismiss_once(self, int(event.option_id) if event.option_id else None)

    def action_cancel(self) -> None:
        dismiss_once(self, None)
