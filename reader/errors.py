"""The errors Reader shows to users: one clear line each, never a traceback."""

from __future__ import annotations


class ReaderError(Exception):
    """Base of every error meant for the user. `str(err)` is the one line to show."""


class ParseError(ReaderError):
    """A file could not be read as a listing. Names the file, and line or entry."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 entry: str | None = None) -> None:
        self.path = path
        self.line = line
        self.entry = entry
        where = path or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        if entry is not None:
            where = f"{where} (entry {entry})" if where else f"entry {entry}"
        super().__init__(f"{where}: {message}" if where else message)


class StoreError(ReaderError):
    """The library file cannot be opened or written; says which file and what to do."""


class UnknownPaperError(ReaderError):
    """An id or prefix matches no paper, or more than one."""


class ExportError(ReaderError):
    """An export could not be written."""
