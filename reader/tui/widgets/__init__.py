"""The main screen's widgets: shelves sidebar, paper list, detail pane."""

from __future__ import annotations

from reader.tui.widgets.detail import DetailPane
from reader.tui.widgets.paper_list import PaperList
from reader.tui.widgets.shelves import ShelfList

__all__ = ["DetailPane", "PaperList", "ShelfList"]
