"""Reading statistics from a library with a known, hand-written history.

Every expected figure below is derived by hand in the comments from the
timestamps of `_library()`, never copied from the program's output.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import Entry, HistoryEntry, Paper, ReadingState, Status
from reader.stats import (
    compute_stats,
    daily_progress,
    finished_on,
    format_stats,
    hbar,
    progress_text,
    reading_streak,
    spark,
)

# Saturday noon (UTC). The current week starts Monday 2026-11-23; the twelve
# weeks start on the Mondays 2026-09-07 ... 2026-11-23.
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
MONDAYS = [date(2026, 9, 7) + timedelta(weeks=i) for i in range(12)]

S = Status


def _entry(pid: str, status: Status, added: str, history: Sequence[tuple[str, Status]] = (),
           rating: int | None = None, tags: list[str] | None = None) -> Entry:
    hist, previous = [], Status.NEW
    for at, st_ in history:
        hist.append(HistoryEntry(at=at, status=st_, previous=previous))
        previous = st_
    return Entry(Paper(id=pid, title=f"Paper {pid}", added_at=added),
                 ReadingState(paper_id=pid, status=status, rating=rating, tags=tags or [],
                              history=hist))


def _library() -> list[Entry]:
    return [
        # A: to-read Sun 11-01 10:00 -> read Fri 11-06 10:00: 5.0 days to read.
        _entry("A", S.READ, "2026-11-01T09:00:00+00:00",
               [("2026-11-01T10:00:00+00:00", S.TO_READ), ("2026-11-05T10:00:00+00:00", S.READING),
                ("2026-11-06T10:00:00+00:00", S.READ)], rating=5, tags=["ml", "nlp"]),
        # B: to-read since Mon 10-05 06:00, still to-read.
        _entry("B", S.TO_READ, "2026-10-01T00:00:00Z", [("2026-10-05T06:00:00Z", S.TO_READ)],
               tags=["ml"]),
        # C: to-read Fri 11-20 09:00 -> read today 11-28 09:00: 8.0 days.
        _entry("C", S.READ, "2026-11-20T08:00:00+00:00",
               [("2026-11-20T09:00:00+00:00", S.TO_READ), ("2026-11-28T09:00:00+00:00", S.READ)],
               rating=4, tags=["ml"]),
        # D: read yesterday 11-27 20:00 without ever being to-read.
        _entry("D", S.READ, "2026-11-27T08:00:00+00:00", [("2026-11-27T20:00:00+00:00", S.READ)],
               tags=["nlp"]),
        # E: to-read with no history at all: to-read since it was added, 08-01 00:00.
        _entry("E", S.TO_READ, "2026-08-01T00:00:00+00:00"),
        # F: added long ago (01-01) but to-read only since 11-10.
        _entry("F", S.TO_READ, "2026-01-01T00:00:00+00:00", [("2026-11-10T00:00:00+00:00",
                                                             S.TO_READ)]),
        # G: garbage timestamps everywhere: counted on its shelf, invisible in time.
        _entry("G", S.SKIPPED, "last tuesday", [("not a date", S.READ), ("", S.SKIPPED)],
               rating=3, tags=["[bold]x"]),
        # H: no timestamp at all.
        _entry("H", S.NEW, "", rating=1),
        # I: to-read 10-06 12:00 -> read 10-16 12:00 (10.0 days), reading again 11-26.
        _entry("I", S.READING, "2026-10-01T00:00:00",
               [("2026-10-06T12:00:00", S.TO_READ), ("2026-10-16T12:00:00", S.READ),
                ("2026-11-26T12:00:00", S.READING)]),
        # J: read Thu 11-26 23:30 UTC.
        _entry("J", S.READ, "2026-11-26T08:00:00+00:00", [("2026-11-26T23:30:00+00:00", S.READ)]),
    ]


def _series(counts: list[int]) -> list[dict[str, object]]:
    return [{"week_start": m.isoformat(), "count": c} for m, c in zip(MONDAYS, counts, strict=True)]


def test_every_figure_of_a_known_history() -> None:
    stats = compute_stats(_library(), NOW, daily_goal=2)
    assert stats["now"] == "2026-11-28T12:00:00+00:00"
    assert stats["total"] == 10
    assert stats["by_status"] == {"new": 1, "to-read": 3, "reading": 1, "read": 4, "skipped": 1}
    assert stats["ratings"] == {"1": 1, "2": 0, "3": 1, "4": 1, "5": 1}
    assert stats["rated"] == 4
    assert stats["average_rating"] == 3.25  # (5 + 4 + 3 + 1) / 4
    # added: B and I in the week of 09-28, A on Sun 11-01 (week of 10-26), C week of 11-16,
    # D and J this week; E and F before the window, G and H without a usable time.
    assert stats["added_per_week"] == _series([0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 1, 2])
    # read: I on 10-16, A on 11-06, J, D and C this week; G's read has no usable time.
    assert stats["read_per_week"] == _series([0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 3])
    # pile at each Monday 00:00 (then now): E always; B from 10-12 on; I only at 10-12;
    # A only at 11-02; F from 11-16 on; C only at 11-23 (read today).
    assert stats["to_read_pile"] == _series([1, 1, 1, 1, 3, 2, 2, 3, 2, 3, 4, 3])
    assert stats["to_read_pile"][-1]["count"] == stats["by_status"]["to-read"]
    assert stats["top_tags"] == [{"tag": "ml", "count": 3}, {"tag": "nlp", "count": 2},
                                 {"tag": "[bold]x", "count": 1}]
    # E: to-read since it was added, 08-01 00:00 -> 11-28 12:00 = 119.5 days.
    assert stats["oldest_unread_to_read_days"] == 119
    assert stats["oldest_unread_to_read"] == {"id": "E", "title": "Paper E"}
    # A 5.0, C 8.0, I 10.0 days (D was never to-read): 23 / 3.
    assert stats["avg_days_to_read"] == 7.7
    assert stats["avg_days_to_read_papers"] == 3
    # J on 11-26, D on 11-27, C today.
    assert stats["streak_days"] == 3
    assert stats["finished_today"] == 1
    assert stats["daily_goal"] == 2
    assert stats["goal_met"] is False
    json.dumps(stats)  # JSON-able as it is


def test_to_read_age_counts_from_when_it_became_to_read() -> None:
    entries = [e for e in _library() if e.paper.id != "E"]
    stats = compute_stats(entries, NOW)
    # B: 10-05 06:00 -> 11-28 12:00 = 54.25 days. F, added in January, only joined on 11-10.
    assert stats["oldest_unread_to_read_days"] == 54
    assert stats["oldest_unread_to_read"]["id"] == "B"
    assert stats["daily_goal"] == 0
    assert stats["goal_met"] is None


def test_empty_library_has_every_key_and_no_figures() -> None:
    stats = compute_stats([], NOW)
    assert stats["by_status"] == {s.value: 0 for s in Status}
    assert stats["ratings"] == {str(r): 0 for r in range(1, 6)}
    for key in ("added_per_week", "read_per_week", "to_read_pile"):
        assert [w["week_start"] for w in stats[key]] == [m.isoformat() for m in MONDAYS]
        assert {w["count"] for w in stats[key]} == {0}
    assert stats["top_tags"] == []
    assert stats["oldest_unread_to_read_days"] is None
    assert stats["avg_days_to_read"] is None
    assert stats["average_rating"] is None
    assert stats["streak_days"] == 0
    assert stats["finished_today"] == 0
    assert "0 papers" in format_stats(stats)


def test_streak_keeps_until_the_end_of_today() -> None:
    entries = _library()
    # Nothing read yet on 11-29: the streak up to yesterday still counts.
    assert reading_streak(entries, datetime(2026, 11, 29, 8, 0, tzinfo=UTC)) == 3
    assert finished_on(entries, datetime(2026, 11, 29, 8, 0, tzinfo=UTC)) == 0
    # A whole day without a finished paper breaks it.
    assert reading_streak(entries, datetime(2026, 11, 30, 8, 0, tzinfo=UTC)) == 0
    assert reading_streak(entries, NOW) == 3
    assert finished_on(entries, NOW) == 1
    assert finished_on(entries, date(2026, 11, 27)) == 1
    assert finished_on(entries, date(2026, 11, 6)) == 1
    # Before C was read this morning, today had nothing yet: streak of two up to yesterday.
    assert reading_streak(entries, datetime(2026, 11, 28, 8, 0, tzinfo=UTC)) == 2


def test_footer_progress_line() -> None:
    assert daily_progress(_library(), NOW) == (3, 1)
    assert progress_text(*daily_progress(_library(), NOW), 2) == "3-day streak · today 1/2"
    assert progress_text(3, 2, 2) == "3-day streak · goal met (2/2)"
    assert progress_text(3, 1, 0) == ""  # the goal is off: nothing to show


def test_days_are_those_of_the_time_zone_of_now() -> None:
    east = timezone(timedelta(hours=2))
    now = NOW.astimezone(east)
    # At UTC+2, J (11-26 23:30 UTC) was read on 11-27, the same day as D: two days.
    assert reading_streak(_library(), now) == 2
    assert finished_on(_library(), now.replace(day=27)) == 2
    assert compute_stats(_library(), now)["streak_days"] == 2


def test_future_events_are_not_counted_yet() -> None:
    entry = _entry("X", S.READ, "2026-11-27T00:00:00Z", [("2026-11-28T18:00:00Z", S.READ)])
    stats = compute_stats([entry], NOW)  # read at 18:00, now is noon
    assert stats["finished_today"] == 0
    assert stats["read_per_week"][-1]["count"] == 0


def test_a_paper_read_twice_in_a_week_counts_once() -> None:
    entry = _entry("X", S.READ, "2026-11-23T00:00:00Z",
                   [("2026-11-23T08:00:00Z", S.READ), ("2026-11-24T08:00:00Z", S.READING),
                    ("2026-11-25T08:00:00Z", S.READ)])
    stats = compute_stats([entry], NOW)
    assert stats["read_per_week"][-1]["count"] == 1


def test_format_shows_the_figures() -> None:
    text = format_stats(compute_stats(_library(), NOW, daily_goal=2))
    assert "10 papers" in text
    assert "119 days (Paper E)" in text
    assert "7.7 days (over 3 papers)" in text
    assert "reading streak: 3 days" in text
    assert "daily goal: 2 (1 to go)" in text
    assert "[bold]x" in text
    assert "23 Nov 2026" in text


def test_wide_tags_keep_the_columns_aligned() -> None:
    entries = [_entry("a", S.NEW, "", tags=["深層学習"]), _entry("b", S.NEW, "", tags=["ml"]),
               _entry("c", S.NEW, "", tags=["ml"])]
    lines = format_stats(compute_stats(entries, NOW)).split("Top tags\n")[1].splitlines()[:2]
    # "深層学習" is 4 characters but 8 cells wide: the counts line up on screen.
    assert lines[0].startswith("  ml ") and lines[1].startswith("  深層学習 ")
    assert lines[1].index("1") + 4 == lines[0].index("2")


def test_bars_and_sparks_scale_to_the_maximum() -> None:
    assert hbar(0, 10, 20) == ""
    assert hbar(10, 10, 20) == "█" * 20
    assert hbar(5, 10, 20) == "█" * 10
    assert hbar(1, 1000, 20) == "▏"  # a sliver, never nothing
    assert spark([0, 4, 8]) == "▁▅█"
    assert spark([0, 0]) == "▁▁"


stamps = st.one_of(st.text(max_size=30), st.datetimes().map(lambda d: d.isoformat()),
                   st.just("9999-12-31T23:59:59-23:00"), st.just("0001-01-01T00:00:00+23:00"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(stamps, st.lists(st.tuples(stamps, st.sampled_from(list(Status))),
                                             max_size=4),
                          st.sampled_from(list(Status))), max_size=6))
def test_any_timestamps_never_crash(papers: list[tuple[str, list[tuple[str, Status]],
                                                       Status]]) -> None:
    entries = [_entry(str(i), status, added, history)
               for i, (added, history, status) in enumerate(papers)]
    stats = compute_stats(entries, NOW, daily_goal=1)
    json.dumps(stats)
    format_stats(stats)
    assert sum(stats["by_status"].values()) == len(entries)
    assert stats["to_read_pile"][-1]["count"] == stats["by_status"]["to-read"]
    assert reading_streak(entries, NOW) == stats["streak_days"]


# --- through the store and the command line -------------------------------------------

def test_reader_stats_json_over_a_stored_history(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main
    from reader.config import Config
    from reader.store import Library

    clock = [datetime(2026, 11, 2, 9, 0, tzinfo=UTC)]  # a Monday: week 9 of 12

    def at(text: str) -> None:
        clock[0] = datetime.fromisoformat(text)

    ids = [f"arxiv:2401.0000{i}" for i in range(1, 6)]
    with Library.open(db_path, clock=lambda: clock[0]) as lib:
        lib.add_papers(Paper(id=pid, title=f"Paper {pid[-1]}") for pid in ids)
        p1, p2, p3, p4, p5 = ids
        at("2026-11-02T10:00:00+00:00")
        lib.set_status(p1, S.TO_READ)
        lib.set_rating(p1, 4)
        lib.add_tags(p1, ["ml"])
        at("2026-11-03T09:00:00+00:00")
        lib.set_status(p2, S.TO_READ)
        at("2026-11-05T10:00:00+00:00")
        lib.set_status(p1, S.READ)
        at("2026-11-10T10:00:00+00:00")
        lib.set_status(p4, S.SKIPPED)
        at("2026-11-20T10:00:00+00:00")
        lib.set_status(p5, S.READ)
        lib.undo()  # a slip of the finger: not a paper finished
        at("2026-11-27T10:00:00+00:00")
        lib.set_status(p3, S.READ)
        lib.set_rating(p3, 5)
        lib.add_tags(p3, ["rl", "ml"])
        at("2026-11-28T08:00:00+00:00")
        lib.set_status(p4, S.READ)
    Config(daily_goal=2).save()
    monkeypatch.setenv("READER_NOW", "2026-11-28T12:00:00+00:00")

    assert main(["--db", str(db_path), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["now"] == "2026-11-28T12:00:00+00:00"
    assert stats["total"] == 5
    assert stats["by_status"] == {"new": 1, "to-read": 1, "reading": 0, "read": 3, "skipped": 0}
    assert stats["ratings"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert (stats["rated"], stats["average_rating"]) == (2, 4.5)
    assert stats["added_per_week"] == _series([0] * 8 + [5, 0, 0, 0])
    # p1 on 11-05; p3 on 11-27 and p4 today (p5's read was undone).
    assert stats["read_per_week"] == _series([0] * 8 + [1, 0, 0, 2])
    # Nothing was to-read at Monday 11-02 00:00; p2 from 11-03 to now (p1 left on 11-05).
    assert stats["to_read_pile"] == _series([0] * 8 + [1, 1, 1, 1])
    assert stats["top_tags"] == [{"tag": "ml", "count": 2}, {"tag": "rl", "count": 1}]
    assert stats["oldest_unread_to_read_days"] == 25  # 11-03 09:00 -> 11-28 12:00
    assert stats["oldest_unread_to_read"] == {"id": ids[1], "title": "Paper 2"}
    assert stats["avg_days_to_read"] == 3.0  # p1: 11-02 10:00 -> 11-05 10:00
    assert stats["avg_days_to_read_papers"] == 1
    assert stats["streak_days"] == 2  # 11-27 and 11-28
    assert stats["finished_today"] == 1
    assert stats["daily_goal"] == 2
    assert stats["goal_met"] is False

    assert main(["--db", str(db_path), "stats"]) == 0
    text = capsys.readouterr().out
    assert "reading streak: 2 days, finished today: 1, daily goal: 2 (1 to go)" in text
    assert "oldest to-read paper: 25 days (Paper 2)" in text
