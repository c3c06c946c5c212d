"""The main screen's commands on papers: marks, ratings, the To-read queue, undo
and redo, deleting, skipping the rest of a shelf, and tags; and which papers a
key acts on (`targets`: the selection, else the highlighted paper; a key typed
while the library loads is kept and run once it is loaded).

Each command hands its change to the library controller, which runs it in key
order; the screen shows it when it lands.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from reader.model import Entry, Status
from reader.text import clean_line
from reader.tui.render import safe
from reader.tui.widgets import PaperList

if TYPE_CHECKING:
    from reader.tui.screens.main import MainScreen


def need_entry(screen: MainScreen, again: Callable[[], object] | None = None) -> Entry | None:
    """The highlighted paper. While the library loads (the first screen shows
    cached rows) the key is kept: `again` runs once it is loaded, on the same paper."""
    entry = screen.current_entry()
    if screen.view is None:
        if again is not None:
            screen.waiting.append((screen.query_one(PaperList).current_id, again))
            if len(screen.waiting) == 1:
                screen.notify("Loading the library… your keys apply when it is ready.",
                              markup=False, timeout=2)
        else:
            screen.notify("Still loading the library…", markup=False, timeout=2)
    elif entry is None:
        screen.notify("No paper selected.", markup=False, timeout=2)
    return entry


def targets(screen: MainScreen, again: Callable[[], object] | None = None) -> list[str]:
    """The papers a paper key acts on: the selection, else the highlighted paper."""
    selected = screen.query_one(PaperList).selected_ids
    if selected and screen.view is not None:
        return selected
    entry = need_entry(screen, again)
    return [entry.paper.id] if entry is not None else []


def replay_waiting(screen: MainScreen) -> None:
    """Run the keys kept while the library loaded, in the order they were typed."""
    waiting, screen.waiting = screen.waiting, []
    for pid, again in waiting:
        screen.call_later(_replay, screen, pid, again)


async def _replay(screen: MainScreen, pid: str | None, again: Callable[[], object]) -> None:
    papers = screen.query_one(PaperList)
    if pid is not None and pid in papers.ids:
        papers.move_to(papers.ids.index(pid))
    result = again()
    if inspect.isawaitable(result):
        await result


def mark(screen: MainScreen, status: str) -> None:
    ids = targets(screen, partial(mark, screen, status))
    if ids:
        value = Status(status)
        screen.controller.changes.write(lambda lib: lib.set_status_many(ids, value))


def rate(screen: MainScreen, rating: int) -> None:
    ids = targets(screen, partial(rate, screen, rating))
    if ids:
        value = rating or None
        screen.controller.changes.write(lambda lib: lib.set_rating_many(ids, value))


def undo(screen: MainScreen) -> None:
    screen.controller.changes.write(lambda lib: lib.undo(), relist=True,
                                    nothing="Nothing to undo.")


def redo(screen: MainScreen) -> None:
    screen.controller.changes.write(lambda lib: lib.redo(), relist=True,
                                    nothing="Nothing to redo.")


def move_in_queue(screen: MainScreen, delta: int) -> None:
    """Move a to-read paper up or down the queue (the order exports use)."""
    entry = need_entry(screen, partial(move_in_queue, screen, delta))
    if entry is None:
        return
    if entry.state.status is not Status.TO_READ or screen.shelf_key != "status:to-read":
        screen.notify("Reorder the queue on the To read shelf.", markup=False, timeout=2)
        return
    pid = entry.paper.id
    screen.controller.changes.write(lambda lib: lib.move_in_queue(pid, delta), reorder=True)


def skip_the_rest(screen: MainScreen) -> None:
    """Palette: skip every paper the list still shows (after a confirmation)."""
    from reader.tui.dialogs.confirm import ConfirmDialog

    ids = list(screen.query_one(PaperList).ids)
    if screen.view is None or not ids:
        screen.notify("No paper to skip here.", markup=False, timeout=2)
        return
    n = len(ids)
    label = safe(screen.search_shelf().label)
    question = (f"Skip the {n:,} paper{'s' if n != 1 else ''} left on {label}? "
                "(u undoes it)")

    def answered(yes: bool | None) -> None:
        if yes:
            screen.controller.changes.write(lambda lib: lib.set_status_many(ids, Status.SKIPPED))

    screen.app.push_screen(ConfirmDialog(question), answered)


async def delete(screen: MainScreen) -> None:
    """D: delete the selected (or highlighted) papers, after a confirmation."""
    from reader.tui.dialogs.confirm import ConfirmDialog

    ids = targets(screen, partial(delete, screen))
    view = screen.view
    if not ids or view is None:
        return
    if len(ids) == 1:
        title = safe(view.entries[ids[0]].paper.title)
        what = f'"{title if len(title) <= 60 else title[:59] + "…"}"'
    else:
        what = f"{len(ids):,} papers"
    question = f"Delete {what} and its reading state? (u undoes it)"
    if len(ids) > 1:
        question = question.replace("its reading state", "their reading state")

    def answered(yes: bool | None) -> None:
        if yes:
            screen.controller.changes.write(lambda lib: lib.delete_papers(ids))

    await screen.app.push_screen(ConfirmDialog(question), answered)


async def edit_tags(screen: MainScreen, mode: str) -> None:
    """+ and -: add tags to (or remove tags from) the papers, in a dialog."""
    from reader.tui.dialogs.tags import TagDialog

    ids = targets(screen, partial(edit_tags, screen, mode))
    view = screen.view
    if not ids or view is None:
        return
    current = list(dict.fromkeys(t for pid in ids for t in view.entries[pid].state.tags))
    if mode == "remove" and not current:
        screen.notify("These papers have no tags." if len(ids) > 1
                      else "This paper has no tags.", markup=False, timeout=2)
        return
    known = sorted(view.tag_counts)

    def done(tags: list[str] | None) -> None:
        cleaned = [clean_line(t) for t in tags or [] if clean_line(t)]
        if not cleaned:
            return
        if mode == "add":
            screen.controller.changes.write(lambda lib: lib.add_tags_many(ids, cleaned))
        else:
            screen.controller.changes.write(lambda lib: lib.remove_tags_many(ids, cleaned))

    await screen.app.push_screen(TagDialog(mode, current, known), done)


async def add_tags(screen: MainScreen) -> None:
    await edit_tags(screen, "add")


async def remove_tags(screen: MainScreen) -> None:
    await edit_tags(screen, "remove")
