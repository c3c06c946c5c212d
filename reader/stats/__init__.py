"""Reading insights: pure computation over entries and their history (layer 2).

    stats = compute_stats(entries, now, daily_goal=2)   # JSON-able dict
    print(format_stats(stats))                          # the `reader stats` text
    reading_streak(entries, now)                        # for the sidebar/footer
    finished_on(entries, now)                           # papers finished today
    progress_text(*daily_progress(entries, now), goal)  # "3-day streak · today 1/2"

`now` is an aware datetime: its time zone decides where days and weeks begin
(pass `datetime.now().astimezone()` for the user's own days).
"""

from __future__ import annotations

from reader.stats.charts import hbar, spark
from reader.stats.compute import compute_stats, daily_progress, finished_on, reading_streak
from reader.stats.text import format_stats, progress_text
from reader.stats.timeline import WEEKS, parse_time

__all__ = [
    "WEEKS",
    "compute_stats",
    "daily_progress",
    "finished_on",
    "format_stats",
    "hbar",
    "parse_time",
    "progress_text",
    "reading_streak",
    "spark",
]
