"""Messages the reading screen's workers post when their work is done (past tense)."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from reader.fulltext.document import Document
from reader.fulltext.flow import Flow
from reader.fulltext.references import LibraryIndex
from reader.model import Entry


class DocumentLoaded(Message):
    """The paper's text was read (cache or network) and cut into flows."""

    def __init__(self, doc: Document, flows: list[Flow], index: LibraryIndex) -> None:
        super().__init__()
        self.doc = doc
        self.flows = flows
        self.index = index


class DocumentFailed(Message):
    """The text could not be had: `reason` is the line to show."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class ReferenceAdded(Message):
    """A cited paper was added (`entry`), or was not (None, and why)."""

    def __init__(self, reference: int, entry: Entry | None, reason: str) -> None:
        super().__init__()
        self.reference = reference
        self.entry = entry
        self.reason = reason


class PdfFetched(Message):
    """The PDF is in the cache (`path`) and was handed to the viewer, or `reason` says
    what went wrong."""

    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__()
        self.path = path
        self.reason = reason
