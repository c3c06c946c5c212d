"""The paper and library actions of the main screen (marks, ratings, tags,
notes, links, export, stats, help, welcome), kept apart from layout and events."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.screen import Screen

from reader.drafts import discard_draft
from reader.errors import ReaderError
from reader.model import Entry, Status
from reader.text import clean_line, sanitize
from reader.tui.render import is_web_url, paper_links, safe
from reader.tui.screens import network
from reader.tui.state import LibraryView, Shelf
from reader.tui.widgets import DetailPane, PaperList
from reader.tui.widgets.messages import NoteNotSaved, ReadingRequested
from reader.tui.widgets.netjob import NetJobFinished

TO_READ_LIST = "To-read list"
"""The export dialog's default selection: the to-read shelf, in queue order."""
ALL_PAPERS = "All papers"

if TYPE_CHECKING:
    from reader.config import Config
    from reader.store import Change, Clock, Library
    from reader.tui.app import ReaderApp
    from reader.tui.controller import LibraryController


def _not_saved(pid: str, text: str, original: str | None, exc: ReaderError) -> NoteNotSaved:
    """What a failed note save reports (run in the write worker: it writes the rescue file)."""
    from reader.rescue import rescue_note

    return NoteNotSaved(pid, text, original, clean_line(str(exc)), rescue_note(pid, text))


def save_note_and_drop_draft(pid: str, text: str, original: str | None,
                             stored: Callable[[str], object] | None, lib: Library) -> Change:
    """In the write worker: save the note, then its draft is no longer needed."""
    change = lib.set_note(pid, text, original)
    discard_draft(pid, text)
    if stored is not None:
        stored(change.after.note)
    return change


