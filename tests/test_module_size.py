"""Modules stay small: no module of reader/ is over 300 lines (split one by what it
holds, as the cli_*.py and store modules are)."""

from __future__ import annotations

from pathlib import Path

import reader

LIMIT = 300


def test_no_module_is_over_300_lines() -> None:
    root = Path(reader.__file__).parent
    sizes = {path: len(path.read_text(encoding="utf-8").splitlines())
             for path in sorted(root.rglob("*.py"))}
    assert len(sizes) > 100  # the whole package was read
    over = [f"{path.relative_to(root.parent)}: {lines} lines"
            for path, lines in sizes.items() if lines > LIMIT]
    assert not over, f"modules over {LIMIT} lines:\n" + "\n".join(over)
