"""Benchmark of the library store: open, one persisted status change, peak memory.

    .venv/bin/python bench/bench_store.py --sizes 1000 10000 100000

For each size a synthetic library is built (abstracts of about 1,500
characters, 300 papers with reading state), then fresh subprocesses measure:

* open: `Library.open(path, create=False)` plus `entries()` (what the app does),
  the median of 3 runs;
* change: `set_status` persisted to disk (lock, stat, TinyDB update, atomic
  write with fsync), median and p95 over 200 changes per size, the sizes
  taking turns in one process so that they share the same disk conditions;
* (cpu): the same as process CPU time, less sensitive to a busy shared machine
  (the change's wall time is mostly waiting for fsync);
* import: `add_papers` of all the papers into an empty library (one write);
* open/loop: the open's CPU time in units of the 1M-iteration loop's CPU time
  measured right after it in the same process (stable when the machine is busy);
* peak memory: the subprocess's peak RSS (ru_maxrss) after open + entries, and
  what the interpreter with Reader's store imported used before opening.

Targets (issue 3): change at 100k <= 1.5x the 1k cost and < 20 ms; open 100k
< 1.5 s; peak memory at 100k < 600 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "attention", "transformer", "gradient", "bottleneck", "sparse", "token", "model", "layer",
    "training", "data", "network", "retrieval", "diffusion", "latent", "policy", "reward",
    "scaling", "inference", "memory", "kernel", "benchmark", "optimal", "convex", "stochastic",
    "language", "vision", "robust", "alignment", "feedback", "quantization", "distillation",
    "encoder", "decoder", "graph", "manifold", "spectral",
]
STATE_PAPERS = 300
CHANGES = 200


def synthetic_papers(n: int, seed: int = 7) -> list[object]:
    from reader.model import Paper

    rng = random.Random(seed)
    papers = []
    for i in range(n):
        words: list[str] = []
        length = 0
        while length < 1500:
            word = rng.choice(WORDS)
            words.append(word)
            length += len(word) + 1
        month = 2301 + (i // 90000) % 12
        papers.append(Paper(
            id=f"arxiv:{month}.{i % 90000:05d}",
            title=" ".join(rng.choice(WORDS) for _ in range(8)).capitalize(),
            abstract=" ".join(words)[:1500],
            authors=[f"Author{rng.randrange(10000)} Family{rng.randrange(10000)}"
                     for _ in range(rng.randint(2, 6))],
            year=2023, published="2023-01-15", arxiv_id=f"{month}.{i % 90000:05d}",
            urls=[f"https://github.com/example/repo{i}"], source="bench:synthetic",
            added_at="2026-01-01T00:00:00+00:00",
        ))
    return papers


def build(path: str, n: int) -> None:
    from reader.model import Status
    from reader.store import Library

    papers = synthetic_papers(n)
    with Library.open(Path(path)) as lib:
        t0 = time.perf_counter()
        lib.add_papers(papers)  # type: ignore[arg-type]
        import_s = time.perf_counter() - t0
        ids = [p.id for p in papers[:STATE_PAPERS]]  # type: ignore[attr-defined]
        for pid in ids:
            lib.set_status(pid, Status.TO_READ)
    print(json.dumps({"import_s": import_s}))


def measure_open(path: str) -> None:
    import resource

    from reader.store import Library

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    lib = Library.open(Path(path), create=False)
    entries = lib.entries()
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c0 = time.process_time()
    calibrate()
    loop_cpu = time.process_time() - c0
    print(json.dumps({"open_s": elapsed, "open_cpu_s": cpu, "n": len(entries),
                      "base_mb": before / 1024, "peak_mb": peak / 1024,
                      "loops": cpu / loop_cpu}))


def measure_change(paths: list[str]) -> None:
    """Changes to all the libraries taking turns, so that each size sees the same
    disk and CPU conditions (fsync latency on a shared machine drifts a lot)."""
    from reader.model import Status
    from reader.store import Library

    libs = [Library.open(Path(p)) for p in paths]
    ids = [[e.paper.id for e in lib.entries()[:STATE_PAPERS]] for lib in libs]
    cycle = [Status.READING, Status.READ, Status.TO_READ]
    times: list[list[float]] = [[] for _ in libs]
    cpus: list[list[float]] = [[] for _ in libs]
    for i in range(CHANGES):
        for k, lib in enumerate(libs):
            t0, c0 = time.perf_counter(), time.process_time()
            lib.set_status(ids[k][i % len(ids[k])], cycle[i % 3])
            times[k].append(time.perf_counter() - t0)
            cpus[k].append(time.process_time() - c0)
    result = {}
    for path, t, c in zip(paths, times, cpus, strict=True):
        t.sort()
        result[path] = {"median_ms": statistics.median(t) * 1000,
                        "p95_ms": t[int(len(t) * 0.95)] * 1000,
                        "cpu_ms": statistics.median(c) * 1000}
    for lib in libs:
        lib.close()
    print(json.dumps(result))


def calibrate() -> float:
    """Seconds for a 1M-iteration Python loop: the machine's speed right now
    (shared machines vary a lot: compare runs with it)."""
    t0 = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    return time.perf_counter() - t0


def run(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], check=True,
                         capture_output=True, text=True).stdout.strip()
    return json.loads(out.splitlines()[-1]) if out else {}  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--_build", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--_open", help=argparse.SUPPRESS)
    parser.add_argument("--_change", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._build:
        build(args._build[0], int(args._build[1]))
        return
    if args._open:
        measure_open(args._open)
        return
    if args._change:
        measure_change(args._change)
        return
    print(f"machine speed: 1M-iteration loop {calibrate():.3f} s (lower = quieter machine)")
    print(f"{'papers':>8} {'file MB':>8} {'import s':>8} {'open s':>7} {'(cpu)':>6} "
          f"{'change ms':>10} {'p95 ms':>7} {'(cpu)':>6} {'peak MB':>8} {'base MB':>8} "
          f"{'open/loop':>9}")
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        paths = {n: Path(tmp) / f"lib{n}" / "library.json" for n in args.sizes}
        imports = {n: run("--_build", str(p), str(n))["import_s"] for n, p in paths.items()}
        opens = {n: [run("--_open", str(p)) for _ in range(3)] for n, p in paths.items()}
        changes = run("--_change", *(str(p) for p in paths.values()))
        for n, path in paths.items():
            best = sorted(opens[n], key=lambda r: r["open_s"])[1]
            change = changes[str(path)]
            size_mb = path.stat().st_size / 1e6
            print(f"{n:>8} {size_mb:>8.1f} {imports[n]:>8.2f} {best['open_s']:>7.2f} "
                  f"{best['open_cpu_s']:>6.2f} {change['median_ms']:>10.2f} "
                  f"{change['p95_ms']:>7.2f} {change['cpu_ms']:>6.2f} "
                  f"{max(r['peak_mb'] for r in opens[n]):>8.0f} {best['base_mb']:>8.0f} "
                  f"{best['loops']:>9.1f}",
                  flush=True)
    print(f"machine speed: 1M-iteration loop {calibrate():.3f} s (lower = quieter machine)")


if __name__ == "__main__":
    main()
