"""The reading screen's other ways in and out: enter on the detail pane, O (the PDF
downloaded once into the cache and handed to the viewer), hostile text on screen."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from reading_fixtures import READ_ID, reading_library
from textual.app import App
from tui_fixtures import run_command, running, settle

from reader.model import Entry
from reader.net.limiter import shared_limiter
from reader.tui.screens.reading import ReadingScreen
from reader.tui.screens.reading_link import LibraryLink
from reader.tui.widgets import DetailPane
from reader.tui.widgets.paper_text import PaperText
from tests.fulltext.pdfmaker import tiny_pdf


async def test_enter_on_the_detail_pane_opens_the_reading_screen() -> None:
    async with running(reading_library(), size=(160, 45)) as pilot:
        pilot.app.screen.query_one(DetailPane).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReadingScreen)
        assert pilot.app.screen.paper_id == READ_ID
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ReadingScreen)


async def test_hostile_text_is_shown_literally() -> None:
    async with running(reading_library(), size=(160, 45)) as pilot:
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("slash", *"Hostile", "enter")
        await settle(pilot)
        shown = pilot.app.export_screenshot().replace("&#160;", " ")
        assert "[bold]not bold[/bold]" in shown
        assert "[@click=app.quit]quit[/]" in shown
        assert "\x1b" not in shown and "\u202e" not in shown


async def test_capital_o_downloads_the_pdf_once_and_opens_it(
        httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_ARXIV_URL", httpserver.url_for("").rstrip("/"))
    monkeypatch.setenv("READER_FETCH_DELAY", "0")
    shared_limiter().reset()
    httpserver.expect_oneshot_request("/pdf/2401.01234").respond_with_data(
        tiny_pdf("The PDF."), content_type="application/pdf")
    lib = reading_library()
    opened: list[Path] = []
    link = LibraryLink(entry=lambda pid: None, entries=lambda: [],
                       save_note=lambda pid, text, base, stored: None,
                       set_status=lambda pid, s: None,
                       add_reference=lambda ref, citing, done: None,
                       open_file=lambda path: opened.append(path) is None)
    app: App[None] = App()
    async with app.run_test(size=(120, 30)) as pilot:
        await app.push_screen(ReadingScreen(Entry(lib.paper(READ_ID), lib.state(READ_ID)),
                                            link))
        await settle(pilot)
        assert app.screen.query_one(PaperText).lines
        for _ in range(2):  # the second time from the cache (the server answers once)
            await pilot.press("O")
            await settle(pilot)
        assert len(opened) == 2 and opened[0] == opened[1]
        assert opened[0].read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(opened[0].stat().st_mode) == 0o600


async def test_a_line_citing_several_papers_asks_which_to_add(
        httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.tui.dialogs.cited import CitedChooser
    from tests.net.net_fixtures import FakeArxiv

    base = httpserver.url_for("").rstrip("/")
    monkeypatch.setenv("READER_ARXIV_API_URL", f"{base}/api/query")
    monkeypatch.setenv("READER_DOI_URL", f"{base}/doi")
    monkeypatch.setenv("READER_FETCH_DELAY", "0")
    shared_limiter().reset()
    httpserver.expect_request("/api/query").respond_with_handler(FakeArxiv([]).handler)
    lib = reading_library()
    async with running(lib, size=(160, 45)) as pilot:
        await pilot.press("R")
        await settle(pilot)
        text = pilot.app.screen.query_one(PaperText)
        text.go_to_flow(next(n for n, f in enumerate(text.flows)
                             if any("bib.bib2" in c[2] for c in f.cites)))  # "[1, 2]"
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CitedChooser)
        await pilot.press("enter")  # the first, highlighted: [1], arXiv:1607.06450
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReadingScreen)
        added = [e for e in lib.entries() if e.paper.title == "Layer normalization"]
        assert len(added) == 1  # not on the (local) arXiv: added by its title
        assert added[0].paper.arxiv_id == "1607.06450"


async def test_the_palette_offers_the_reading_keys() -> None:
    async with running(reading_library(), size=(160, 45)) as pilot:
        await pilot.press("R")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReadingScreen)
        names = {c.name: c for c in screen.palette_commands()}
        assert "reading: search" in names and "reading: next section" in names
        await run_command(pilot, names["reading: next section"])
        assert screen.query_one(PaperText).cursor_flow > 0
