"""Library: catalogue + reading state, atomic, locked, fast at 100k papers.

CONTRACT STUB written by the lead: the store owner replaces the bodies, keeps
the signatures (the CLI, the app, export, search and stats call them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from reader.model import Entry, Paper, ReadingState, Status

Clock = Callable[[], datetime]
"""Returns an aware UTC datetime. Injected by tests (stats need known times)."""


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    """Existing papers that gained missing metadata."""
    unchanged: int = 0


@dataclass(slots=True)
class Change:
    """One persisted change, as the CLI prints it and the app toasts it."""

    paper_id: str
    description: str
    """e.g. 'status: new → read', 'rating: 4', 'tags: +ml', 'note saved'."""
    before: ReadingState
    after: ReadingState


class Library:
    path: Path | None

    @classmethod
    def open(cls, path: Path | None, *, clock: Clock | None = None,
             create: bool = True) -> Library:
        """Open (or create, 0600) the library at `path`; None = in memory."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Library:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # catalogue -------------------------------------------------------
    def __len__(self) -> int:
        raise NotImplementedError

    def papers(self) -> list[Paper]:
        raise NotImplementedError

    def paper(self, paper_id: str) -> Paper:
        raise NotImplementedError

    def resolve(self, prefix: str) -> str:
        """Full id from any unique prefix (with or without `arxiv:`); UnknownPaperError."""
        raise NotImplementedError

    def add_papers(self, papers: Iterable[Paper],
                   states: dict[str, ReadingState] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Merge: new ids added, missing metadata filled, reading state untouched.
        `states` (only from Reader's own JSON) are applied to papers without state."""
        raise NotImplementedError

    # reading state ---------------------------------------------------
    def state(self, paper_id: str) -> ReadingState:
        raise NotImplementedError

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def entry(self, paper_id: str) -> Entry:
        raise NotImplementedError

    def set_status(self, paper_id: str, status: Status) -> Change:
        raise NotImplementedError

    def set_rating(self, paper_id: str, rating: int | None) -> Change:
        raise NotImplementedError

    def add_tags(self, paper_id: str, tags: Iterable[str]) -> Change:
        raise NotImplementedError

    def remove_tags(self, paper_id: str, tags: Iterable[str]) -> Change:
        raise NotImplementedError

    def set_note(self, paper_id: str, note: str) -> Change:
        raise NotImplementedError

    def move_in_queue(self, paper_id: str, delta: int) -> Change:
        """Move a to-read paper up (delta<0) or down in the to-read queue."""
        raise NotImplementedError

    def undo(self) -> Change | None:
        """Revert this process's last change; None when there is nothing to undo."""
        raise NotImplementedError

    # saved searches --------------------------------------------------
    def saved_searches(self) -> dict[str, str]:
        raise NotImplementedError

    def save_search(self, name: str, query: str) -> None:
        raise NotImplementedError

    def delete_search(self, name: str) -> None:
        raise NotImplementedError

    # other processes ---------------------------------------------------
    def reload_if_changed(self) -> bool:
        """Re-read if another process wrote the library; True when something changed."""
        raise NotImplementedError

    @staticmethod
    def check(path: Path) -> list[str]:
        """Problems found in the library at `path` (empty = healthy), plus backup info."""
        raise NotImplementedError
