"""The network in the app: `a` adds by id or link, the palette fetches and resolves,
a job shows progress and can be cancelled, papers appear as they arrive, and `o` on a
paper without a link looks its title up on arXiv. Against a local server."""

from __future__ import annotations

from typing import Any

import pytest
from net_fixtures import FakeArxiv, Record
from pytest_httpserver import HTTPServer
from textual.widgets import Button, Input, ProgressBar, Static

from reader.model import Paper, Status
from reader.tui.dialogs.ask import AskDialog, check_refs
from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.netjobs import resolve_job
from reader.tui.screens import network
from reader.tui.widgets import PaperList
from reader.tui.widgets.netjob import NetJobBar
from tests.tui.tui_fixtures import (
    FIXED_NOW,
    fixture_library,
    main_screen,
    running,
    settle,
    wait_until,
)

PASTED = [Paper(id=f"title:p{i}", title=f"A Pasted Title Number {i}",
                abstract=" ".join(f"word{i * 10 + k}" for k in range(10)),
                source="hf-text:page.txt") for i in range(45)]


def served_records() -> list[Record]:
    return [Record(f"2405.{i:05d}", p.title, ["Ada Lovelace"], "2024-05-02",
                   abstract=p.abstract) for i, p in enumerate(PASTED) if i % 2 == 0]


