"""The detail pane shows a paper's arXiv categories on one line, as text (never markup)."""

from __future__ import annotations

from textual.widgets import Static
from tui_fixtures import FIXED_NOW, main_screen, running

from reader.model import Paper
from reader.store import Library
from reader.tui.widgets import DetailPane


async def test_categories_line_in_detail() -> None:
    lib = Library.open(None, clock=lambda: FIXED_NOW)
    lib.add_papers([Paper(id="arxiv:2401.00001", title="With categories", year=2024,
                          arxiv_id="2401.00001",
                          categories=["cs.LG", "stat.ML", "[b]x[/b]"])])
    async with running(lib, size=(120, 36)) as pilot:
        meta = str(main_screen(pilot.app).query_one(DetailPane)
                   .query_one("#detail-meta", Static).render())
    assert "cs.LG stat.ML [b]x[/b]" in meta.splitlines()
