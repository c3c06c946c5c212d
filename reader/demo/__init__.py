"""The bundled demo library (our own text, in the plain-text page layout)."""

from __future__ import annotations

from pathlib import Path


def build_demo_library(path: Path) -> None:
    """Create a library at `path` from the demo listing, with a few reading states
    so every screen looks alive (CONTRACT STUB: the parsing owner fills it)."""
    raise NotImplementedError