def notes(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_check_refs() -> None:
    assert check_refs("2406.01234 https://doi.org/10.1000/x") == (True, "2 papers to add")
    assert check_refs("2406.01234, nope")[0] is False
    assert check_refs("")[0] is False


async def test_a_adds_papers_that_appear_in_the_inbox(served: HTTPServer) -> None:
    api = FakeArxiv([Record("2406.00001", "A Fetched Paper", ["Grace Hopper"], "2024-06-01")])
    served.expect_request("/api/query").respond_with_handler(api.handler)
    async with running(fixture_library()) as pilot:
        await pilot.press("a")
        dialog = pilot.app.screen
        assert isinstance(dialog, AskDialog)
        await pilot.press(*"nope")
        await pilot.pause()
        assert dialog.query_one("#ok", Button).disabled  # not an id: refused
        dialog.query_one(Input).value = "https://arxiv.org/abs/2406.00001v2"
        await pilot.pause()
        assert not dialog.query_one("#ok", Button).disabled
        await pilot.press("enter")
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert "arxiv:2406.00001" in pilot.app.query_one(PaperList).ids  # in the Inbox
        assert screen.view is not None
        assert screen.view.entries["arxiv:2406.00001"].paper.authors == ["Grace Hopper"]
        assert any(n.startswith("1 added") for n in notes(pilot.app))
        assert not pilot.app.query_one(NetJobBar).running


async def test_resolve_from_the_palette_shows_progress_and_keeps_state(
        served: HTTPServer) -> None:
    api = FakeArxiv(served_records())
    served.expect_request("/api/query").respond_with_handler(api.handler)
    lib = fixture_library(PASTED)
    lib.set_status("title:p0", Status.TO_READ)
    async with running(lib) as pilot:
        screen = main_screen(pilot.app)
        command = next(c for c in screen.palette_commands()
                       if c.name == "network: resolve pasted titles")
        command.run()
        await settle(pilot)
        bar = pilot.app.query_one(NetJobBar)
        assert bar.query_one(ProgressBar).progress == 45
        assert len(api.requests) == 3  # 45 titles, 20 per request
        assert "23 resolved, 22 no match of 45" in notes(pilot.app)
        assert screen.view is not None
        assert screen.view.entries["title:p0"].paper.arxiv_id == "2405.00000"
        assert screen.view.entries["title:p0"].state.status is Status.TO_READ
        assert screen.view.entries["title:p44"].paper.arxiv_id == "2405.00044"  # last batch
        assert lib.paper("title:p2").authors == ["Ada Lovelace"]


async def test_cancel_stops_between_requests_and_keeps_what_arrived(
        served: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FETCH_DELAY", "600")  # the second request would wait 10 min
    api = FakeArxiv(served_records())
    served.expect_request("/api/query").respond_with_handler(api.handler)
    lib = fixture_library(PASTED)
    async with running(lib) as pilot:
        screen = main_screen(pilot.app)
        network.start(screen, resolve_job())  # type: ignore[arg-type]
        bar = pilot.app.query_one(NetJobBar)
        await wait_until(pilot, lambda: bar.query_one(ProgressBar).progress == 20,
                         "the first batch written and shown")
        await pilot.click("#job-cancel")
        await settle(pilot)
        assert not bar.running
        assert any("cancelled" in n for n in notes(pilot.app))
        assert len(api.requests) == 1
        assert lib.paper("title:p0").arxiv_id == "2405.00000"  # the first batch stays
        assert lib.paper("title:p20").arxiv_id is None


async def test_o_on_a_paper_without_a_link_looks_its_title_up(served: HTTPServer) -> None:
    api = FakeArxiv(served_records())
    served.expect_request("/api/query").respond_with_handler(api.handler)
    lib = fixture_library([PASTED[2], PASTED[3]])
    async with running(lib) as pilot:
        opened: list[str] = []
        pilot.app.open_link = lambda url: opened.append(url) or True  # type: ignore[method-assign]
        await pilot.press("o")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert opened == [f"{served.url_for('').rstrip('/')}/abs/2405.00002"]
        await pilot.press("j", "o", "y")  # the next paper has no served record
        await settle(pilot)
        assert opened[-1].startswith(served.url_for("").rstrip("/") + "/search/?query=A+Pasted")


async def test_a_fault_is_one_notification(served: HTTPServer) -> None:
    served.expect_request("/api/daily_papers").respond_with_data(
        "<html>Sign in</html>", content_type="text/html")
    async with running(fixture_library()) as pilot:
        next(c for c in main_screen(pilot.app).palette_commands()
             if c.name.startswith("network: fetch today")).run()
        await settle(pilot)
        assert "Hugging Face daily papers: got a web page instead of JSON" in \
            " ".join(notes(pilot.app))
        assert pilot.app.return_code is None  # the app goes on


def test_add_dialog_layout(snap_compare: Any) -> None:
    from reader.tui.app import make_app

    async def typed(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("a", *"2406.01234 cond-mat/0412498 [bold]x")
        await pilot.pause()

    app = make_app(fixture_library(), theme="reader-dark", clock=lambda: FIXED_NOW)
    assert snap_compare(app, terminal_size=(100, 30), run_before=typed)


async def test_quitting_stops_a_waiting_job(served: HTTPServer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FETCH_DELAY", "600")
    api = FakeArxiv(served_records())
    served.expect_request("/api/query").respond_with_handler(api.handler)
    async with running(fixture_library(PASTED)) as pilot:
        network.start(main_screen(pilot.app), resolve_job())  # type: ignore[arg-type]
        bar = pilot.app.query_one(NetJobBar)
        cancel = bar._cancel
        assert cancel is not None and not cancel.is_set()
        await pilot.press("q")
    assert cancel.is_set()  # the worker's wait ends instead of holding the process 10 min


async def test_a_second_job_shows_its_own_title_and_progress(served: HTTPServer) -> None:
    api = FakeArxiv(served_records())
    served.expect_request("/api/query").respond_with_handler(api.handler)
    async with running(fixture_library(PASTED)) as pilot:
        screen = main_screen(pilot.app)
        bar = pilot.app.query_one(NetJobBar)
        titles: list[str] = []
        for job in (resolve_job(), resolve_job(["title:p1"])):  # p1 had no match before
            network.start(screen, job)  # type: ignore[arg-type]
            titles.append(str(bar.query_one("#job-title", Static).content))
            await settle(pilot)
            assert not bar.running
        assert titles == ["Resolving titles", "Looking the title up on arXiv"]
        assert bar.query_one(ProgressBar).progress == 1  # the one title, not 45
        assert "23 resolved, 22 no match of 45" in notes(pilot.app)
        assert "1 no match of 1" in notes(pilot.app)
