"""Benchmark of the reading statistics: compute_stats and the sidebar helpers.

    .venv/bin/python bench/bench_stats.py --sizes 1000 10000 100000

For each size, synthetic entries are built in memory (abstracts of about 1,500
characters; every paper has `added_at` over the last year; a quarter have a
history of one to four status changes, a tenth tags and a rating). Printed:
the median over 5 runs (CPU time of this process, steadier than wall time on
a busy machine) of `compute_stats` (what `reader stats` and the stats
screen do), `reading_streak` and `finished_on` (what the app may call after a
change), and `format_stats`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.model import Entry, HistoryEntry, Paper, ReadingState, Status  # noqa: E402
from reader.stats import compute_stats, finished_on, format_stats, reading_streak  # noqa: E402

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
RUNS = 5


def synthetic(n: int, seed: int = 7) -> list[Entry]:
    rng = random.Random(seed)
    abstract = ("attention transformer gradient bottleneck sparse token model " * 25)[:1500]
    flow = [Status.TO_READ, Status.READING, Status.READ, Status.SKIPPED]
    entries = []
    for i in range(n):
        added = NOW - timedelta(days=rng.uniform(0, 365))
        pid = f"arxiv:2401.{i:06d}"
        state = ReadingState(paper_id=pid)
        if rng.random() < 0.25:
            at, previous = added, Status.NEW
            for status in flow[: rng.randint(1, 4)]:
                at = min(at + timedelta(days=rng.uniform(0, 20)), NOW)
                state.history.append(HistoryEntry(at.isoformat(timespec="seconds"), status,
                                                  previous))
                previous = status
            state.status = previous
        if rng.random() < 0.1:
            state.rating = rng.randint(1, 5)
            state.tags = rng.sample(["ml", "nlp", "vision", "rl", "theory", "systems"], 2)
        entries.append(Entry(Paper(id=pid, title=f"Paper {i}", abstract=abstract,
                                   added_at=added.isoformat(timespec="seconds")), state))
    return entries


def median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    print(f"{'papers':>8} {'compute_stats':>14} {'reading_streak':>15} {'finished_on':>12} "
          f"{'format_stats':>13}   (median of {RUNS}, CPU ms)")
    for n in args.sizes:
        entries = synthetic(n)
        stats = compute_stats(entries, NOW, daily_goal=2)
        row = [median_ms(lambda e=entries: compute_stats(e, NOW, daily_goal=2)),
               median_ms(lambda e=entries: reading_streak(e, NOW)),
               median_ms(lambda e=entries: finished_on(e, NOW)),
               median_ms(lambda s=stats: format_stats(s))]
        print(f"{n:>8} {row[0]:>14.1f} {row[1]:>15.1f} {row[2]:>12.1f} {row[3]:>13.2f}")


if __name__ == "__main__":
    main()
