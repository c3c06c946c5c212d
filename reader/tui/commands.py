"""The command palette: every key binding and a few more, with namespaced names.

Names read "<namespace>: <what it does>" ("paper: mark read", "view: sort by year")
so that typing the namespace lists a family of commands (posting's habit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    help: str
    run: Callable[[], object]
    """Runs the command; a result that is awaitable must be awaited (the palette does:
    a dialog the command opens is up once it is done)."""


class HasCommands(Protocol):
    def palette_commands(self) -> list[Command]: ...


class ReaderCommands(Provider):
    """Commands offered by the active screen (if it has `palette_commands`)."""

    def _commands(self) -> list[Command]:
        for screen in reversed(self.app.screen_stack):
            get = getattr(screen, "palette_commands", None)
            if get is not None:
                commands: list[Command] = get()
                return commands
        return []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Content(command.name), partial(command.run), text=command.name,
                               help=_plain(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, _highlight(matcher, command.name), partial(command.run),
                          text=command.name, help=_plain(command.help))


# The palette reads a `str` prompt, help or highlighted name as markup; names hold
# user text (tags, saved searches, theme names), so everything goes in as Content.

def _plain(text: str) -> str:
    """Help text the palette shows literally (it passes Content through unchanged)."""
    return Content(text)  # type: ignore[return-value]  # Hit.help is typed str only


def _highlight(matcher: Matcher, name: str) -> Content:
    """`matcher.highlight` without reading `name` as markup."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
