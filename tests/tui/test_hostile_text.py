"""Hostile paper text: shown literally, never interpreted, never reaching the terminal."""

from __future__ import annotations

from textual.widgets import Static
from tui_fixtures import FIXED_NOW, main_screen, paper_list, running, settle

from reader.model import Paper, ReadingState, Status
from reader.store import Library
from reader.tui.widgets import DetailPane

HOSTILE_TITLES = [
    "[bold]Bold[/bold] claims about [MASK] tokens",
    "Closing [/] early and [/bold] again",
    "Innocent [link=file:///etc/passwd]click me[/link]",
    "Score [@click=app.quit]quit[/]",
    "Unbalanced [[[ brackets ]] and [ alone",
    "Clipboard \x1b]52;c;UFdORUQ=\x07 write and \x1b]52;c;QUJD\x1b\\ again",
    "Clear \x1b[2J screen \x9b31m and \x1b]0;title\x07",
    "Bidi \u202ereversed\u202c text",
    "宽字符的标题 with emoji 🧠📄 and ｆｕｌｌｗｉｄｔｈ",
    "Long " + "very " * 600 + "title",
]


def hostile_library() -> Library:
    lib = Library.open(None, clock=lambda: FIXED_NOW)
    papers = [
        Paper(id=f"title:h{i}", title=t, abstract=f"Abstract of [b]{i}[/b] \x1b[31m red",
              authors=["[red]Mallory[/red]", "Eve \x1b]52;c;eA==\x07"], year=2024,
              urls=["javascript:alert(1)", "https://example.org/[x]"])
        for i, t in enumerate(HOSTILE_TITLES)
    ]
    states = {
        p.id: ReadingState(p.id, status=Status.NEW, tags=["[b]tag[/b]", "x]["],
                           note="# Note [@click=app.quit]x[/]\n\n[link](javascript:alert(1))")
        for p in papers
    }
    lib.add_papers(papers, states=states)
    return lib


async def test_hostile_titles_never_crash_or_leak_escapes() -> None:
    lib = hostile_library()
    for size in [(80, 24), (160, 48)]:
        async with running(lib, size=size) as pilot:
            app = pilot.app
            papers = paper_list(app)
            assert len(papers.ids) == len(HOSTILE_TITLES)
            # every row stays one line, whatever the title
            assert papers.virtual_size.height == papers.row_count
            for _ in HOSTILE_TITLES:
                await pilot.press("j")
            await settle(pilot)
            # clicking on crafted titles runs no action
            for y in (2, 5, 8):
                await pilot.click(papers, offset=(20, y))
            await pilot.pause()
            assert app.is_running
            svg = app.export_screenshot()
            assert "\x1b" not in svg and "\x9b" not in svg and "\u202e" not in svg
            assert "[/bold]" in svg.replace("&#160;", " ") or size == (80, 24)


async def test_hostile_text_appears_literally_in_detail() -> None:
    lib = hostile_library()
    async with running(lib, size=(160, 48)) as pilot:
        detail = main_screen(pilot.app).query_one(DetailPane)
        title = detail.query_one("#detail-title", Static)
        assert str(title.render()) == HOSTILE_TITLES[0]
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert str(title.render()) == HOSTILE_TITLES[3]  # "[@click=app.quit]" literal
        await pilot.press("j", "j")
        await settle(pilot)
        shown = str(title.render())
        assert "\x1b" not in shown and "\x07" not in shown
        assert "Clipboard" in shown
        meta = str(detail.query_one("#detail-meta", Static).render())
        assert "[red]Mallory[/red]" in meta
        assert "javascript:" in meta  # listed as text, never opened (http(s) only)
