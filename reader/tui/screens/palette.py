"""The command palette's entries for the main screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding

from reader.tui.render import safe
from reader.tui.state import SORTS, STATUS_SHELVES, Shelf

if TYPE_CHECKING:
    from reader.tui.commands import Command
    from reader.tui.screens.main import MainScreen


def palette_commands(screen: MainScreen) -> list[Command]:
    """Every key binding with an id, and the commands that have no key."""
    from reader.tui.commands import Command
    from reader.tui.screens.network import network_commands

    commands: list[Command] = []
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding)
        if not binding.id or binding.id.startswith("nav."):
            continue
        namespace = binding.id.split(".")[0]
        action = binding.action
        key = screen.app.get_key_display(binding)
        commands.append(Command(
            f"{namespace}: {binding.description.lower()}", f"key {key}",
            _run_action(screen, action)))
    commands.append(Command("search: save this search as a shelf",
                            "the typed query appears in the sidebar",
                            screen.save_current_search))
    commands.append(Command("paper: select every paper shown", "key V (v selects one)",
                            _run_action(screen, "select_all")))
    commands.append(Command("paper: clear the selection", "key escape",
                            _run_action(screen, "clear_selection")))
    commands.append(Command("paper: skip the rest of this shelf",
                            "mark every paper the list shows skipped (asks first)",
                            _run_action(screen, "skip_the_rest")))
    for name in SORTS:
        commands.append(Command(f"view: sort by {name}", "order of the paper list",
                                _sort_switch(screen, name)))
    shelves = screen.view.shelves() if screen.view else [(s, 0) for s in STATUS_SHELVES]
    for shelf, _ in shelves:
        commands.append(Command(f"shelf: {safe(shelf.label)}", "show this shelf",
                                _shelf_switch(screen, shelf)))
    for name in sorted(screen.view.saved) if screen.view else []:
        label = safe(name)
        commands.append(Command(f"search: delete the saved search {label}",
                                "its shelf goes; no paper changes",
                                _with(screen.delete_saved_search, name)))
        commands.append(Command(f"search: rename the saved search {label}",
                                "asks for the new name",
                                _with(screen.rename_saved_search, name)))
    commands += network_commands(screen)
    for theme in sorted(screen.app.available_themes):
        commands.append(Command(f"theme: {theme}", "switch theme (remembered)",
                                _theme_switch(screen, theme)))
    return commands




def _run_action(screen: MainScreen, action: str) -> Callable[[], object]:
    """The action, run when awaited (a dialog it opens is up before the next key)."""
    return lambda: screen.run_action(action)


def _with(fn: Callable[[str], None], name: str) -> Callable[[], None]:
    return lambda: fn(name)


def _sort_switch(screen: MainScreen, name: str) -> Callable[[], None]:
    return lambda: screen.set_sort(name)


def _shelf_switch(screen: MainScreen, shelf: Shelf) -> Callable[[], None]:
    return lambda: screen.set_shelf(shelf.key)


def _theme_switch(screen: MainScreen, name: str) -> Callable[[], None]:
    def switch() -> None:
        screen.app.theme = name
    return switch
