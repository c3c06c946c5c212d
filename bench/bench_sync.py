"""Benchmark of the sync merge: two copies of a reading state, changed apart, merged.

    .venv/bin/python bench/bench_sync.py --sizes 10000

For each size, N papers all have a reading state (status, rating, two tags, a
note), written through the store's own stamping (mergeable.stamped). Two
copies then diverge: each changes 30% of the papers (statuses, ratings, a tag
added and one removed, notes), 10% of the papers on both sides, so those notes
are kept as conflicts. Measured (median of 5 runs):

* merge (memory): `merge_states(ours, theirs)` on parsed files;
* merge (files): `merge_into(ours_file, theirs_file)`, what git's merge driver
  runs: read and validate both files, merge, write the result atomically;
* merge (library): `Library.merge_file(theirs_file)` on an open library
  (locked read-modify-write, caches updated), what `reader merge` does after opening.

Target (issue 15): the merge of two 10k-paper states under 1 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.model import HistoryEntry, Paper, ReadingState, Status  # noqa: E402
from reader.store import Library, mergeable, schema  # noqa: E402
from reader.store.fileio import dump_chunks, write_atomic  # noqa: E402
from reader.store.merging import merge_into, merge_states  # noqa: E402
from reader.store.other_copy import read_library_file  # noqa: E402
from reader.store.stamps import Hlc  # noqa: E402

TAGS = ["ml", "nlp", "vision", "survey", "theory", "rl", "systems", "to-cite"]
STATUSES = list(Status)


def _state(pid: str, rng: random.Random, when: datetime) -> ReadingState:
    status = rng.choice(STATUSES[1:])
    return ReadingState(
        paper_id=pid, status=status, rating=rng.choice([None, 2, 3, 4, 5]),
        tags=rng.sample(TAGS, 2), note=f"Note on {pid}: " + "remember this. " * rng.randint(1, 6),
        history=[HistoryEntry(when.isoformat(timespec="seconds"), status, Status.NEW)],
        updated_at=when.isoformat(timespec="seconds"))


def _write(path: Path, docs: dict[str, dict[str, Any]]) -> None:
    data = schema.empty(schema.STATE)
    data[schema.STATE_TABLE] = {str(i): d for i, d in enumerate(docs.values(), 1)}
    import os

    os.close(write_atomic(path, dump_chunks(data)))


def _diverge(docs: dict[str, dict[str, Any]], picks: list[str], device: str, seed: int,
             when: datetime) -> dict[str, dict[str, Any]]:
    rng = random.Random(seed)
    hlc = Hlc(device)
    out = dict(docs)
    for pid in picks:
        old = docs[pid]
        new = ReadingState.from_dict(old)
        new.status = rng.choice(STATUSES)
        new.rating = rng.choice([None, 1, 5])
        new.tags = [*new.tags[1:], rng.choice(TAGS)]
        new.note = new.note + f"\n{device} adds a line."
        new.updated_at = when.isoformat(timespec="seconds")
        after = mergeable.newest_stamp(mergeable.meta_of(old))
        out[pid] = mergeable.stamped(old, new, device,
                                     lambda after=after: hlc.tick(when, after))  # type: ignore[misc]
    return out


def build(n: int, folder: Path) -> tuple[Path, Path]:
    rng = random.Random(15)
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    hlc = Hlc("laptop-0000")
    base: dict[str, dict[str, Any]] = {}
    for i in range(n):
        pid = f"arxiv:2411.{i:05d}"
        when = start + timedelta(seconds=i)
        base[pid] = mergeable.stamped(None, _state(pid, rng, when), hlc.device,
                                      lambda when=when: hlc.tick(when))  # type: ignore[misc]
    ids = list(base)
    rng.shuffle(ids)
    third, tenth = int(n * 0.3), int(n * 0.1)
    ours_pick = ids[:third]
    theirs_pick = ids[third - tenth: 2 * third - tenth]  # 10% of the papers on both sides
    later = start + timedelta(days=3)
    ours = _diverge(base, ours_pick, "laptop-0000", 1, later)
    theirs = _diverge(base, theirs_pick, "desktop-1111", 2, later + timedelta(minutes=5))
    a, b = folder / "ours.state.json", folder / "theirs.state.json"
    _write(a, ours)
    _write(b, theirs)
    return a, b


def median_of(runs: int, fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(median wall time, median CPU time, last result) of `runs` calls."""
    times, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(times), statistics.median(cpus), result


def run(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        folder = Path(tmp)
        a, b = build(n, folder)
        _, ours = read_library_file(a)
        _, theirs = read_library_file(b)
        t_mem, c_mem, (_, report) = median_of(5, lambda: merge_states(ours, theirs))
        work = folder / "work.state.json"
        walls, cpus = [], []
        for _ in range(5):  # the copy is not timed
            shutil.copy(a, work)
            wall, cpu, _ = median_of(1, lambda: merge_into(work, b))
            walls.append(wall)
            cpus.append(cpu)
        t_files, c_files = statistics.median(walls), statistics.median(cpus)

        lib_path = folder / "lib" / "library.json"
        with Library.open(lib_path) as lib:
            lib.add_papers([Paper(id=f"arxiv:2411.{i:05d}", title=f"Paper {i}")
                            for i in range(n)])

        walls, cpus = [], []
        for _ in range(5):  # the copy and the open are not timed
            shutil.copy(a, lib_path.with_name("library.state.json"))
            with Library.open(lib_path, device="bench") as lib:
                wall, cpu, _ = median_of(1, lambda lib=lib: lib.merge_file(b))
            walls.append(wall)
            cpus.append(cpu)
        t_lib, c_lib = statistics.median(walls), statistics.median(cpus)
        size = a.stat().st_size / 1e6
        print(f"{n:>7} papers ({size:.1f} MB state file): {report.describe()}")
        print("                        wall     CPU")
        for name, wall, cpu, what in (
                ("merge (memory) ", t_mem, c_mem, ""),
                ("merge (files)  ", t_files, c_files, "git's merge driver: read, merge, write"),
                ("merge (library)", t_lib, c_lib, "reader merge, after open")):
            print(f"        {name} {wall * 1000:6.0f} ms {cpu * 1000:6.0f} ms   {what}")
        verdict = "OK" if max(t_mem, t_files, t_lib) < 1.0 else "OVER (see CPU on a busy machine)"
        print(f"        target < 1 s: {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", type=int, default=[10000])
    args = parser.parse_args()
    for n in args.sizes:
        run(n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
