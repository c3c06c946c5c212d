"""The app's start path imports what its first paint needs and no more: the store
(its file lock, TinyDB) comes with the loading worker, after the first paint, and
the HTTP client with the first network job."""

from __future__ import annotations

import subprocess
import sys

import pytest

LATER = ("reader.store.library", "filelock", "tinydb", "reader.net", "httpx")
"""Modules the first paint does without."""


def _imported_at_start(extra: str = "") -> list[str]:
    """Which of LATER a fresh interpreter holds after importing what `reader` imports
    to open the app (the CLI, the app and its main screen), then running `extra`."""
    code = ("import sys, reader.cli, reader.tui.app\n"
            f"{extra}\n"
            f"print(','.join(m for m in {LATER!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return [m for m in result.stdout.strip().split(",") if m]


def test_the_start_path_leaves_the_store_and_the_network_for_later() -> None:
    assert _imported_at_start() == []


@pytest.mark.parametrize("use", ["from reader.store import Library",
                                 "import reader.store; reader.store.Library"])
def test_the_store_is_there_when_asked_for(use: str) -> None:
    assert {"reader.store.library", "filelock", "tinydb"} <= set(_imported_at_start(use))
