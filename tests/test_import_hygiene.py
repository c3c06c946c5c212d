"""Layers point down: no core module imports Textual (harlequin's test, DEVELOPERS.md)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import reader

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(reader.__path__, prefix="reader.")
    if not m.name.startswith("reader.tui") and m.name not in {"reader.__main__"}
)


def test_core_modules_found() -> None:
    assert "reader.model" in CORE
    assert "reader.cli" in CORE


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports textual: {result.stdout}{result.stderr}"
