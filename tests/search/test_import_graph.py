"""The modules of reader/search import each other without a circle, and stay small.

Every import statement counts, wherever it is (module level, under TYPE_CHECKING,
inside a function): a circle hidden in a function is still a circle a reader of
the code must untangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import reader.search

PACKAGE = "reader.search"
FOLDER = Path(reader.search.__file__).parent


def _modules() -> dict[str, Path]:
    return {f"{PACKAGE}.{path.stem}": path for path in sorted(FOLDER.glob("*.py"))
            if path.stem != "__init__"}


def _imports(path: Path, known: set[str]) -> set[str]:
    """The modules of the package that `path` imports (`from reader.search import x`
    names module x when x is one; the package itself is left out)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found & known


def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, set(modules)) - {name} for name, path in modules.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One circle of `edges` (its modules in import order, the first repeated at the
    end), or [] when there is none."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str]:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return []
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            cycle = visit(nxt)
            if cycle:
                return cycle
        path.pop()
        done.add(node)
        return []

    for start in sorted(edges):
        cycle = visit(start)
        if cycle:
            return cycle
    return []


def test_reader_search_has_no_import_circle() -> None:
    edges = graph()
    assert len(edges) > 10  # the package's modules were found
    cycle = find_cycle(edges)
    assert not cycle, "import circle: " + " -> ".join(cycle)


def test_the_check_sees_a_circle_through_a_function_level_import(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from reader.search import b\n")
    (tmp_path / "b.py").write_text("def f():\n    from reader.search.a import x\n")
    known = {f"{PACKAGE}.a", f"{PACKAGE}.b"}
    edges = {name: _imports(tmp_path / f"{name.rsplit('.', 1)[1]}.py", known)
             for name in known}
    assert find_cycle(edges) == [f"{PACKAGE}.a", f"{PACKAGE}.b", f"{PACKAGE}.a"]
    assert find_cycle({"x": {"y"}, "y": set()}) == []


def test_every_module_of_reader_search_is_under_300_lines() -> None:
    long = {path.name: n for path in FOLDER.glob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) >= 300}
    assert not long, f"split these modules: {long}"
