"""`reader export` (CONTRACT STUB)."""

from __future__ import annotations

from pathlib import Path

from reader.model import Entry, Status


def run_export(entries: list[Entry], *, fmt: str, status: Status | None, query: str | None,
               all_: bool, output: Path | None, force: bool) -> int:
    raise NotImplementedError
