"""The line above the text offering to mark the paper `reading` (hidden once it is
reading or read)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.model import Status


class ReadingOffer(Static):
    def show_for(self, status: Status) -> None:
        self.display = status not in (Status.READING, Status.READ)
        self.update(Content.assemble(("Reading this paper? ", "$text-accent"), ("m", "bold"),
                                     (f" marks it reading (now {status.value})", "$text-muted")))
