"""Reading insights (CONTRACT STUB): pure computation over entries and history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reader.model import Entry


def compute_stats(
    entries: Sequence[Entry], now: datetime, *, daily_goal: int = 0
) -> dict[str, Any]:
    """The object `reader stats --json` prints (by_status, ratings, ...)."""
    raise NotImplementedError


def format_stats(stats: dict[str, Any]) -> str:
    """Human-readable text of `compute_stats` for `reader stats`."""
    raise NotImplementedError
