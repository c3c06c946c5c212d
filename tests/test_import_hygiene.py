"""Layers point down: no core module imports Textual (harlequin's test), and no core or
CLI module imports the app (reader.tui) but for the CLI starting it."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

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
def test_core_module_does_not_import_textual_or_the_app(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual' "
        "or m.split('.')[:2] == ['reader', 'tui']]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, (f"{module} imports textual or reader.tui: "
                                    f"{result.stdout}{result.stderr}")


APP_LAUNCH = {("reader.cli_app", "reader.tui", ("run_app",))}
"""The one place below the app that may name it: `reader` with no command starts it."""


def _tui_imports(path: Path, module: str) -> list[str]:
    """Every import of reader.tui in the module's source, at any depth (also the
    imports inside functions, which an import of the module does not run)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[:2] == ["reader", "tui"]]
            found += [f"line {node.lineno}: import {n}" for n in names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            target = node.module
            imported = tuple(a.name for a in node.names)
            if target == "reader" and "tui" in imported:
                found.append(f"line {node.lineno}: from reader import tui")
            elif (target.split(".")[:2] == ["reader", "tui"]
                  and (module, target, imported) not in APP_LAUNCH):
                found.append(f"line {node.lineno}: from {target} import {', '.join(imported)}")
    return found


def test_core_and_cli_sources_never_import_the_app() -> None:
    root = Path(reader.__file__).parent
    bad: dict[str, list[str]] = {}
    for module in CORE:
        relative = Path(*module.split(".")[1:])
        path = root / relative / "__init__.py"
        if not path.exists():
            path = (root / relative).with_suffix(".py")
        if lines := _tui_imports(path, module):
            bad[module] = lines
    assert not bad, f"modules below the app import it: {bad}"


def test_the_check_finds_an_import_of_the_app(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from reader.tui.state import LibraryView\n")
    assert _tui_imports(source, "reader.m") == ["line 2: from reader.tui.state import LibraryView"]
    source.write_text("from reader.tui import run_app\n")
    assert _tui_imports(source, "reader.cli_app") == []
    assert _tui_imports(source, "reader.cli_commands") != []
