"""Pick one of a paper's links: `LinkChooser(urls)` answers the url, or None (escape)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.dismissal import dismiss_once
from reader.tui.render import safe


class LinkChooser(ModalScreen[str | None]):
    """An OptionList of urls (plain text, never markup); enter or 1-9 opens one."""

    DEFAULT_CSS = """
    LinkChooser {
        align: center middle;
        background: $background 60%;
    }
    LinkChooser > #dialog {
        width: 90%;
        max-width: 110;
        height: auto;
        max-height: 90%;
        padding: 0 1;
        border: round $primary;
        border-title-color: $accent;
        border-title-style: bold;
        background: $surface;
    }
    LinkChooser #links {
        height: auto;
        max-height: 16;
        border: none;
        background: $surface;
    }
    LinkChooser #hint {
        color: $text-muted;
        height: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="links.cancel"),
        *(Binding(str(n), f"pick({n - 1})", f"Open link {n}", show=False, id=f"links.pick{n}")
          for n in range(1, 10)),
    ]

    def __init__(self, urls: list[str]) -> None:
        super().__init__()
        self.urls = list(urls)

    def compose(self) -> ComposeResult:
        dialog = Vertical(id="dialog")
        dialog.border_title = "Open which link?"
        with dialog:
            numbers = [str(i) if i < 10 else " " for i in range(1, len(self.urls) + 1)]
            prompts = [Content.assemble((n + " ", "dim"), safe(url))
                       for n, url in zip(numbers, self.urls, strict=True)]
            options = [Option(prompt) for prompt in prompts]
            yield OptionList(*options, id="links")
            yield Static(Content("enter opens · 1-9 picks · escape cancels"), id="hint")

    def on_mount(self) -> None:
        links = self.query_one("#links", OptionList)
        links.focus()
        if self.urls:
            links.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        dismiss_once(self, self.urls[event.option_index])

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self.urls):
            dismiss_once(self, self.urls[index])

    def action_cancel(self) -> None:
        dismiss_once(self, None)
