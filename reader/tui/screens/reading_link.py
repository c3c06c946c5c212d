"""How the reading screen reaches the library: a `LibraryLink` the main screen
builds (its view, its ordered store writes), so the reading screen never reaches
into the main screen and tests can give it a link of their own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from reader.errors import ReaderError
from reader.fulltext import adding
from reader.fulltext.cache import FulltextCache
from reader.fulltext.document import Reference
from reader.fulltext.download import Download
from reader.model import Entry, Paper, Status
from reader.text import clean_line
from reader.tui.widgets.messages import PapersAdded

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.tui.commands import Command
    from reader.tui.screens.main import MainScreen


def system_open(path: Path) -> bool:
    """Open a file in the system's viewer (xdg-open, open, or the Windows shell)."""
    try:
        if sys.platform == "win32":
            import os

            os.startfile(str(path))  # type: ignore[attr-defined,unused-ignore]
            return True
        command = "open" if sys.platform == "darwin" else "xdg-open"
        subprocess.Popen([command, str(path)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
        return True
    except OSError:
        return False


def _ignore(url: str) -> None:
    return None


@dataclass
class LibraryLink:
    """What the reading screen may ask of the library."""

    entry: Callable[[str], Entry | None]
    """The paper with its current state (None: not in the library)."""
    entries: Callable[[], list[Entry]]
    """Every paper (read in a worker, to match references)."""
    save_note: Callable[[str, str, str, Callable[[str], object] | None], None]
    """(paper id, note, the note it replaces: a change made elsewhere is kept beside it,
    a callback given the note the library then holds, from a worker thread)."""
    set_status: Callable[[str, Status], None]
    add_reference: Callable[[Reference, Paper, Callable[[Entry | None, str], None]], None]
    """Add the paper a reference cites; the callback gets its entry and what happened
    (or None and the reason), from a worker thread (it should post a message)."""
    cache: FulltextCache = field(default_factory=FulltextCache)
    download: Download | None = None
    open_file: Callable[[Path], bool] = system_open
    open_url: Callable[[str], object] = _ignore


def main_link(screen: MainScreen) -> LibraryLink:
    """The link through the main screen's view and its ordered store writes."""

    def entry(pid: str) -> Entry | None:
        view = screen.view
        return view.entries.get(pid) if view is not None else None

    def entries() -> list[Entry]:
        view = screen.view
        return list(view.entries.values()) if view is not None else []

    def set_status(pid: str, status: Status) -> None:
        screen.controller.changes.write(lambda lib: lib.set_status(pid, status))

    def add_reference(ref: Reference, citing: Paper,
                      done: Callable[[Entry | None, str], None]) -> None:
        controller = screen.controller
        future = controller.changes.in_line(  # now, on the UI thread: in key order
            lambda lib: adding.add_reference(lib, ref, citing))

        def work() -> None:
            try:
                result = future.result()
                added = controller.open_library().entry(result.paper_id)
            except ReaderError as exc:
                done(None, clean_line(str(exc)))
                return
            controller.post_message(PapersAdded([added]))
            done(added, result.how)

        controller.run_worker(work, thread=True, group="store", exit_on_error=False)

    return LibraryLink(entry=entry, entries=entries, save_note=screen.save_note,
                       set_status=set_status, add_reference=add_reference,
                       open_url=screen.app.open_link)


def load_text(link: LibraryLink, paper: Paper, entries: list[Entry]) -> Message:
    """In a worker: the paper's text (cache, then network) as a DocumentLoaded, or a
    DocumentFailed saying why."""
    from reader.fulltext.errors import FulltextError
    from reader.fulltext.flow import flows
    from reader.fulltext.loader import load_document
    from reader.fulltext.references import LibraryIndex
    from reader.tui.screens.reading_messages import DocumentFailed, DocumentLoaded

    try:
        doc = load_document(paper, cache=link.cache, download=link.download)
        return DocumentLoaded(doc, flows(doc), LibraryIndex.build(entries, doc.references))
    except FulltextError as exc:
        return DocumentFailed(clean_line(str(exc)))
    except Exception as exc:  # a parser bug must not take the app down
        return DocumentFailed(f"could not read the text ({type(exc).__name__})")


def open_pdf(link: LibraryLink, paper: Paper) -> Message:
    """In a worker: the PDF (downloaded once into the cache) handed to the viewer."""
    from reader.fulltext.errors import FulltextError
    from reader.fulltext.loader import fetch_pdf
    from reader.tui.screens.reading_messages import PdfFetched

    try:
        path = fetch_pdf(paper, cache=link.cache, download=link.download)
    except FulltextError as exc:
        return PdfFetched(None, clean_line(str(exc)))
    opened = link.open_file(path)
    return PdfFetched(path, "" if opened else "no PDF viewer found")


def reading_commands(screen: Screen[None]) -> list[Command]:
    """The command palette on the reading screen: its own keys ("reading: search")."""
    from textual.binding import Binding

    from reader.tui.commands import Command

    out: list[Command] = []
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.id:
            out.append(Command(f"reading: {binding.description.lower()}",
                               f"key {screen.app.get_key_display(binding)}",
                               partial(screen.run_action, binding.action)))
    return out
