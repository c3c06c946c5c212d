"""The command palette, running the chosen command before the next key is read.

Textual's palette runs the chosen command a moment after enter (it schedules it),
so keys typed in one burst after enter were handled first: they went on into the
palette's own field (a second enter there chose again and closed the palette twice,
an error) or, once it had closed, to the main screen, where they ran as its keys
instead of reaching the dialog the command opens. Here enter on a highlighted
command closes the palette and runs the command while that enter is handled, so
the keys after it reach whatever the command opened.
"""

from __future__ import annotations

from inspect import isawaitable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.command import Command, CommandList, CommandPalette

from reader.tui.dismissal import dismiss_once

if TYPE_CHECKING:
    from textual.app import App


class ReaderPalette(CommandPalette):
    """Textual's palette, but enter runs the highlighted command at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "run_highlighted", "Run the command", show=False, priority=True),
    ]

    async def action_run_highlighted(self) -> None:
        commands = self.query_one(CommandList)
        # The palette empties its list whenever it hides it, so a highlighted
        # command is one the user sees; "No matches found" is not a Command.
        chosen = commands.highlighted_option if commands.option_count else None
        if not isinstance(chosen, Command):
            raise SkipAction()  # nothing chosen yet: the palette's own enter
        self.app.post_message(CommandPalette.Closed(option_selected=True))
        dismiss_once(self)
        done = chosen.hit.command()
        if isawaitable(done):  # a dialog it opens is up before the next key is read
            await done


def open_palette(app: App[Any]) -> None:
    """Show the palette (once: not when it is open already)."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(ReaderPalette(id="--command-palette"))
