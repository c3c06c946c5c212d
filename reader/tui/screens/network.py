"""The main screen's network commands: `a` (add by id or link), the palette's fetch,
resolve and cancel entries, and `o` on a paper without a link (look its title up on
arXiv). Jobs run in the NetJobBar's worker; these functions only ask and start."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from reader.model import Entry
from reader.tui.netjobs import NetJob, add_job, arxiv_job, hf_daily_job, resolve_job
from reader.tui.widgets.netjob import NetJobBar, NetJobFinished

if TYPE_CHECKING:
    from reader.tui.commands import Command
    from reader.tui.screens.main import MainScreen

__all__ = ["ask_add", "finished", "network_commands", "offer_title_search", "start"]


def start(screen: MainScreen, job: NetJob) -> None:
    if not screen.query_one(NetJobBar).start(job):
        screen.notify("A network job is running; cancel it first (palette: network: "
                      "cancel).", markup=False, severity="warning", timeout=3)


async def ask_add(screen: MainScreen) -> None:
    from reader.tui.dialogs.ask import add_dialog

    def answered(text: str | None) -> None:
        if text:
            start(screen, add_job(text.replace(",", " ").split()))

    await screen.app.push_screen(add_dialog(), answered)


def _ask_arxiv(screen: MainScreen) -> None:
    from reader.tui.dialogs.ask import AskDialog

    def answered(text: str | None) -> None:
        if text:
            start(screen, arxiv_job(text))

    screen.app.push_screen(AskDialog(
        "Fetch from arXiv", "A category (cs.LG, hep-th) for its newest papers, or a search "
        "(words, or arXiv syntax: ti:, au:)", placeholder="cs.LG", ok="Fetch"), answered)


def _cancel(screen: MainScreen) -> None:
    if not screen.query_one(NetJobBar).cancel():
        screen.notify("No network job is running.", markup=False, timeout=2)


def _resolve_current(screen: MainScreen) -> None:
    entry = screen.current_entry()
    if entry is not None:
        start(screen, resolve_job([entry.paper.id]))


def network_commands(screen: MainScreen) -> list[Command]:
    from reader.tui.commands import Command

    def run(fn: Callable[[MainScreen], None]) -> Callable[[], None]:
        return lambda: fn(screen)

    return [
        Command("network: fetch today's Hugging Face papers", "into the Inbox",
                lambda: start(screen, hf_daily_job())),
        Command("network: fetch from arXiv…", "a category's newest papers, or a search",
                run(_ask_arxiv)),
        Command("network: resolve pasted titles", "find the arXiv record of every paper "
                "that has neither an arXiv id nor a DOI", lambda: start(screen, resolve_job())),
        Command("network: resolve this paper", "look the selected paper's title up on arXiv",
                run(_resolve_current)),
        Command("network: cancel", "stop the running fetch (what arrived is kept)",
                run(_cancel)),
    ]


async def offer_title_search(screen: MainScreen, entry: Entry) -> None:
    """`o` on a paper without a web link: offer to find it on arXiv by its title."""
    from reader.tui.dialogs.confirm import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if yes:
            start(screen, resolve_job([entry.paper.id]))

    await screen.app.push_screen(ConfirmDialog(
        "This paper has no web link. Look its title up on arXiv?"), answered)


def finished(screen: MainScreen, event: NetJobFinished) -> None:
    """Say how a job ended; after a one-paper lookup, open what was found (or arXiv's
    search page for the title when nothing matched)."""
    if event.failed:
        screen.notify(event.text, markup=False, severity="error", timeout=6)
    else:
        screen.notify(event.text, markup=False, timeout=4)
    pid = event.job.paper_id
    library = screen.controller.library
    if pid is None or event.failed or event.cancelled or library is None:
        return
    from reader.errors import ReaderError
    from reader.net import Settings, endpoints
    from reader.tui.render import is_web_url, paper_links

    try:
        entry = library.entry(pid)  # the list may not show the change yet
    except ReaderError:
        return
    try:
        settings = Settings.from_env()
    except Exception:  # a bad READER_* variable was reported when the job ran
        return
    if entry.paper.arxiv_id:
        screen.app.open_link(endpoints.arxiv_abs_url(entry.paper.arxiv_id, settings=settings))
    elif not [u for u in paper_links(entry) if is_web_url(u)]:
        query = urlencode({"query": entry.paper.title, "searchtype": "title"})
        screen.app.open_link(f"{settings.arxiv}/search/?{query}")
