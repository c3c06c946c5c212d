"""How the main screen shows what the library controller reports: the first
screen (cached rows, a small library read at once, or a loading line), the
loaded library, a change that landed, a reload, merged copies, saved searches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from reader.text import clean_line
from reader.tui.controller.messages import (
    ChangeApplied,
    ChangeFailed,
    CopiesMerged,
    LibraryIndexed,
    LibraryLoaded,
    LibraryReloaded,
    LoadFailed,
    ProgressCounted,
    SavedSearchChanged,
)
from reader.tui.render import safe
from reader.tui.state import STATUS_SHELVES, LibraryView, Shelf
from reader.tui.widgets import PaperList, ShelfList
from reader.tui.widgets.bib_export import BibExporter
from reader.tui.widgets.messages import PapersAdded

if TYPE_CHECKING:
    from reader.tui.screens.main import MainScreen

LOADING_DELAY = 0.4
"""A loading indicator appears when the library takes longer than this to load."""


def first_screen(screen: MainScreen) -> bool:
    """The first paint shows titles without waiting for the store: the cached first
    screen when the library is unchanged since the last run, else (a small library
    is read at once by `load`) a loading line while a worker reads it. True: the
    cached first screen is shown."""
    papers = screen.query_one(PaperList)
    preview = _show_preview(screen)
    if not preview and not screen.controller.is_small():
        papers.border_title = Content.styled("Loading the library…", "$text-muted")
        # the spinner only for a slow load (mounting it costs a repaint)
        screen.set_timer(LOADING_DELAY, screen.show_loading)
    return preview


def load(screen: MainScreen, preview: bool) -> None:
    """Load the library: after the first paint when it shows the cached first
    screen (the load does not compete with it), a small one at once."""
    controller = screen.controller
    if preview:  # a big library: searchable early, then loaded
        screen.call_after_refresh(controller.prepare_early_search)
        screen.call_after_refresh(controller.load)
        return
    view = controller.load_now() if controller.is_small() else None
    if view is not None:
        library = controller.library
        show_loaded(screen, view, library.skipped if library is not None else None)
    controller.load(view)


def _show_preview(screen: MainScreen) -> bool:
    """Show the cached first screen of a library that has not changed since."""
    cached = screen.controller.cached_first_screen()
    if cached is None:
        return False
    screen.preview = {e.paper.id: e for e in cached.entries}
    labels = {shelf.key: shelf.label for shelf in STATUS_SHELVES}
    rows: list[tuple[Shelf, int | None]] = [
        (Shelf(key, "#" + key[4:] if key.startswith("tag:") else labels[key]), n)
        for key, n in cached.counts.items() if key in labels or key.startswith("tag:")]
    screen.query_one(ShelfList).show(rows, screen.shelf_key)
    papers = screen.query_one(PaperList)
    size = screen.app.size
    if cached.layout is not None and cached.layout[:2] == (size.width, size.height):
        papers.width_hint = cached.layout[2]  # rows built once, at the right width
    screen.first_rows = tuple(screen.preview)
    papers.show(list(screen.first_rows))
    papers.border_title = Content.assemble(("Inbox", "bold"), " · loading…")
    return True


def show_loaded(screen: MainScreen, view: LibraryView, skipped: str | None) -> None:
    """The library was read: show it, then run the keys typed meanwhile."""
    from reader.tui.screens.paper_commands import replay_waiting

    screen.preview = {}
    screen.query_one(PaperList).loading = False
    if len(view) == 0:
        screen.shelf_key = "all"
    screen.refresh_all()
    screen.controller.count_progress()
    export_bib(screen)
    if skipped:  # hand-edited records that are not valid: shown once, left as they are
        screen.notify(clean_line(skipped), title="Invalid records skipped",
                      severity="warning", markup=False, timeout=10)
    if len(view) == 0 and not screen.demo:
        from reader.tui.screens.library_commands import welcome

        welcome(screen)
    replay_waiting(screen)


def library_loaded(screen: MainScreen, event: LibraryLoaded) -> None:
    show_loaded(screen, event.view, event.skipped)


def load_failed(screen: MainScreen, event: LoadFailed) -> None:
    screen.app.exit(None, 1, event.error)


def library_indexed(screen: MainScreen, event: LibraryIndexed) -> None:
    if event.view is screen.view and screen.query_text:  # a query typed meanwhile
        screen.refresh_list()


def library_reloaded(screen: MainScreen, event: LibraryReloaded) -> None:
    if screen.app.return_code is not None:  # exiting: nothing to show
        return
    screen.refresh_all()
    screen.controller.count_progress()
    export_bib(screen)
    if not event.quiet:
        screen.notify("The library changed on disk; reloaded.", markup=False, timeout=3)
    if len(event.view) and screen.app.screen is not screen:
        from reader.tui.screens.welcome import WelcomeScreen

        if isinstance(screen.app.screen, WelcomeScreen):
            screen.app.screen.dismiss(None)  # papers were imported from another terminal


def copies_merged(screen: MainScreen, event: CopiesMerged) -> None:
    for line in event.lines:
        screen.notify(line[:1].upper() + line[1:], markup=False, timeout=8,
                      severity="information" if line.startswith("merged ") else "warning")


def papers_added(screen: MainScreen, event: PapersAdded) -> None:
    """Papers added from the reading screen (the controller took them)."""
    if screen.view is not None:
        screen.refresh_all()


def papers_arrived(screen: MainScreen) -> None:
    """A network job of this app wrote papers (polling sees only other writers)."""
    screen.controller.rebuild()


def progress_counted(screen: MainScreen, event: ProgressCounted) -> None:
    screen.progress = event.text
    screen.update_title()


def change_failed(screen: MainScreen, event: ChangeFailed) -> None:
    screen.notify(event.error, severity="error", markup=False)


def export_bib(screen: MainScreen) -> None:
    """Tell the bib_export widget (mounted when the config names a file) that the
    library changed."""
    for exporter in screen.query(BibExporter):
        exporter.library_changed()


def saved_search_changed(screen: MainScreen, event: SavedSearchChanged) -> None:
    if event.old is None:  # saved
        if screen.view is not None:
            screen.refresh_shelves()
        screen.notify(f"Saved search: {clean_line(event.new or '')}", markup=False, timeout=2)
        return
    if screen.view is not None:
        if screen.shelf_key == f"search:{event.old}":
            screen.shelf_key = f"search:{event.new}" if event.new is not None else "status:new"
        screen.refresh_shelves()
        screen.refresh_list()
    what = f"renamed to {clean_line(event.new)}" if event.new is not None else "deleted"
    screen.notify(f"Saved search {clean_line(event.old)} {what}", markup=False, timeout=2)


def change_applied(screen: MainScreen, event: ChangeApplied) -> None:
    """A change landed: a toast, the shelves' counts, and the paper's row (it
    leaves the list when it no longer belongs to the shelf)."""
    change = event.change
    if screen.app.return_code is not None:  # exiting (the change is saved): nothing to show
        return
    if change is None:
        screen.notify(event.nothing or "No change.", markup=False, timeout=2)
        return
    if screen.view is None:
        return
    if len(change.each) > 1 or change.deleted or change.paper is not None:
        _applied_to_many(screen, event)
        return
    if not event.entries:
        return
    entry = event.entries[0]
    title = safe(entry.paper.title)
    short = title if len(title) <= 40 else title[:39] + "…"
    screen.notify(f"{change.description} — {short}", markup=False, timeout=2.5)
    screen.refresh_shelves()
    papers = screen.query_one(PaperList)
    shelf = screen.search_shelf()
    screen.controller.count_progress()
    export_bib(screen)
    if event.relist:  # undo or a queue move: the paper's place may have changed
        screen.refresh_list(keep=entry.paper.id)
    elif shelf.holds(entry):
        papers.refresh_paper(entry.paper.id)
        screen.update_title()
    else:
        papers.drop(entry.paper.id)  # marking advances to the next paper
        screen.update_title()
    if papers.current_id == entry.paper.id:
        screen.show_detail(entry.paper.id, related=False)


def _applied_to_many(screen: MainScreen, event: ChangeApplied) -> None:
    """A change to several papers (a selection, a deletion, their undo): one
    toast, the list shown again with the cursor on the nearest paper it keeps."""
    change = event.change
    assert change is not None
    text = change.description
    if len(change.each) == 1 and event.titles:
        title = safe(next(iter(event.titles.values())))
        text += " — " + (title if len(title) <= 40 else title[:39] + "…")
    if change.deleted:
        text += " (u undoes)"
    screen.notify(text, markup=False, timeout=3)
    screen.refresh_shelves()
    screen.controller.count_progress()
    papers = screen.query_one(PaperList)
    changed = {c.paper_id for c in change.each}
    shelf = screen.search_shelf()
    view = screen.view
    assert view is not None

    def stays(pid: str) -> bool:
        entry = view.entries.get(pid)
        return entry is not None and (pid not in changed or shelf.holds(entry))

    ids, cursor = papers.ids, papers.cursor
    keep = next((pid for pid in [*ids[cursor:], *reversed(ids[:cursor])] if stays(pid)),
                None)
    back = [c.paper_id for c in change.each if c.paper is not None]
    screen.refresh_list(keep=back[0] if back else keep)
