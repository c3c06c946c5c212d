"""Helpers of the sync tests: a machine's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class SkewedClock:
    """A machine's clock, minutes off the others' (as real machines' clocks can be),
    moving on by seven seconds at each reading."""

    def __init__(self, skew_minutes: int) -> None:
        self.now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC) + timedelta(minutes=skew_minutes)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=7)
        return self.now
