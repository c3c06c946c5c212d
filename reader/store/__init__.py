"""The library store: the only code that touches TinyDB.

    with Library.open(path) as lib:        # path=None -> in memory (tests)
        lib.add_papers(papers)             # -> ImportReport
        lib.set_status(pid, Status.READ)   # -> Change, persisted before returning
        lib.entries()                      # -> list[Entry] in import order

Files beside `path` (files.py): the catalogue `library.json` (written by
imports only), the reading state `library.state.json` (only papers whose state
was ever changed, plus saved searches; written on every change), rolling
backups `library.state.json.bak.1..5` (newest first, at most one per 10
minutes), and `library.json.lock`. All are created 0600.

Guarantees: every write is atomic and durable (storage.py); each change is one
locked read-modify-write that first re-reads whatever another process changed,
so the app and the CLI can write at the same time; a file that is not a valid
library is never overwritten; `Library.open(path, create=False)` writes nothing.
`undo()` is per process and in memory. A Library may be shared by threads.

Sync (mergeable.py, merging.py): every state field carries a stamp (hybrid
logical clock + machine name), so `lib.merge_file(other_copy)` merges another
copy of the state or catalogue field by field, losing nothing; a state
document, once written, is kept (its stamps outlive a state set back to new).

Errors are reader.errors.StoreError / UnknownPaperError (one line for the user).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.store.library import Change, Clock, ImportReport, Library, MergeReport

__all__ = ["Change", "Clock", "ImportReport", "Library", "MergeReport"]


def __getattr__(name: str) -> Any:
    """The store's classes, imported on first use: a module of the package (the
    first-screen cache the app reads before its first paint) comes without the
    store itself (its file lock, TinyDB)."""
    if name in __all__:
        from reader.store import library

        return getattr(library, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
