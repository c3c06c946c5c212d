"""What the library controller reports to the screen (past-tense events).

Each is posted by a worker (or by the controller once it has taken the news into
its view, on the UI thread) and bubbles up to the screen, which updates widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.early_search import EarlySearch
    from reader.model import Entry
    from reader.store import Change
    from reader.tui.state import LibraryView


class LibraryLoaded(Message):
    """The library was read (its search index comes later: `LibraryIndexed`)."""

    def __init__(self, view: LibraryView, skipped: str = "") -> None:
        super().__init__()
        self.view = view
        self.skipped = skipped
        """Hand-edited records that are not valid (left as they are), if any."""


class LoadFailed(Message):
    """The library could not be read: `error` says why (one line)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class EarlySearchReady(Message):
    """A big library can be searched before it is loaded (`early`, until `LibraryIndexed`)."""

    def __init__(self, early: EarlySearch) -> None:
        super().__init__()
        self.early = early


class LibraryIndexed(Message):
    """The search index of `view` is ready (a query typed meanwhile can run)."""

    def __init__(self, view: LibraryView) -> None:
        super().__init__()
        self.view = view


class LibraryReloaded(Message):
    """Another process (or a network job of this app: `quiet`) changed the library;
    `view` is the library read again, with this app's later changes replayed."""

    def __init__(self, view: LibraryView, writes: int, *, quiet: bool = False) -> None:
        super().__init__()
        self.view = view
        self.writes = writes
        """The number of this app's writes the read included."""
        self.quiet = quiet


class CopiesMerged(Message):
    """Conflict copies left by a sync tool were merged (or could not be): `lines`
    say what happened, one line each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines


class ChangeApplied(Message):
    """A store change landed and the controller's view took it. `change` None: there
    was nothing to do (`nothing` says what, e.g. "Nothing to undo.")."""

    def __init__(self, change: Change | None, entries: list[Entry], titles: dict[str, str],
                 *, relist: bool = False, nothing: str = "") -> None:
        super().__init__()
        self.change = change
        self.entries = entries
        """The changed papers that remain (not deleted), as they are now."""
        self.titles = titles
        """Titles of the changed papers, read before the change (deleted ones too)."""
        self.relist = relist
        """The papers' places may have moved (an undo, a queue move): list again."""
        self.nothing = nothing


class ChangeFailed(Message):
    """A store change was not saved: `error` says why (one line)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SavedSearchChanged(Message):
    """A saved search was saved (`old` None), renamed, or deleted (`new` None)."""

    def __init__(self, old: str | None, new: str | None) -> None:
        super().__init__()
        self.old = old
        self.new = new


class ProgressCounted(Message):
    """The reading streak / daily goal line, counted anew."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


# the controller's own (its workers tell it; it tells the screen once its view took them)

class ChangeWritten(Message, bubble=False):
    """The store thread ran a change (the controller takes it, then posts ChangeApplied)."""

    def __init__(self, change: Change | None, writes: int, queue: list[Entry] | None,
                 relist: bool, nothing: str) -> None:
        super().__init__()
        self.change, self.writes, self.queue = change, writes, queue
        self.relist, self.nothing = relist, nothing


class SearchesWritten(Message, bubble=False):
    """The store thread saved, renamed or deleted a saved search."""

    def __init__(self, old: str | None, new: str | None, text: str) -> None:
        super().__init__()
        self.old, self.new, self.text = old, new, text


class RebuildFailed(Message, bubble=False):
    """A rebuild for a network job's papers failed (the next poll says why)."""
