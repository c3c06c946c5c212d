"""Themes are data: each `*.toml` file in a themes folder becomes a Textual `Theme`.

The theme's name is the file name without `.toml`. A file holds the fields of
`textual.theme.Theme` (primary, secondary, accent, foreground, background,
surface, panel, boost, warning, error, success, dark, luminosity_spread,
text_alpha, ansi) and a `[variables]` table. Broken files are collected as
one-line messages ("<file>: <problem>") and skipped, never raised (the habit of
posting's themes.py): a bad theme must not stop the app.

Semantic aliases (`SEMANTIC_VARIABLES`) let the app's CSS say `$status-read`
instead of a colour; `variable_defaults` derives them for any theme (the
built-in Textual themes do not define them) so CSS referencing them always
parses. Wire it as `App.get_theme_variable_defaults`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import Theme

from reader.paths import bundled_themes_dirs, themes_dirs
from reader.text import clean_line

if TYPE_CHECKING:
    from textual.app import App

COLOUR_FIELDS = (
    "primary", "secondary", "accent", "foreground", "background", "surface",
    "panel", "boost", "warning", "error", "success",
)
"""Theme fields holding a colour; `primary` is the only required one."""
_BOOL_FIELDS = ("dark", "ansi")
_FLOAT_FIELDS = ("luminosity_spread", "text_alpha")
ALLOWED_KEYS = frozenset((*COLOUR_FIELDS, *_BOOL_FIELDS, *_FLOAT_FIELDS, "variables", "name"))

SEMANTIC_VARIABLES: dict[str, str] = {
    "status-new": "glyph colour of a new (inbox) paper",
    "status-to-read": "glyph colour of a paper marked to read",
    "status-reading": "glyph colour of a paper being read",
    "status-read": "glyph colour of a paper read (done)",
    "status-skipped": "glyph colour of a skipped paper (muted)",
    "rating-star": "colour of the filled rating stars",
    "tag-foreground": "text colour of a tag chip",
    "tag-background": "background of a tag chip",
    "search-highlight-foreground": "text colour of a search match in the abstract",
    "search-highlight-background": "background of a search match in the abstract",
}
"""Variables every Reader theme defines (and `variable_defaults` supplies)."""

_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_THEME_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
"""Theme names (file names) are shown by Textual's theme picker as markup: plain words only."""
_PERCENT = re.compile(r"^\d+(\.\d+)?%$")
_MAX_FILE_BYTES = 256 * 1024


def _colour_problem(value: str) -> str | None:
    """None when `value` is a CSS colour, optionally followed by an alpha `NN%`."""
    parts = value.split()
    if not parts or len(parts) > 2:
        return "expected a colour"
    if len(parts) == 2 and not _PERCENT.match(parts[1]):
        return "expected a colour and an optional percentage"
    if parts[0] in ("auto", "initial"):  # contrasting text colour / the default
        return None
    try:
        Color.parse(parts[0])
    except ColorParseError as exc:
        return str(exc)
    return None


def _variable_problem(name: str, value: object) -> str | None:
    """Check one `[variables]` entry; style variables take text styles, others colours."""
    if not _VARIABLE_NAME.match(name):
        return f"bad variable name {name!r}"
    if not isinstance(value, str):
        return f"variable {name!r} must be a string"
    if "-style" in name:  # block-cursor-text-style, link-style-hover: text styles
        bad = [w for w in value.split() if w not in VALID_STYLE_FLAGS]
        return f"variable {name!r}: unknown text style {' '.join(bad)!r}" if bad else None
    if "background" in name and value.split()[:1] == ["auto"]:
        return f"variable {name!r}: 'auto' is only for text colours"
    problem = _colour_problem(value)
    return f"variable {name!r}: {problem}" if problem else None


