"""The Textual app (layer 3). Only this package imports Textual."""

from __future__ import annotations

from pathlib import Path


def run_app(db_path: Path, *, theme: str | None = None, demo: bool = False) -> None:
    """Open the app on the library at `db_path` (CONTRACT STUB: the app owner fills it)."""
    raise NotImplementedError
