"""The app's workers report back with messages (posted from the thread, handled on the
UI thread by the widget that owns the work), never by `call_from_thread` into a
method: fails when a `call_from_thread` comes back anywhere in reader/tui."""

from __future__ import annotations

import ast
from pathlib import Path

import reader.tui

TUI = Path(reader.tui.__file__).parent


def _calls_from_thread(source: str) -> list[int]:
    """Lines that name `call_from_thread` (a call, or the bound method passed on);
    a word in a comment or a docstring does not count."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and node.attr == "call_from_thread"]


def test_the_check_sees_what_it_looks_for() -> None:
    assert _calls_from_thread("self.app.call_from_thread(self._show, stats)\n") == [1]
    assert _calls_from_thread("x = 1\nrun(app.call_from_thread)\n") == [2]
    assert _calls_from_thread('"""no call_from_thread here"""  # nor call_from_thread\n') == []


def test_no_worker_reports_through_call_from_thread() -> None:
    sources = sorted(TUI.rglob("*.py"))
    assert len(sources) > 50  # the whole app was read
    found = [f"{path.relative_to(TUI)}:{line}"
             for path in sources
             for line in _calls_from_thread(path.read_text(encoding="utf-8"))]
    assert found == [], "post a past-tense message from the worker instead"
