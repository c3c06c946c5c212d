"""The command palette shows user text (saved-search names) literally."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList
from tui_fixtures import fixture_library, running, settle, wait_until

HOSTILE = "[/x] [b]Unsqueeze [CLS]"


def _all_match(prompts: list[str], typed: str) -> bool:
    """Whether every prompt holds the letters of `typed` in order (the palette's
    fuzzy match): it lists the search's hits, not every command any more."""
    def matches(prompt: str) -> bool:
        letters = iter(prompt.lower())
        return all(ch in letters for ch in typed)

    return bool(prompts) and all(matches(p) for p in prompts)


def _prompts(palette: CommandPalette) -> list[str]:
    options = palette.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_saved_search_name_is_not_markup_in_the_palette() -> None:
    lib = fixture_library()
    lib.save_search(HOSTILE, "scaling")
    async with running(lib) as pilot:
        pilot.app.action_command_palette()
        await settle(pilot)
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        assert any(HOSTILE in p for p in _prompts(palette))  # listed before typing
        assert not _all_match(_prompts(palette), "shelf")
        await pilot.press(*"shelf")  # typed: Hit prompts with highlighting
        await wait_until(pilot, lambda: _all_match(_prompts(palette), "shelf"),
                         "the palette listing the commands matching what was typed")
        assert any(HOSTILE in p for p in _prompts(palette))
