"""`compute_stats`: every figure of `reader stats --json`, from entries and a clock.

Pure: no I/O, no clock of its own (`now` is passed in), JSON-able output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from reader.model import Entry, Status
from reader.stats.timeline import (
    WEEKS,
    Timeline,
    aware,
    local_day,
    parse_time,
    read_days,
    start_of_day,
    week_starts,
)

TOP_TAGS = 10
DAY = 86400.0


def _read_days_by_paper(entries: Iterable[Entry], tz: tzinfo,
                        until: datetime) -> list[set[date]]:
    """For each paper ever marked read: the days it was marked read."""
    result = []
    for entry in entries:
        if entry.state.history:
            days = read_days(entry, tz, until)
            if days:
                result.append(days)
    return result


def finished_on(entries: Sequence[Entry], day: date | datetime) -> int:
    """Papers marked read on `day`.

    Pass a datetime (e.g. `now`) to count the day it falls on in its own time
    zone; a plain date is a UTC day.
    """
    if isinstance(day, datetime):
        moment = aware(day)
        tz = moment.tzinfo
        assert tz is not None
        target = moment.date()
    else:
        from datetime import UTC

        tz, target = UTC, day
    until = start_of_day(target + timedelta(days=1), tz)
    return sum(1 for days in _read_days_by_paper(entries, tz, until) if target in days)


def _streak(days_read: set[date], today: date) -> int:
    day = today if today in days_read else today - timedelta(days=1)
    count = 0
    while day in days_read:
        count += 1
        day -= timedelta(days=1)
    return count


def reading_streak(entries: Sequence[Entry], now: datetime) -> int:
    """Consecutive days with at least one paper finished, ending today (or
    yesterday when nothing is finished yet today), in `now`'s time zone."""
    now = aware(now)
    assert now.tzinfo is not None
    days: set[date] = set()
    for paper_days in _read_days_by_paper(entries, now.tzinfo, now):
        days |= paper_days
    return _streak(days, now.date())


def daily_progress(entries: Sequence[Entry], now: datetime) -> tuple[int, int]:
    """(`reading_streak`, papers finished today) in one pass, for the sidebar/footer."""
    now = aware(now)
    assert now.tzinfo is not None
    today = now.date()
    days: set[date] = set()
    finished = 0
    for paper_days in _read_days_by_paper(entries, now.tzinfo, now):
        days |= paper_days
        finished += today in paper_days
    return _streak(days, today), finished


def _surely_before(text: str, floor: str) -> bool:
    """True when an ISO timestamp's date is before `floor` (an ISO date two days before
    the window, covering any UTC offset), judged from its text without parsing."""
    return len(text) >= 10 and text[4] == "-" and text[:4].isdigit() and text[:10] < floor


def _series(starts: list[date], counts: Sequence[int]) -> list[dict[str, Any]]:
    return [{"week_start": s.isoformat(), "count": c} for s, c in zip(starts, counts, strict=True)]


def compute_stats(
    entries: Sequence[Entry], now: datetime, *, daily_goal: int = 0
) -> dict[str, Any]:
    """The object `reader stats --json` prints. See docs/stats.md for every key."""
    now = aware(now)
    tz = now.tzinfo
    assert tz is not None
    today = now.date()
    starts = week_starts(now)
    first = starts[0]
    week_ends = [min(start_of_day(s + timedelta(weeks=1), tz), now) for s in starts]

    by_status = Counter(e.state.status for e in entries)
    ratings = Counter(e.state.rating for e in entries
                      if isinstance(e.state.rating, int) and 1 <= e.state.rating <= 5)
    tags: dict[str, int] = {}
    added = [0] * WEEKS
    read = [0] * WEEKS
    pile = [0] * WEEKS
    days_read: set[date] = set()
    finished_today = 0
    oldest: tuple[datetime, Entry] | None = None
    durations: list[float] = []
    # An import gives all its papers one `added_at`: compute each distinct one once
    # (-1: outside the window or unusable).
    added_week: dict[str, int] = {}
    floor = (first - timedelta(days=2)).isoformat()

    def week_added(text: str) -> int:
        week = -1
        if not _surely_before(text, floor):
            at = parse_time(text)
            day = local_day(at, tz) if at is not None and at <= now else None
            if day is not None and day >= first:
                week = (day - first).days // 7
        added_week[text] = week
        return week

    for entry in entries:
        state = entry.state
        if state.tags:
            for tag in set(state.tags):
                tags[tag] = tags.get(tag, 0) + 1
        text = entry.paper.added_at
        week = added_week.get(text)
        if week is None:
            week = week_added(text)
        if week >= 0:
            added[week] += 1
        if not state.history and state.status is not Status.TO_READ:
            continue  # nothing in time but when it was added
        timeline = Timeline.of(entry)
        for i, status in enumerate(timeline.statuses_at(week_ends, now)):
            if status is Status.TO_READ:
                pile[i] += 1
        if state.status is Status.TO_READ:
            since = timeline.became_to_read()
            if since is not None and (oldest is None or since < oldest[0]):
                oldest = (since, entry)
        if not timeline.events:
            continue
        spent = timeline.time_to_read()
        if spent is not None:
            durations.append(spent.total_seconds() / DAY)
        days = read_days(entry, tz, now)
        days_read |= days
        finished_today += today in days
        for week in {(d - first).days // 7 for d in days if d >= first}:
            read[week] += 1

    oldest_days: int | None = None
    oldest_paper: dict[str, str] | None = None
    if oldest is not None:
        oldest_days = max(0, int((now - oldest[0]).total_seconds() // DAY))
        oldest_paper = {"id": oldest[1].paper.id, "title": oldest[1].paper.title}
    rated = sum(ratings.values())
    return {
        "now": now.isoformat(timespec="seconds"),
        "total": len(entries),
        "by_status": {s.value: by_status.get(s, 0) for s in Status},
        "ratings": {str(r): ratings.get(r, 0) for r in range(1, 6)},
        "rated": rated,
        "average_rating": (round(sum(r * n for r, n in ratings.items()) / rated, 2)
                           if rated else None),
        "added_per_week": _series(starts, added),
        "read_per_week": _series(starts, read),
        "to_read_pile": _series(starts, pile),
        "top_tags": [{"tag": t, "count": n}
                     for t, n in sorted(tags.items(), key=lambda tn: (-tn[1], tn[0]))[:TOP_TAGS]],
        "oldest_unread_to_read_days": oldest_days,
        "oldest_unread_to_read": oldest_paper,
        "avg_days_to_read": round(sum(durations) / len(durations), 1) if durations else None,
        "avg_days_to_read_papers": len(durations),
        "streak_days": _streak(days_read, today),
        "finished_today": finished_today,
        "daily_goal": max(0, daily_goal),
        "goal_met": finished_today >= daily_goal if daily_goal > 0 else None,
    }
