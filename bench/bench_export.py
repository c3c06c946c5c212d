"""Benchmark of `reader export`: selection, ordering and each format's dump.

    .venv/bin/python bench/bench_export.py --sizes 1000 10000 100000

For each size, papers with ~1,500-character abstracts and a mix of reading
states (a third to-read, with queue positions, ratings, tags and notes) are
generated in memory, then for every format:

* dump (all): `select_entries(all_=True)` + `dump` of the whole library, best of 3;
* write: `write_atomic` of that text to a temporary folder (fsync included);
* MB: size of the output.

The to-read selection alone is timed once per size ("select to-read").
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.export import EXPORTERS, Exporter, select_entries, write_atomic  # noqa: E402
from reader.model import Entry, Paper, ReadingState, Status  # noqa: E402

WORDS = ["bottleneck", "attention", "transformer", "sparse", "latent", "diffusion", "model",
         "training", "data", "benchmark", "graph", "reasoning", "language", "vision", "robust",
         "efficient", "scaling", "token"]


def generate(n: int, seed: int = 3) -> list[Entry]:
    rng = random.Random(seed)
    statuses = list(Status)
    entries = []
    for i in range(n):
        pid = f"{2300 + i // 99999:04d}.{i % 99999:05d}"
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(4, 12)))
        abstract = " ".join(rng.choice(WORDS) for _ in range(190))[:1500]
        paper = Paper(id=f"arxiv:{pid}", title=title, abstract=abstract,
                      authors=[f"Author{j} Family{rng.randint(0, 999)}"
                               for j in range(rng.randint(1, 8))],
                      year=rng.randint(2015, 2026), arxiv_id=pid,
                      urls=[f"https://github.com/x/{i}"],
                      added_at=f"2026-{rng.randint(1, 11):02d}-01T00:00:00+00:00")
        status = Status.TO_READ if i % 3 == 0 else rng.choice(statuses)
        state = ReadingState(
            paper_id=paper.id, status=status, rating=rng.choice([None, 1, 2, 3, 4, 5]),
            tags=rng.sample(WORDS, rng.randint(0, 3)),
            note="A note.\nWith two lines & a {brace}." if i % 7 == 0 else "",
            queue_pos=float(i) if status is Status.TO_READ and i % 2 else None)
        entries.append(Entry(paper, state))
    return entries


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def measure(exporter: Exporter, entries: list[Entry], now: datetime,
            folder: Path) -> tuple[float, float, float]:
    """(best-of-3 seconds for select all + dump, seconds to write, MB written)."""
    best, text = float("inf"), ""
    for _ in range(3):
        seconds, out = timed(lambda: exporter.dump(select_entries(entries, all_=True), now))
        best, text = min(best, seconds), str(out)
    path = folder / f"out{exporter.suffix}"
    t_write, _ = timed(lambda: write_atomic(path, text, encoding=exporter.encoding))
    return best, t_write, path.stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    now = datetime.now(UTC)
    print(f"{'papers':>8} {'format':>6} {'dump (all) s':>13} {'write s':>8} {'MB':>7}")
    for n in args.sizes:
        entries = generate(n)
        t_select = min(timed(lambda: select_entries(entries))[0] for _ in range(3))  # noqa: B023
        print(f"{n:>8} {'select to-read':>20} {t_select:>6.3f}")
        with tempfile.TemporaryDirectory() as tmp:
            for name, exporter in EXPORTERS.items():
                t_dump, t_write, size = measure(exporter, entries, now, Path(tmp))
                print(f"{n:>8} {name:>6} {t_dump:>13.3f} {t_write:>8.3f} {size:>7.1f}")


if __name__ == "__main__":
    main()
