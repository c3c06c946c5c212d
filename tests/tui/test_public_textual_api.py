"""The app uses Textual's public API only, so Textual can move within a compatible
range (pyproject: >=8.2,<9) without the app breaking. Fails when private API comes back:
an import from a private Textual module, a known private App hook, or a class of ours
overriding an underscore attribute of a Textual class."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

import reader
import reader.tui

SOURCES = sorted(Path(reader.__file__).parent.rglob("*.py"))
PRIVATE_IMPORT = re.compile(
    r"^\s*(from\s+textual(\.\w+)*\._\w+|import\s+textual(\.\w+)*\._\w+"
    r"|from\s+textual(\.\w+)*\s+import\s+.*\b_[a-z]\w*)", re.MULTILINE)
PRIVATE_HOOK = re.compile(
    r"\b(self|super\(\)|app|self\.app)\.(_handle_exception|_fatal_error|_exit_renderables"
    r"|_validate_theme|_refresh_truecolor_filter|_print_error_renderables|_close_messages"
    r"\w*|_driver|_file|_exception|_notifications)\b")
INTERNAL_CLASS = re.compile(r"\b(has_class|set_class|add_class|remove_class|toggle_class)"
                            r"\([^)]*[\"']--[\w-]+[\"']")
"""Textual marks a widget's internal states with `--` classes (the palette's
`--visible`): they change without notice, unlike the widget's public attributes."""


def _hits(pattern: re.Pattern[str]) -> list[str]:
    found: list[str] = []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(Path(reader.__file__).parent)}:{line}: "
                         f"{match.group(0).strip()}")
    return found


def test_no_import_from_a_private_textual_module() -> None:
    assert _hits(PRIVATE_IMPORT) == []


def test_no_private_app_hook_is_used_or_overridden() -> None:
    assert _hits(PRIVATE_HOOK) == []


def test_no_internal_textual_css_class_is_read_or_set() -> None:
    assert _hits(INTERNAL_CLASS) == []


def test_the_checks_see_what_they_look_for() -> None:
    assert PRIVATE_IMPORT.search("        import textual.widgets._markdown  # noqa")
    assert PRIVATE_IMPORT.search("from textual.drivers._writer_thread import X")
    assert not PRIVATE_IMPORT.search("from textual.widgets.option_list import Option")
    assert PRIVATE_HOOK.search("        self._refresh_truecolor_filter(self.ansi_theme)")
    assert PRIVATE_HOOK.search("        super()._handle_exception(error)")


def _framework_names() -> set[str]:
    """Underscore names Textual's own machinery puts in every subclass."""

    class ProbeWidget(Widget):
        pass

    class ProbeScreen(ModalScreen[None]):
        pass

    class ProbeApp(App[None]):
        pass

    class ProbeMessage(Message):
        pass

    names = {"_abc_impl"}
    for probe in (ProbeWidget, ProbeScreen, ProbeApp, ProbeMessage):
        names |= {n for n in vars(probe) if n.startswith("_")}
    return names


def _our_classes() -> list[type]:
    classes: list[type] = []
    for info in pkgutil.walk_packages(reader.tui.__path__, prefix="reader.tui."):
        module = importlib.import_module(info.name)
        classes += [c for c in vars(module).values()
                    if inspect.isclass(c) and c.__module__ == info.name]
    return classes


@pytest.mark.parametrize("base", [Widget, Screen, App, Message])
def test_no_class_of_ours_overrides_a_private_textual_attribute(base: type) -> None:
    allowed = _framework_names()
    overrides: list[str] = []
    for cls in _our_classes():
        if not issubclass(cls, base):
            continue
        theirs = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
        for name in vars(cls):
            if (name.startswith("_") and not name.startswith("__") and name not in allowed
                    and any(name in vars(b) for b in theirs)):
                overrides.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert overrides == []
