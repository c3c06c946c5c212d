"""The main screen's commands that open another screen or leave the app: a paper's
links, its citation to the clipboard, the reading screen, the export dialog,
statistics, help and the welcome screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Entry
from reader.text import clean_line
from reader.tui.render import is_web_url, paper_links, safe
from reader.tui.screens import network
from reader.tui.screens.list_view import visible_entries
from reader.tui.screens.paper_commands import need_entry, targets
from reader.tui.widgets import PaperList

if TYPE_CHECKING:
    from reader.tui.screens.main import MainScreen

TO_READ_LIST = "To-read list"
"""The export dialog's default selection: the to-read shelf, in queue order."""
ALL_PAPERS = "All papers"


async def open_link(screen: MainScreen) -> None:
    """o: the paper's web link (a choice when it has several; none: look it up)."""
    entry = need_entry(screen, lambda: open_link(screen))
    if entry is None:
        return
    urls = [u for u in paper_links(entry) if is_web_url(u)]
    if not urls:
        await network.offer_title_search(screen, entry)
        return
    if len(urls) == 1:
        screen.app.open_link(urls[0])
        return

    def chosen(url: str | None) -> None:
        if url:
            screen.app.open_link(url)

    from reader.tui.dialogs.links import LinkChooser

    await screen.app.push_screen(LinkChooser(urls), chosen)


def copy_keys(screen: MainScreen) -> None:
    """y: the citation keys of the selected papers (else the highlighted one) to the
    clipboard, through the terminal (OSC 52)."""
    _copy(screen, None, lambda: copy_keys(screen))


def copy_citation(screen: MainScreen) -> None:
    """Y: their citation in the config's format (`\\cite{...}`, `[@...]`, ...)."""
    _copy(screen, screen.config.cite_format, lambda: copy_citation(screen))


def _copy(screen: MainScreen, fmt: str | None, again: Callable[[], object]) -> None:
    from reader.tui.citing import clipboard_text, notice

    view = screen.view
    ids = targets(screen, again)
    entries = [view.entries[p] for p in ids if p in view.entries] if view else []
    if not entries:
        return
    text = clipboard_text(entries, fmt)
    screen.app.copy_to_clipboard(text)
    screen.notify(notice(text, len(entries)), title="Copied to the clipboard",
                  markup=False, timeout=6)


async def add_papers(screen: MainScreen) -> None:
    """a: ask for arXiv ids, DOIs or links, then fetch them (a network job)."""
    await network.ask_add(screen)


async def read(screen: MainScreen) -> None:
    """The reading screen on the highlighted paper (R, or enter on the detail pane)."""
    from reader.tui.screens.reading import ReadingScreen
    from reader.tui.screens.reading_link import main_link

    entry = need_entry(screen)
    if entry is not None:
        await screen.app.push_screen(ReadingScreen(entry, main_link(screen)))


async def export(screen: MainScreen) -> None:
    """e: the export dialog, offering the to-read list first, then what the list
    shows, the shelf, the selection and the whole library."""
    from reader.export.base import file_stem
    from reader.tui.dialogs.export import ExportDialog

    view = screen.view
    if view is None:
        return
    shelf = view.shelf(screen.shelf_key)
    shelf_ids, _ = view.visible(shelf)
    to_read_ids, _ = view.visible(view.shelf("status:to-read"))
    # the to-read list first: it is the export people share (and the default)
    selections: dict[str, list[Entry]] = {
        TO_READ_LIST: [view.entries[pid] for pid in to_read_ids]}
    names = {TO_READ_LIST: "the to-read list"}
    query = clean_line(screen.query_text.strip())
    if query:  # what the list shows now, and the whole shelf apart
        scope = safe(screen.search_shelf().label)
        label = f'Search "{query}" in {scope}'
        selections[label] = visible_entries(screen)
        names[label] = f'the papers matching "{query}" in {scope}'
    if shelf.key not in ("status:to-read", "all"):  # else the same as another choice
        label = f"Shelf: {safe(shelf.label)}"
        selections[label] = [view.entries[p] for p in shelf_ids]
        names[label] = f"every paper on the {safe(shelf.label)} shelf"
    selections[ALL_PAPERS] = [view.entries[pid] for pid in view.order]
    names[ALL_PAPERS] = "every paper in the library"
    stems = {TO_READ_LIST: "reading-list", ALL_PAPERS: "all-papers"}
    for label in selections:
        stems.setdefault(label, file_stem(label))
    first = TO_READ_LIST
    selected = screen.query_one(PaperList).selected_ids
    if selected:  # the papers picked with v: the export they are for
        n = len(selected)
        first = f"Selected papers ({n:,})"
        selections = {first: [view.entries[p] for p in selected if p in view.entries],
                      **selections}
        names[first] = "the papers selected in the list"
        stems[first] = f"selected-{n}-paper{'s' if n != 1 else ''}"
    dialog = ExportDialog(selections, selected=first, descriptions=names, stems=stems)

    def exported(path: Path | None) -> None:
        if path is not None:
            n = dialog.written
            screen.notify(f"Exported {n} paper{'s' if n != 1 else ''} to "
                          f"{clean_line(str(path))}", markup=False)

    await screen.app.push_screen(dialog, exported)


async def stats(screen: MainScreen) -> None:
    from reader.tui.screens.stats import StatsScreen

    view = screen.view
    if view is not None:
        entries = [view.entries[pid] for pid in view.order]
        await screen.app.push_screen(
            StatsScreen(entries, screen.clock(), screen.config.daily_goal))


async def show_help(screen: MainScreen) -> None:
    from reader.tui.screens.help import HelpScreen

    await screen.app.push_screen(HelpScreen())


def welcome(screen: MainScreen) -> None:
    """The welcome screen of an empty library (it may ask for the demo library)."""
    from reader.tui.screens.welcome import WelcomeScreen

    def answered(choice: str | None) -> None:
        if choice == "demo":
            screen.app.exit("demo")

    screen.app.push_screen(WelcomeScreen(), answered)


# saved searches ------------------------------------------------------------------
def save_search(screen: MainScreen) -> None:
    """Save the typed query as a shelf named after it."""
    text = screen.query_text.strip()
    if not text:
        screen.notify("Type a search first (/), then save it.", markup=False, timeout=3)
        return
    screen.controller.changes.save_search(text[:40], text)


def delete_saved_search(screen: MainScreen, name: str) -> None:
    """Palette: forget a saved search (its shelf goes; papers are untouched)."""
    screen.controller.changes.delete_search(name)


def rename_saved_search(screen: MainScreen, name: str) -> None:
    """Palette: ask for a new name, then rename the saved search."""
    from reader.tui.dialogs.prompt import PromptDialog

    def answered(new: str | None) -> None:
        new = clean_line(new or "")
        if new and new != name:
            screen.controller.changes.rename_search(name, new)

    screen.app.push_screen(PromptDialog(f"New name for the saved search {name!r}:", name),
                           answered)
