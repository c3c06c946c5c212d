"""Bundled themes load, broken theme files are reported and skipped, the wheel ships them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.theme import BUILTIN_THEMES
from textual.widgets import Label

from reader.paths import themes_dirs
from reader.tui.themes import (
    ALLOWED_KEYS,
    SEMANTIC_VARIABLES,
    load_themes,
    register_themes,
    theme_errors_message,
    theme_from_data,
    variable_defaults,
)

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "themes"
REQUIRED = {"reader-dark", "reader-light", "reader-contrast"}


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    c = Color.parse(colour)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_reference_values() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_bundled_themes_load_without_errors() -> None:
    themes, errors = load_themes([BUNDLED])
    assert errors == []
    names = {t.name for t in themes}
    assert names >= REQUIRED
    assert names == {p.stem for p in BUNDLED.glob("*.toml")}
    for theme in themes:  # what the app skips for its own files at start-up
        assert theme.to_color_system().generate()["primary"]


def test_default_dirs_find_the_bundled_themes() -> None:
    assert BUNDLED in themes_dirs()
    themes, errors = load_themes()
    assert errors == []
    assert {t.name for t in themes} >= REQUIRED


def test_themes_are_dark_light_as_named() -> None:
    themes = {t.name: t for t in load_themes([BUNDLED])[0]}
    assert themes["reader-dark"].dark is True
    assert themes["reader-light"].dark is False


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_bundled_theme_defines_every_semantic_variable(name: str) -> None:
    theme = {t.name: t for t in load_themes([BUNDLED])[0]}[name]
    assert set(SEMANTIC_VARIABLES) <= set(theme.variables)


def test_high_contrast_theme_has_strong_contrast() -> None:
    theme = {t.name: t for t in load_themes([BUNDLED])[0]}["reader-contrast"]
    assert theme.foreground and theme.background and theme.surface and theme.panel
    assert contrast(theme.foreground, theme.background) >= 7
    assert contrast(theme.foreground, theme.panel) >= 7
    v = theme.variables
    text_colours = [v[k] for k in SEMANTIC_VARIABLES if k.startswith(("status-", "rating"))]
    text_colours += [theme.primary, theme.warning or "", theme.error or "", theme.success or ""]
    for colour in text_colours:
        assert contrast(colour, theme.background) >= 7, colour
    assert contrast(v["block-cursor-foreground"], v["block-cursor-background"]) >= 7
    assert contrast(v["search-highlight-foreground"], v["search-highlight-background"]) >= 7
    assert contrast(v["tag-foreground"], v["tag-background"]) >= 7


def test_light_and_dark_text_is_readable() -> None:
    for theme in load_themes([BUNDLED])[0]:
        assert theme.foreground and theme.background
        assert contrast(theme.foreground, theme.background) >= 4.5, theme.name


BROKEN = {
    "bad-toml.toml": 'primary = "#ffffff\n',
    "unknown-key.toml": 'primary = "#123456"\nsparkle = "#000000"\n',
    "bad-colour.toml": 'primary = "not-a-colour"\n',
    "no-primary.toml": 'background = "#000000"\n',
    "bad-variable.toml": 'primary = "#123456"\n[variables]\nstatus-new = "blurple"\n',
    "bad-type.toml": 'primary = "#123456"\ndark = "yes"\n',
}


def test_broken_theme_files_are_reported_one_line_each_and_skipped(tmp_path: Path) -> None:
    for name, text in BROKEN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "good.toml").write_text('primary = "#336699"\ndark = false\n', encoding="utf-8")
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "notes.txt").write_text("not a theme", encoding="utf-8")

    themes, errors = load_themes([tmp_path])

    assert [t.name for t in themes] == ["good"]
    assert len(errors) == len(BROKEN) + 1
    for error in errors:
        assert "\n" not in error
    for name in [*BROKEN, "binary.toml"]:
        assert sum(name in e for e in errors) == 1, name
    by_file = {name: next(e for e in errors if name in e) for name in BROKEN}
    assert "invalid TOML" in by_file["bad-toml.toml"]
    assert "sparkle" in by_file["unknown-key.toml"]
    assert "primary" in by_file["bad-colour.toml"]
    assert "primary" in by_file["no-primary.toml"]
    assert "status-new" in by_file["bad-variable.toml"]
    assert "dark" in by_file["bad-type.toml"]
    message = theme_errors_message(errors)
    assert message.startswith(f"{len(errors)} theme files")


def test_user_theme_overrides_bundled_one_and_broken_override_keeps_bundled(
    tmp_path: Path,
) -> None:
    (tmp_path / "reader-dark.toml").write_text('primary = "#FF0000"\n', encoding="utf-8")
    themes, errors = load_themes([BUNDLED, tmp_path])
    assert errors == []
    assert {t.name: t for t in themes}["reader-dark"].primary == "#FF0000"

    (tmp_path / "reader-dark.toml").write_text('primary = "#FF0000', encoding="utf-8")
    themes, errors = load_themes([BUNDLED, tmp_path])
    assert len(errors) == 1
    assert {t.name: t for t in themes}["reader-dark"].primary != "#FF0000"


class ThemedApp(App[None]):
    """Uses every semantic variable in CSS, as the real app may."""

    CSS = "\n".join(
        f"#v{i} {{ color: ${name}; }}" for i, name in enumerate(SEMANTIC_VARIABLES)
    )

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme)

    def compose(self) -> ComposeResult:
        for i, _ in enumerate(SEMANTIC_VARIABLES):
            yield Label("x", id=f"v{i}")


async def test_every_theme_applies_in_an_app_using_the_semantic_variables(
    tmp_path: Path,
) -> None:
    (tmp_path / "broken.toml").write_text("primary = ", encoding="utf-8")
    app = ThemedApp()
    async with app.run_test(size=(40, 12)) as pilot:
        errors = register_themes(app, [BUNDLED, tmp_path])
        assert len(errors) == 1 and "broken.toml" in errors[0]
        assert "broken" not in app.available_themes
        for name in [*sorted(REQUIRED), "textual-dark", "nord", "textual-light"]:
            app.theme = name
            await pilot.pause()
            status_read = app.query_one("#v3", Label).styles.color
            assert status_read.hex.upper() == Color.parse(
                app.theme_variables["status-read"]).hex.upper()
        contrast_theme = app.get_theme("reader-contrast")
        assert contrast_theme is not None
        app.theme = "reader-contrast"
        await pilot.pause()
        assert app.query_one("#v3", Label).styles.color.hex.upper() == "#00FF7F"


def test_defaults_cover_all_builtin_themes() -> None:
    for theme in BUILTIN_THEMES.values():
        values = variable_defaults(theme)
        assert set(values) == set(SEMANTIC_VARIABLES)
        for value in values.values():
            Color.parse(value)


def test_built_wheel_ships_and_finds_the_themes(tmp_path: Path) -> None:
    """The wheel holds reader/_themes/*.toml and an installed copy loads them."""
    builders = pytest.importorskip("hatchling.builders.wheel")
    wheel = Path(next(iter(
        builders.WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    )))
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        shipped = {Path(n).stem for n in names
                   if n.startswith("reader/_themes/") and n.endswith(".toml")}
        assert shipped >= REQUIRED
        site = tmp_path / "site"
        zf.extractall(site)
    code = (
        "import reader.tui.themes as t, reader.paths as p;"
        "themes, errors = t.load_themes();"
        "print(sorted(x.name for x in themes), errors, [str(d) for d in p.themes_dirs()])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(site),
        "READER_CONFIG_DIR": str(tmp_path / "cfg")}, capture_output=True, text=True,
        timeout=20, check=True,
    ).stdout
    for name in REQUIRED:
        assert repr(name) in out
    assert str(site / "reader" / "_themes") in out
    assert str(ROOT) not in out


_VALUES = st.one_of(
    st.sampled_from(["#123456", "#fff", "#11223344", "red", "auto", "initial", "ansi_red",
                     "#00E5FF 50%", "auto 60%", "bold", "not underline", "", "rgb(1,2,3)",
                     "hsl(10,50%,50%)", "#12", "red; color: blue", "#fff 30% x"]),
    st.text(max_size=12), st.booleans(), st.integers(-3, 3), st.floats(-1, 2),
)
_KEYS = st.sampled_from([*sorted(ALLOWED_KEYS - {"variables"}), "sparkle"])
_VAR_NAMES = st.sampled_from(["status-new", "block-cursor-background", "text-muted",
                              "block-cursor-text-style", "link-style-hover", "bad name", "x"])


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(_KEYS, _VALUES, max_size=6),
       variables=st.one_of(st.none(), st.integers(),
                           st.dictionaries(_VAR_NAMES, _VALUES, max_size=3)))
def test_theme_data_is_accepted_whole_or_refused_with_one_line(
    data: dict[str, Any], variables: Any,
) -> None:
    if variables is not None:
        data["variables"] = variables
    try:
        theme = theme_from_data("fuzz", data)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    css_vars = theme.to_color_system().generate()  # what applying it does
    assert css_vars["primary"]
    for name, value in theme.variables.items():
        prop = ("text-style" if "-style" in name
                else "background" if "background" in name else "color")
        sheet = Stylesheet()
        sheet.add_source(f"Widget {{ {prop}: {value}; }}", read_from=("fuzz", ""))
        sheet.parse()  # raises on a value the app's CSS could not use


def test_text_muted_auto_is_accepted_but_not_for_backgrounds_or_fields() -> None:
    ok = theme_from_data("t", {"primary": "#123456", "variables": {"text-muted": "auto 70%"}})
    assert ok.variables["text-muted"] == "auto 70%"
    with pytest.raises(ValueError, match="block-cursor-background"):
        theme_from_data("t", {"primary": "#123", "variables": {"block-cursor-background": "auto"}})
    with pytest.raises(ValueError, match="primary"):
        theme_from_data("t", {"primary": "auto"})
    with pytest.raises(ValueError, match="surface"):
        theme_from_data("t", {"primary": "#123", "surface": "#fff 50%"})


def test_theme_names_must_be_plain_words(tmp_path: Path) -> None:
    for name in ("[b]bold.toml", "x[@click=app.quit]y.toml", "esc\x1b[2J.toml"):
        (tmp_path / name).write_text('primary = "#336699"\n', encoding="utf-8")
    (tmp_path / "my_theme-2.0.toml").write_text('primary = "#336699"\n', encoding="utf-8")
    themes, errors = load_themes([tmp_path])
    assert [t.name for t in themes] == ["my_theme-2.0"]
    assert len(errors) == 3 and all("file name" in e for e in errors)
    assert "\x1b" not in theme_errors_message(errors)
