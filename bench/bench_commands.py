"""Benchmark of whole `reader` commands, cold (a fresh process each), at 1k and 100k.

    .venv/bin/python bench/bench_commands.py --sizes 1000 100000

For each size a library is generated once with bench_search's generator
(realistic ML words, phrases, accented authors; `--states N` papers with a
reading state, 300 by default as bench_store) and imported with `reader
import` of its Reader-JSON export, timed (the import's figure). The libraries
are kept in `--dir` (default: the system temp folder) and reused when present,
so runs are comparable; `--fresh` regenerates them. Then each command below runs
`--runs` times (default 5) as `python -m reader ...` in a fresh process, the
sizes taking turns; the median wall time is reported, and the 100k/1k ratio.

Derived files (the speed-up indexes, the word-index cache) are as `reader
import` leaves them; `--cold-derived` deletes them before every run (the
first command after they were lost or made stale).

`delete` takes out a paper without reading state, put back (imported) after
each run, untimed.

Targets (issue 17, 100k): mark, rate, tag, note, show, delete under
0.25 s and at most 1.5x the 1k figure; list --query, list --status, related,
stats under 0.5 s; import under 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

ID = "2000.00123"
"""A paper present at every size (bench_search numbers papers 2000.00000 on)."""
COMMANDS: list[tuple[str, list[str]]] = [
    ("version", ["--version"]),
    ("mark", ["mark", ID, "reading"]),
    ("rate", ["rate", ID, "4"]),
    ("tag", ["tag", ID, "bench"]),
    ("note", ["note", ID, "a bench note"]),
    ("show", ["show", ID]),
    ("show --json", ["show", ID, "--json"]),
    ("list --status to-read", ["list", "--status", "to-read"]),
    ("list --query", ["list", "--query", "concept bottleneck"]),
    ("list --query --json", ["list", "--query", "concept bottleneck", "--json"]),
    ("related", ["related", ID]),
    ("stats --json", ["stats", "--json"]),
    ("delete", ["delete", "2000.00777"]),
]
RESTORE = {"delete": "2000.00777"}
"""Commands that take a paper out, and the paper put back (imported) after each run,
untimed."""


SOURCE: Path | None = None
"""Another checkout's folder to run `reader` from (--source: the code before a change)."""


