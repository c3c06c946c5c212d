"""Time helpers for the statistics: robust timestamp parsing, days, weeks, history.

Timestamps are ISO strings (UTC) in `Paper.added_at` and `HistoryEntry.at`.
A missing or malformed timestamp makes its event invisible, never an error.
Calendar days and weeks are those of `now`'s time zone (pass a local aware
`datetime` to get the user's days); a naive `now` is taken as UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from reader.model import Entry, Status

WEEKS = 12
"""How many weeks the per-week figures cover (the current week is the last)."""


def parse_time(value: object) -> datetime | None:
    """An aware datetime from an ISO string, or None when missing or malformed.

    A naive timestamp is taken as UTC (that is how Reader writes them).
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


history_time = lru_cache(maxsize=1 << 16)(parse_time)
"""`parse_time` for history stamps, cached: the app recomputes the streak after each
change over the same stamps (a library with up to ~65k status changes fits)."""


def aware(now: datetime) -> datetime:
    """`now` with a time zone (naive = UTC)."""
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def local_day(moment: datetime, tz: tzinfo) -> date | None:
    """The calendar day of `moment` in `tz` (None for dates out of range)."""
    try:
        return moment.astimezone(tz).date()
    except (OverflowError, ValueError):
        return None


history_day = lru_cache(maxsize=1 << 16)(local_day)
"""`local_day` for history stamps, cached likewise."""


def start_of_day(day: date, tz: tzinfo) -> datetime:
    """Midnight at the start of `day` in `tz`."""
    return datetime.combine(day, time(), tzinfo=tz)


def week_starts(now: datetime, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last `weeks` weeks, oldest first, the current week last."""
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


@dataclass(slots=True)
class Event:
    """One history entry with a usable timestamp."""

    at: datetime
    status: Status


@dataclass(slots=True)
class Timeline:
    """A paper's usable history, in time order, and what it started from."""

    added: datetime | None
    initial: Status
    """Status before the first usable event (its `previous`, else new)."""
    events: list[Event]
    current: Status

    @classmethod
    def of(cls, entry: Entry) -> Timeline:
        """Read the timeline of one entry; unusable history entries are skipped."""
        valid: list[tuple[datetime, int, Status, Status | None]] = []
        for index, item in enumerate(entry.state.history):
            at = history_time(item.at)
            status = item.status
            if at is None or not isinstance(status, Status):
                continue
            previous = item.previous
            valid.append((at, index, status, previous if isinstance(previous, Status) else None))
        valid.sort(key=lambda v: (v[0], v[1]))
        current = entry.state.status
        initial = (valid[0][3] or Status.NEW) if valid else current
        return cls(
            added=parse_time(entry.paper.added_at),
            initial=initial,
            events=[Event(at, status) for at, _, status, _ in valid],
            current=current,
        )

    def statuses_at(self, moments: list[datetime], now: datetime) -> list[Status | None]:
        """The status just before each of `moments` (increasing), in one pass.

        None while the paper was not added yet; at or after `now` the current
        status, so the last point of a series always agrees with the shelf counts.
        """
        result: list[Status | None] = []
        status = self.initial
        events = self.events
        i = 0
        for moment in moments:
            if moment >= now:
                result.append(self.current)
                continue
            if self.added is not None and self.added >= moment:
                result.append(None)
                continue
            while i < len(events) and events[i].at < moment:
                status = events[i].status
                i += 1
            result.append(status)
        return result

    def became_to_read(self) -> datetime | None:
        """When the paper last became to-read (from history, else when it was added)."""
        for event in reversed(self.events):
            if event.status is Status.TO_READ:
                return event.at
        return self.added

    def time_to_read(self) -> timedelta | None:
        """From the last to-read entry to the read entry that follows it."""
        result: timedelta | None = None
        queued: datetime | None = None
        for event in self.events:
            if event.status is Status.TO_READ:
                queued = event.at
            elif event.status is Status.READ and queued is not None:
                result = event.at - queued
                queued = None
        return result


def read_days(entry: Entry, tz: tzinfo, until: datetime) -> set[date]:
    """The days (in `tz`) on which the paper was marked read, up to `until`."""
    days: set[date] = set()
    for item in entry.state.history:
        if item.status is Status.READ:
            at = history_time(item.at)
            if at is not None and at <= until:
                day = history_day(at, tz)
                if day is not None:
                    days.add(day)
    return days
