"""Benchmark of the "for you" order (reader/search/foryou.py).

    .venv/bin/python bench/bench_foryou.py --sizes 10000 100000

For each size the synthetic library of bench_search.py is generated, its reading
state replaced by a user's decisions (DECIDED papers: a third rated 4-5, a third
read or to read, a third skipped; the rest new), and the search index built and
prepared as the app does in its loading worker (not timed). Then:

* first: `index.search("status:new sort:foryou")`, the profile built from the
  decisions and every new paper ordered (what the app's worker runs when the user
  picks the for-you sort);
* again: the same after one more decision (the profile rebuilt);
* cached: the same with nothing changed (the profile reused);
* reason: `for_you_reason(id)` for 30 papers, median (the detail pane's line).

Targets (issue 14): under 300 ms at 10k papers, under 2 s at 100k. Wall times;
`--cpu` reports this process's CPU time instead.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import make_entries

from reader.model import Entry, ReadingState, Status
from reader.search import SearchIndex, parse_query

DECIDED = 600
"""Papers the user has decided on (about two months of daily triage)."""
TARGETS = {10_000: 0.3, 100_000: 2.0}


def decided(entries: list[Entry], seed: int = 14) -> list[Entry]:
    rng = random.Random(seed)
    picks = rng.sample(range(len(entries)), min(DECIDED, len(entries)))
    out = [replace(e, state=ReadingState(e.paper.id)) for e in entries]
    for n, i in enumerate(picks):
        pid = out[i].paper.id
        if n % 3 == 0:
            state = ReadingState(pid, rating=rng.choice([4, 5]))
        elif n % 3 == 1:
            state = ReadingState(pid, status=rng.choice([Status.READ, Status.TO_READ]))
        else:
            state = ReadingState(pid, status=Status.SKIPPED)
        out[i] = replace(out[i], state=state)
    return out


def timed(clock: Callable[[], float], work: Callable[[], object]) -> float:
    start = clock()
    work()
    return clock() - start


def bench(n: int, clock: Callable[[], float]) -> dict[str, float]:
    entries = decided(make_entries(n))
    index = SearchIndex(entries)
    index.prepare()
    query = "status:new sort:foryou"
    first = timed(clock, lambda: index.search(parse_query(query)))
    one = next(e for e in entries if e.state.is_default)
    index.update(replace(one, state=ReadingState(one.paper.id, rating=5)))
    again = timed(clock, lambda: index.search(parse_query(query)))
    cached = timed(clock, lambda: index.search(parse_query(query)))
    ids = index.search(parse_query(query))[:30]
    reasons = [timed(clock, lambda pid=pid: index.for_you_reason(pid)) for pid in ids]
    return {"papers": n, "first s": first, "again s": again, "cached s": cached,
            "reason ms": statistics.median(reasons) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--cpu", action="store_true", help="CPU time, not wall time")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    print(f"{'papers':>8} {'first s':>8} {'again s':>8} {'cached s':>9} {'reason ms':>10}"
          "  target")
    for n in args.sizes:
        row = bench(n, clock)
        target = TARGETS.get(n)
        worst = max(row["first s"], row["again s"])
        verdict = "" if target is None else (
            f"{target:g} s: {'met' if worst < target else 'missed'}")
        print(f"{n:>8,} {row['first s']:>8.3f} {row['again s']:>8.3f} "
              f"{row['cached s']:>9.3f} {row['reason ms']:>10.1f}  {verdict}", flush=True)


if __name__ == "__main__":
    main()
