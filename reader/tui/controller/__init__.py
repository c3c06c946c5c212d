"""The main screen's headless side: the library controller and its messages."""

from __future__ import annotations

from reader.tui.controller.library import LibraryController

__all__ = ["LibraryController"]
