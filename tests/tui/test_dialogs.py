"""The small dialogs, driven with Pilot: what the user types is what the dialog answers."""

from __future__ import annotations

import html
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, SelectionList

from reader.tui.dialogs import ConfirmDialog, LinkChooser, TagDialog, clean_tags
from reader.tui.editor import edit_text_externally
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.welcome import WelcomeScreen

HOSTILE = "[bold]x[/] [link=file:///etc/passwd]y [@click=app.quit]z[/] [/oops"
_UNSET = object()


class Host(App[None]):
    """Pushes one screen at mount and records what it was dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.dialog = screen
        self.result: Any = _UNSET

    def compose(self) -> ComposeResult:
        yield Label("host")

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, value: Any) -> None:
        self.result = value


def screen_text(app: App[Any]) -> str:
    """The visible text of the screen (from the SVG screenshot, tags removed)."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


# --- tags ---------------------------------------------------------------------------

def test_clean_tags_examples() -> None:
    assert clean_tags(" machine learning , #vision,, ml,ml ") == [
        "machine-learning", "vision", "ml"]
    assert clean_tags("\x1b[2Jevil\x07, a\u202eb") == ["evil", "a-b"]
    assert clean_tags(["  ", "#", ""]) == []


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_clean_tags_never_yields_empty_spaced_or_control_tags(text: str) -> None:
    for tag in clean_tags(text):
        assert tag and tag == tag.strip()
        assert " " not in tag and "," not in tag
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in tag)