class PaperActions(Screen[None]):
    """Mixed into MainScreen, which provides `view`, `write` and `refresh_list`."""

    if TYPE_CHECKING:
        @property
        def view(self) -> LibraryView | None: ...
    shelf_key: str
    controller: LibraryController
    config: Config
    clock: Clock
    query_text: str
    waiting: list[tuple[str | None, Callable[[], object]]]
    """Keys typed while the library loads: (paper highlighted then, the action)."""

    def search_shelf(self) -> Shelf:
        raise NotImplementedError
    app: ReaderApp

    def write(self, fn: Callable[[Library], Change | None], *, undo: bool = False,
              reorder: bool = False, nothing: str = "Nothing to undo.",
              failed: Callable[[ReaderError], Message] | None = None) -> None:
        raise NotImplementedError

    def visible_entries(self) -> list[Entry]:
        view = self.view
        if view is None:
            return []
        return [view.entries[pid] for pid in self.query_one(PaperList).ids
                if pid in view.entries]

    def library_entries(self) -> list[Entry]:
        """Every paper of the library, in library order (empty while loading)."""
        view = self.view
        return [] if view is None else [view.entries[pid] for pid in view.order]

    def current_entry(self) -> Entry | None:
        pid = self.query_one(PaperList).current_id
        if pid is None or self.view is None:
            return None
        return self.view.entries.get(pid)

    def _need_entry(self, again: Callable[[], object] | None = None) -> Entry | None:
        """The highlighted paper. While the library loads (the first screen shows
        cached rows) the key is kept: `again` runs once it is loaded, on the same paper."""
        entry = self.current_entry()
        if self.view is None:
            if again is not None:
                self.waiting.append((self.query_one(PaperList).current_id, again))
                if len(self.waiting) == 1:
                    self.notify("Loading the library… your keys apply when it is ready.",
                                markup=False, timeout=2)
            else:
                self.notify("Still loading the library…", markup=False, timeout=2)
        elif entry is None:
            self.notify("No paper selected.", markup=False, timeout=2)
        return entry

    def replay_waiting(self) -> None:
        """Run the keys kept while the library loaded, in the order they were typed."""
        waiting, self.waiting = self.waiting, []
        for pid, again in waiting:
            self.call_later(self._replay, pid, again)

    async def _replay(self, pid: str | None, again: Callable[[], object]) -> None:
        papers = self.query_one(PaperList)
        if pid is not None and pid in papers.ids:
            papers.move_to(papers.ids.index(pid))
        result = again()
        if inspect.isawaitable(result):
            await result

    def targets(self, again: Callable[[], object] | None = None) -> list[str]:
        """The papers a paper key acts on: the selection, else the highlighted paper."""
        selected = self.query_one(PaperList).selected_ids
        if selected and self.view is not None:
            return selected
        entry = self._need_entry(again)
        return [entry.paper.id] if entry is not None else []

    # marks and ratings -------------------------------------------------
    def action_mark(self, status: str) -> None:
        ids = self.targets(partial(self.action_mark, status))
        if ids:
            value = Status(status)
            self.write(lambda lib: lib.set_status_many(ids, value))

    def action_rate(self, rating: int) -> None:
        ids = self.targets(partial(self.action_rate, rating))
        if ids:
            value = rating or None
            self.write(lambda lib: lib.set_rating_many(ids, value))

    def action_select_all(self) -> None:
        self.query_one(PaperList).action_select_all()

    def action_clear_selection(self) -> None:
        self.query_one(PaperList).clear_selection()

    def action_skip_the_rest(self) -> None:
        """Palette: skip every paper the list still shows (after a confirmation)."""
        from reader.tui.dialogs.confirm import ConfirmDialog

        view = self.view
        ids = list(self.query_one(PaperList).ids)
        if view is None or not ids:
            self.notify("No paper to skip here.", markup=False, timeout=2)
            return
        n = len(ids)
        label = safe(self.search_shelf().label)
        question = (f"Skip the {n:,} paper{'s' if n != 1 else ''} left on {label}? "
                    "(u undoes it)")

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(lambda lib: lib.set_status_many(ids, Status.SKIPPED))

        self.app.push_screen(ConfirmDialog(question), answered)

    async def action_delete(self) -> None:
        """D: delete the selected (or highlighted) papers, after a confirmation."""
        from reader.tui.dialogs.confirm import ConfirmDialog

        ids = self.targets(self.action_delete)
        if not ids or self.view is None:
            return
        if len(ids) == 1:
            title = safe(self.view.entries[ids[0]].paper.title)
            what = f'"{title if len(title) <= 60 else title[:59] + "…"}"'
        else:
            what = f"{len(ids):,} papers"
        question = f"Delete {what} and its reading state? (u undoes it)"
        if len(ids) > 1:
            question = question.replace("its reading state", "their reading state")

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(lambda lib: lib.delete_papers(ids))

        await self.app.push_screen(ConfirmDialog(question), answered)

    def action_move_in_queue(self, delta: int) -> None:
        """Move a to-read paper up or down the queue (the order exports use)."""
        entry = self._need_entry(partial(self.action_move_in_queue, delta))
        if entry is None:
            return
        if entry.state.status is not Status.TO_READ or self.shelf_key != "status:to-read":
            self.notify("Reorder the queue on the To read shelf.", markup=False, timeout=2)
            return
        pid = entry.paper.id
        self.write(lambda lib: lib.move_in_queue(pid, delta), reorder=True)

    def action_undo(self) -> None:
        self.write(lambda lib: lib.undo(), undo=True)

    def action_redo(self) -> None:
        self.write(lambda lib: lib.redo(), undo=True, nothing="Nothing to redo.")

    # tags ----------------------------------------------------------------
    async def action_add_tags(self) -> None:
        await self._tag_dialog("add")

    async def action_remove_tags(self) -> None:
        await self._tag_dialog("remove")

    async def _tag_dialog(self, mode: str) -> None:
        from reader.tui.dialogs.tags import TagDialog

        ids = self.targets(partial(self._tag_dialog, mode))
        view = self.view
        if not ids or view is None:
            return
        current = list(dict.fromkeys(t for pid in ids for t in view.entries[pid].state.tags))
        if mode == "remove" and not current:
            self.notify("These papers have no tags." if len(ids) > 1
                        else "This paper has no tags.", markup=False, timeout=2)
            return
        known = sorted(view.tag_counts)

        def done(tags: list[str] | None) -> None:
            cleaned = [clean_line(t) for t in tags or [] if clean_line(t)]
            if not cleaned:
                return
            if mode == "add":
                self.write(lambda lib: lib.add_tags_many(ids, cleaned))
            else:
                self.write(lambda lib: lib.remove_tags_many(ids, cleaned))

        await self.app.push_screen(TagDialog(mode, current, known), done)

    # notes -----------------------------------------------------------------
    def action_edit_note(self) -> None:
        entry = self._need_entry(self.action_edit_note)
        if entry is not None:
            self.query_one(DetailPane).edit_note(entry)

    def save_note(self, pid: str, text: str, original: str | None = None,
                  stored: Callable[[str], object] | None = None) -> None:
        """Save a note edited here. `original`: the note when the editor opened; the
        store keeps both texts when the note was changed elsewhere meanwhile;
        `stored` is given the note the library then holds. Once saved, the note's
        draft goes. When saving fails, the text goes back into the editor and into a
        rescue file."""
        text = sanitize(text)
        view = self.view
        if view is None or pid not in view.entries:
            return
        if text.strip() != view.entries[pid].state.note.strip() or (
                original is not None and original.strip() != text.strip()):
            self.write(partial(save_note_and_drop_draft, pid, text, original, stored),
                       failed=lambda exc: _not_saved(pid, text, original, exc))
        else:
            discard_draft(pid, text)
            self.query_one(DetailPane).show(view.entries[pid], None)

    def _take_note(self) -> tuple[str, str, str | None] | None:
        """(paper id, text, original) of the note editor if it is open; closes it."""
        for editor in self.query("#note-editor"):
            if editor.display:
                from reader.tui.widgets.note import NoteEditor

                if isinstance(editor, NoteEditor):
                    editor.display = False  # saved by the caller, not again on blur
                    return editor.paper_id, editor.text, editor.original
        return None

    def action_edit_note_external(self) -> None:
        from reader.tui import editor

        entry = self._need_entry(self.action_edit_note_external)
        if entry is None:
            return
        original = entry.state.note
        result = editor.edit_text_externally(self.app, original)
        if result is not None:
            self.save_note(entry.paper.id, result, original)

    # links -----------------------------------------------------------------
    def action_open_link(self) -> None:
        entry = self._need_entry(self.action_open_link)
        if entry is None:
            return
        urls = [u for u in paper_links(entry) if is_web_url(u)]
        if not urls:
            network.offer_title_search(self, entry)  # type: ignore[arg-type]
            return
        if len(urls) == 1:
            self.app.open_link(urls[0])
            return

        def chosen(url: str | None) -> None:
            if url:
                self.app.open_link(url)

        from reader.tui.dialogs.links import LinkChooser

        self.app.push_screen(LinkChooser(urls), chosen)

    # citing --------------------------------------------------------------------
    def action_copy_keys(self) -> None:
        """`y`: the citation keys of the selected papers (else the highlighted one) to
        the clipboard, through the terminal (OSC 52)."""
        self._copy_citation(None, self.action_copy_keys)

    def action_copy_citation(self) -> None:
        """`Y`: their citation in the config's format (`\\cite{...}`, `[@...]`, ...)."""
        self._copy_citation(self.config.cite_format, self.action_copy_citation)

    def _copy_citation(self, fmt: str | None, again: Callable[[], object]) -> None:
        from reader.tui.citing import clipboard_text, notice

        view = self.view
        ids = self.targets(again)
        entries = [view.entries[p] for p in ids if p in view.entries] if view else []
        if not entries:
            return
        text = clipboard_text(entries, fmt)
        self.app.copy_to_clipboard(text)
        self.notify(notice(text, len(entries)), title="Copied to the clipboard",
                    markup=False, timeout=6)

    # network jobs (network.py asks and starts them; NetJobBar runs them) --------
    async def action_add_papers(self) -> None:
        await network.ask_add(self)  # type: ignore[arg-type]

    @on(NetJobFinished)
    def _job_finished(self, event: NetJobFinished) -> None:
        network.finished(self, event)  # type: ignore[arg-type]

    # library-wide screens ----------------------------------------------------
    async def action_export(self) -> None:
        from reader.export.base import file_stem
        from reader.tui.dialogs.export import ExportDialog

        view = self.view
        if view is None:
            return
        shelf = view.shelf(self.shelf_key)
        shelf_ids, _ = view.visible(shelf)
        to_read_ids, _ = view.visible(view.shelf("status:to-read"))
        # the to-read list first: it is the export people share (and the default)
        selections: dict[str, list[Entry]] = {
            TO_READ_LIST: [view.entries[pid] for pid in to_read_ids]}
        names = {TO_READ_LIST: "the to-read list"}
        query = clean_line(self.query_text.strip())
        if query:  # what the list shows now, and the whole shelf apart
            scope = safe(self.search_shelf().label)
            label = f'Search "{query}" in {scope}'
            selections[label] = self.visible_entries()
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
        selected = self.query_one(PaperList).selected_ids
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
                self.notify(f"Exported {n} paper{'s' if n != 1 else ''} to "
                            f"{clean_line(str(path))}", markup=False)

        await self.app.push_screen(dialog, exported)

    @on(ReadingRequested)
    def _reading_requested(self, event: ReadingRequested) -> None:
        self.action_read()

    def action_read(self) -> None:
        """The reading screen on the highlighted paper (R, or enter on the detail pane)."""
        from reader.tui.screens.reading import ReadingScreen
        from reader.tui.screens.reading_link import main_link

        entry = self._need_entry()
        if entry is not None:
            self.app.push_screen(ReadingScreen(entry, main_link(self)))  # type: ignore[arg-type]

    def action_stats(self) -> None:
        from reader.tui.screens.stats import StatsScreen

        if self.view is None:
            return
        entries = [self.view.entries[pid] for pid in self.view.order]
        self.app.push_screen(StatsScreen(entries, self.clock(), self.config.daily_goal))

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.quit_when_saved()

    @work(group="quit", exit_on_error=False)
    async def quit_when_saved(self, return_code: int = 0) -> None:
        """Save the open note, wait for the writes in flight, then exit."""
        pending = self._take_note()
        if pending is not None:
            self.save_note(*pending)
        writes = [w for w in self.app.workers if w.group == "store"]
        if writes:
            await self.app.workers.wait_for_complete(writes)
        self.app.exit(return_code=return_code)

    def show_welcome(self) -> None:
        from reader.tui.screens.welcome import WelcomeScreen

        def answered(choice: str | None) -> None:
            if choice == "demo":
                self.app.exit("demo")

        self.app.push_screen(WelcomeScreen(), answered)
