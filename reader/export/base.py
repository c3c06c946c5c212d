"""Exporter contract, selection and ordering, atomic writes (CONTRACT STUB)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from reader.model import Entry, Status


class Exporter(Protocol):
    name: str
    suffix: str

    def dump(self, entries: Sequence[Entry], now: datetime) -> str: ...


EXPORTERS: dict[str, Exporter] = {}


def select_entries(entries: Sequence[Entry], *, status: Status | None = None,
                   query: str | None = None, all_: bool = False) -> list[Entry]:
    """Default (nothing given) = the to-read shelf. Ordered: queue, rating, added."""
    raise NotImplementedError


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Temp file in the same folder, fsync, rename. ExportError on failure."""
    raise NotImplementedError