async def test_add_tags_typed_with_commas_are_cleaned() -> None:
    app = Host(TagDialog("add", ["ml"], ["ml", "vision"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*" a b, #C ,", "enter")
        await pilot.pause()
    assert app.result == ["a-b", "C"]


async def test_add_tags_completes_from_known_tags_after_a_comma() -> None:
    app = Host(TagDialog("add", ["ml"], ["ml", "interpretability", "vision"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"vis")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field._suggestion == "vision"
        await pilot.press("right")  # accept the suggestion
        assert field.value == "vision"
        await pilot.press(*", In")
        await pilot.pause()
        assert field._suggestion == "vision, interpretability"
        await pilot.press("right", "enter")
        await pilot.pause()
    assert app.result == ["vision", "interpretability"]


async def test_add_tags_does_not_suggest_tags_the_paper_has() -> None:
    app = Host(TagDialog("add", ["ml"], ["ml", "mlops"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one(Input)._suggestion == "mlops"


async def test_add_nothing_or_escape_answers_none() -> None:
    for keys in (["escape"], [" ", " ", ",", "enter"]):
        app = Host(TagDialog("add", [], ["a"]))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
        assert app.result is None, keys


async def test_remove_tags_toggled_with_space() -> None:
    app = Host(TagDialog("remove", ["alpha", "beta", "gamma"], []))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "down", "down", "space", "enter")
        await pilot.pause()
    assert app.result == ["alpha", "gamma"]


async def test_remove_highlighted_tag_with_enter_when_none_toggled() -> None:
    app = Host(TagDialog("remove", ["alpha", "beta"], []))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.result == ["beta"]


async def test_remove_with_escape_or_no_tags_answers_none() -> None:
    app = Host(TagDialog("remove", ["alpha"], []))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "escape")
        await pilot.pause()
    assert app.result is None
    app = Host(TagDialog("remove", [], []))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "This paper has no tags." in screen_text(app)
        await pilot.press("enter")  # focus is on Cancel
        await pilot.pause()
    assert app.result is None


async def test_hostile_tags_are_shown_literally() -> None:
    app = Host(TagDialog("remove", [HOSTILE], []))
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        prompt = app.screen.query_one(SelectionList).get_option_at_index(0).prompt
        assert str(prompt) == HOSTILE
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == [HOSTILE]


def test_tag_dialog_rejects_unknown_mode() -> None:
    with pytest.raises(ValueError, match="mode"):
        TagDialog("rename", [], [])


# --- links --------------------------------------------------------------------------

URLS = ["https://arxiv.org/abs/2401.00001", "https://github.com/x/[y]", "https://z.io/a"]


async def test_link_chooser_enter_picks_highlighted() -> None:
    app = Host(LinkChooser(URLS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.result == URLS[1]


async def test_link_chooser_number_keys_and_escape() -> None:
    app = Host(LinkChooser(URLS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
    assert app.result == URLS[2]
    app = Host(LinkChooser(URLS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9", "escape")  # 9 is out of range: ignored
        await pilot.pause()
    assert app.result is None


async def test_link_chooser_shows_urls_as_plain_text() -> None:
    app = Host(LinkChooser([f"https://e.example/{HOSTILE}"]))
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        option = app.screen.query_one(OptionList).get_option_at_index(0)
        assert HOSTILE in str(option.prompt)
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == f"https://e.example/{HOSTILE}"


async def test_link_chooser_shows_no_escape_sequence_but_returns_the_link() -> None:
    url = "https://e.example/a\x1b]0;title\x07b\x9b2J"
    app = Host(LinkChooser([url]))
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        prompt = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "https://e.example/a" in prompt
        assert not any(c in prompt for c in "\x1b\x07\x9b")
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == url


# --- confirm ------------------------------------------------------------------------

@pytest.mark.parametrize(("keys", "expected"), [
    (["y"], True), (["n"], False), (["escape"], False), (["enter"], False),
    (["left", "enter"], True),
])
async def test_confirm_dialog_answers(keys: list[str], expected: bool) -> None:
    app = Host(ConfirmDialog(HOSTILE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    assert app.result is expected


async def test_confirm_question_is_literal() -> None:
    app = Host(ConfirmDialog("Delete [b]all[/b] papers?"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Delete [b]all[/b] papers?" in str(app.screen.query_one("#question").render())


# --- help ---------------------------------------------------------------------------

async def test_help_screen_lists_given_bindings_and_closes() -> None:
    rows = [("Paper list", "j", "Next paper"), ("Paper list", "down", "Next paper"),
            ("General", "q", "Quit")]
    for key in ("escape", "question_mark"):
        app = Host(HelpScreen(rows))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "Paper list" in text and "General" in text
            assert re.search(r"j down +Next paper", text)
            assert re.search(r"q +Quit", text)
            assert text.count("Next paper") == 1  # j and down share one line
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)
        assert app.result is None


# --- editor -------------------------------------------------------------------------

def make_editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-editor.sh"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


class EditorHost(App[None]):
    pass


async def test_editor_returns_the_edited_text_sanitized(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = tmp_path / "seen.txt"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", make_editor(
        tmp_path,
        f'cp "$1" "{seen}"\n'
        "printf '# New note\\n\\033]52;c;UFdORUQ=\\033\\\\ok\\n\\n\\n' > \"$1\"",
    ))
    app = EditorHost()
    async with app.run_test():
        result = edit_text_externally(app, "old note")
    assert seen.read_text(encoding="utf-8") == "old note\n"
    assert result == "# New note\nok"
    assert "\x1b" not in result


async def test_editor_unchanged_or_failing_gives_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VISUAL", make_editor(tmp_path, "exit 0"))
    app = EditorHost()
    async with app.run_test() as pilot:
        assert edit_text_externally(app, "same\n\n") is None
        monkeypatch.setenv("VISUAL", make_editor(tmp_path, 'echo changed > "$1"; exit 3'))
        assert edit_text_externally(app, "same") is None
        monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
        assert edit_text_externally(app, "same") is None
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert any("status 3" in m for m in messages)
    assert any("no-such-editor" in m for m in messages)


async def test_editor_command_with_arguments_and_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = make_editor(tmp_path, 'printf "%s|%s" "$1" "$2" > "$2"')
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{script} --wait")
    app = EditorHost()
    async with app.run_test():
        result = edit_text_externally(app, "", suffix=".txt")
    assert result is not None
    flag, path = result.split("|")
    assert flag == "--wait" and path.endswith(".txt")
    assert not Path(path).exists()  # the temporary file is cleaned up


# --- styling ------------------------------------------------------------------------

COLOUR_PROPERTY = re.compile(
    r"^\s*(color|background|tint|border(?:-[a-z]+)?(?:-color)?|outline|scrollbar-[a-z-]+)"
    r"\s*:\s*([^;]+);", re.MULTILINE)


@pytest.mark.parametrize("screen", [ConfirmDialog, LinkChooser, TagDialog, HelpScreen,
                                    WelcomeScreen])
def test_default_css_takes_colours_from_the_theme_only(screen: type[Screen[Any]]) -> None:
    declarations = COLOUR_PROPERTY.findall(screen.DEFAULT_CSS)
    assert declarations
    for prop, value in declarations:
        if prop.endswith("-style") or value.strip() == "none":
            continue
        assert "$" in value, f"{screen.__name__}: {prop}: {value}"
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(|hsl\(", value)


async def test_no_editor_at_all_is_a_clear_notification(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # neither vi nor nano on it
    app = EditorHost()
    async with app.run_test() as pilot:
        assert edit_text_externally(app, "note") is None
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert any("$EDITOR" in m for m in messages)