def _env(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules compiled once
    if SOURCE is not None:
        env["PYTHONPATH"] = str(SOURCE)  # and run there: `-m` puts the folder first
    env["READER_CONFIG_DIR"] = str(base / "config")
    env["READER_CACHE_DIR"] = str(base / "cache")
    env["READER_NOW"] = "2026-01-15T12:00:00+00:00"
    env.pop("READER_DB", None)
    return env


def generate(base: Path, n: int, states: int) -> tuple[float, float]:
    """Write the Reader-JSON export of `n` papers to base, import it; the import's seconds."""
    from datetime import UTC, datetime

    from bench_search import make_entries

    from reader.export import EXPORTERS
    from reader.model import ReadingState

    base.mkdir(parents=True, exist_ok=True)
    entries = make_entries(n)
    kept = 0
    for entry in entries:
        if not entry.state.is_default:
            kept += 1
            if kept > states:
                entry.state = ReadingState(entry.paper.id)
    source = base / "papers.json"
    now = datetime(2026, 1, 15, tzinfo=UTC)
    source.write_text(EXPORTERS["json"].dump(entries, now), encoding="utf-8")
    return import_once(base)


def import_once(base: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of `reader import` of the generated papers into a new library."""
    for name in ("library", "cache"):
        shutil.rmtree(base / name, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reader", "--db", str(base / "library" / "library.json"),
                    "import", str(base / "papers.json")], check=True, env=_env(base),
                   stdout=subprocess.DEVNULL, cwd=SOURCE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def restore(base: Path, paper: str) -> None:
    """Import `paper` again from the generated papers (after a run that deleted it)."""
    import orjson

    one = base / f"one-{paper}.json"
    if not one.exists():
        data = orjson.loads((base / "papers.json").read_bytes())
        data["papers"] = [p for p in data["papers"] if p["id"] == f"arxiv:{paper}"]
        data["count"] = len(data["papers"])
        one.write_bytes(orjson.dumps(data))
    subprocess.run([sys.executable, "-m", "reader", "--db", str(base / "library" / "library.json"),
                    "import", str(one)], check=True, env=_env(base), stdout=subprocess.DEVNULL,
                   cwd=SOURCE)


def clear_derived(base: Path) -> None:
    shutil.rmtree(base / "cache", ignore_errors=True)
    for path in (base / "library").glob("*"):
        if path.name.startswith(".library.json.") or path.suffix == ".idx":
            path.unlink()


def run_once(base: Path, argv: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one command in a fresh process (CPU: user + system of
    the child, steadier than wall time when the machine is shared)."""
    cmd = [sys.executable, "-m", "reader", "--db", str(base / "library" / "library.json"), *argv]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=_env(base), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, cwd=SOURCE)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 100000])
    parser.add_argument("--states", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "reader-bench-cmd")
    parser.add_argument("--fresh", action="store_true", help="regenerate the libraries")
    parser.add_argument("--import", dest="do_import", action="store_true",
                        help="time `reader import` again even when the library exists")
    parser.add_argument("--import-runs", type=int, default=1, metavar="N",
                        help="with --import: import N times, report the medians")
    parser.add_argument("--cold-derived", action="store_true",
                        help="delete the derived files before every run")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="commands to run")
    parser.add_argument("--source", type=Path, help="run reader from this checkout instead "
                        "(e.g. `git archive OLD reader | tar -x -C DIR`: the figures before)")
    args = parser.parse_args()
    global SOURCE
    SOURCE = args.source.resolve() if args.source else None
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SOURCE or ROOT) + "/reader"],
                   check=True, env=_env(args.dir))
    bases = {n: args.dir / f"{n}-{args.states}" for n in args.sizes}
    imports: dict[int, tuple[float, float]] = {}
    for n, base in bases.items():
        if args.fresh or not (base / "papers.json").exists():
            imports[n] = generate(base, n, args.states)
        elif args.do_import or not (base / "library" / "library.json").exists():
            runs = [import_once(base) for _ in range(max(1, args.import_runs))]
            imports[n] = (statistics.median(w for w, _ in runs),
                          statistics.median(c for _, c in runs))
    commands = [(name, argv) for name, argv in COMMANDS if not args.only or name in args.only]
    times: dict[tuple[str, int], list[float]] = {}
    cpus: dict[tuple[str, int], list[float]] = {}
    for name, argv in commands:
        for _ in range(args.runs):
            for n, base in bases.items():
                if args.cold_derived:
                    clear_derived(base)
                wall, cpu = run_once(base, argv)
                if name in RESTORE:
                    restore(base, RESTORE[name])
                times.setdefault((name, n), []).append(wall)
                cpus.setdefault((name, n), []).append(cpu)
    sizes = list(bases)
    print(f"median of {args.runs} runs, wall (cpu) seconds [wall min-max]; "
          "ratio: last size / first size (of the medians)")
    print(f"{'command':<24}" + "".join(f"{n:>31}" for n in sizes)
          + ("   ratio" if len(sizes) > 1 else ""))
    for name, _ in commands:
        medians = [statistics.median(times[name, n]) for n in sizes]
        cpu_medians = [statistics.median(cpus[name, n]) for n in sizes]
        spreads = [f"[{min(times[name, n]):.3f}-{max(times[name, n]):.3f}]" for n in sizes]
        ratio = f"   {medians[-1] / medians[0]:.2f}x" if len(sizes) > 1 else ""
        print(f"{name:<24}" + "".join(f"{m:>9.3f} ({c:.3f}) {r:>13}" for m, c, r in zip(
            medians, cpu_medians, spreads, strict=True)) + ratio)
    for n, (wall, cpu) in imports.items():
        print(f"{'import':<24}{n:>10} papers: {wall:.2f} s ({cpu:.2f} cpu), median of "
              f"{max(1, args.import_runs)}, load {os.getloadavg()[0]:.2f}")
    print(json.dumps({f"{name}@{n}": [round(statistics.median(t), 4),
                                      round(statistics.median(cpus[name, n]), 4),
                                      [round(x, 4) for x in t]]
                      for (name, n), t in times.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
