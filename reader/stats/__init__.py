"""Reading insights: pure computation over entries and their history (layer 2).

    stats = compute_stats(entries, now, daily_goal=2)   # JSON-able dict
    print(format_stats(stats))                          # the `reader stats` text
    reading_streak(entries, now)                        # for the sidebar/footer
    finished_on(entries, now)                           # papers finished today

`now` is an aware datetime: its time zone decides where days and weeks begin
(pass `datetime.now().astimezone()` for the user's own days).
"""

from __future__ import annotations

from reader.stats.charts import hbar, spark
from reader.stats.compute import compute_stats, finished_on, reading_streak
from reader.stats.text import format_stats
from reader.stats.timeline import WEEKS, parse_time

__all__ = [
    "WEEKS",
    "compute_stats",
    "finished_on",
    "format_stats",
    "hbar",
    "parse_time",
    "reading_streak",
    "spark",
]