def theme_from_data(name: str, data: dict[str, Any], *, trusted: bool = False) -> Theme:
    """Build a Theme from a parsed file; raise ValueError with one short reason.

    `trusted`: one of our own files (tests generate each of them), whose colour
    system is not generated here a second time: start-up stays light."""
    if not _THEME_NAME.match(name):
        raise ValueError("the file name (the theme's name) may hold only letters, digits, "
                         "'-', '_' and '.'")
    unknown = sorted(set(data) - ALLOWED_KEYS)
    if unknown:
        allowed = ", ".join(sorted(ALLOWED_KEYS - {"name"}))
        raise ValueError(f"unknown key {unknown[0]!r} (allowed: {allowed})")
    if "name" in data and data["name"] != name:
        raise ValueError(f"'name' is {data['name']!r} but the file name says {name!r}")
    if "primary" not in data:
        raise ValueError("missing required colour 'primary'")
    kwargs: dict[str, Any] = {}
    for key in COLOUR_FIELDS:
        if key in data:
            value = data[key]
            if not isinstance(value, str):
                raise ValueError(f"{key!r} must be a colour string, got {value!r}")
            try:
                Color.parse(value.strip())
            except ColorParseError as exc:
                raise ValueError(f"bad colour for {key!r}: {exc}") from None
            kwargs[key] = value.strip()
    for key in _BOOL_FIELDS:
        if key in data:
            if not isinstance(data[key], bool):
                raise ValueError(f"{key!r} must be true or false, got {data[key]!r}")
            kwargs[key] = data[key]
    for key in _FLOAT_FIELDS:
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{key!r} must be a number, got {value!r}")
            if not 0.0 <= float(value) <= 1.0:
                raise ValueError(f"{key!r} must be between 0 and 1, got {value!r}")
            kwargs[key] = float(value)
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError("'variables' must be a table ([variables])")
    for var_name, var_value in variables.items():
        problem = _variable_problem(var_name, var_value)
        if problem:
            raise ValueError(problem)
    kwargs["variables"] = {k: v.strip() for k, v in variables.items()}
    theme = Theme(name=name, **kwargs)
    if trusted:
        return theme
    try:  # what applying the theme does first; must not fail later inside the app
        theme.to_color_system().generate()
    except Exception as exc:  # any failure means an unusable theme
        raise ValueError(f"unusable colours: {exc}") from None
    return theme


def load_theme_file(path: Path, *, trusted: bool = False) -> Theme:
    """Load one theme file; raise ValueError with a one-line reason (without the path)."""
    try:
        if path.stat().st_size > _MAX_FILE_BYTES:
            raise ValueError("file too large for a theme")
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"invalid TOML: {exc}") from None
    return theme_from_data(path.stem, data, trusted=trusted)


def _theme_files(dirs: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in dirs:
        try:
            entries = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        files.extend(p for p in entries if not p.name.startswith(".") and p.is_file())
    return files


def load_themes(dirs: list[Path] | None = None) -> tuple[list[Theme], list[str]]:
    """All themes in `dirs` (default: `reader.paths.themes_dirs()`), and the errors.

    Each error is one line: "<file path>: <problem>". A later folder's theme
    replaces an earlier one of the same name (the user's own overrides ours).
    """
    folders = themes_dirs() if dirs is None else dirs
    ours = set(bundled_themes_dirs())
    themes: dict[str, Theme] = {}
    errors: list[str] = []
    for path in _theme_files(folders):
        try:
            theme = load_theme_file(path, trusted=path.parent in ours)
        except ValueError as exc:
            errors.append(f"{path}: {' '.join(str(exc).split())}")
            continue
        themes[theme.name] = theme
    return list(themes.values()), errors


def register_themes(app: App[Any], dirs: list[Path] | None = None) -> list[str]:
    """Register every loadable theme with `app`; return the errors (one line each).

    The caller reports them once, e.g. `app.notify(theme_errors_message(errors),
    severity="warning", markup=False)`.
    """
    themes, errors = load_themes(dirs)
    for theme in themes:
        app.register_theme(theme)
    return errors


def theme_errors_message(errors: list[str]) -> str:
    """One notification text for all broken theme files (plain text, not markup)."""
    head = "A theme file could not be loaded:" if len(errors) == 1 else (
        f"{len(errors)} theme files could not be loaded:")
    return "\n".join([head, *(clean_line(e) for e in errors)])  # file names: no escapes


def variable_defaults(theme: Theme) -> dict[str, str]:
    """Values for `SEMANTIC_VARIABLES` derived from any theme's colours.

    Used for themes that do not define them (Textual's built-in themes). The
    values are literal hex colours (CSS variables cannot refer to each other here).
    """
    colours = theme.to_color_system().generate()

    def colour(name: str) -> Color:
        try:
            return Color.parse(colours[name].split()[0])
        except (KeyError, IndexError, ColorParseError):
            return Color.parse("#808080")

    background = colour("background")
    foreground = colour("foreground")
    highlight = colour("accent")
    return {
        "status-new": colour("primary").hex,
        "status-to-read": colour("accent").hex,
        "status-reading": colour("secondary").hex,
        "status-read": colour("success").hex,
        "status-skipped": foreground.blend(background, 0.45).hex,
        "rating-star": colour("warning").hex,
        "tag-foreground": colour("primary").hex,
        "tag-background": colour("panel").hex,
        "search-highlight-foreground": highlight.get_contrast_text(1.0).hex,
        "search-highlight-background": highlight.hex,
    }
