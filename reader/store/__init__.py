"""The library store: the only code that touches TinyDB.

    with Library.open(path) as lib:        # path=None -> in memory (tests)
        lib.add_papers(papers)             # -> ImportReport
        lib.set_status(pid, Status.READ)   # -> Change, persisted before returning
        lib.entries()                      # -> list[Entry] in import order

Errors are reader.errors.StoreError / UnknownPaperError (one line for the user).
"""

from __future__ import annotations

from reader.store.library import Change, ImportReport, Library

__all__ = ["Change", "ImportReport", "Library"]
