"""Start-up and filtering of the app, measured in a real terminal (tmux).

    .venv/bin/python bench/bench_startup.py [--sizes 243 100000] [--runs 5]

Each run starts a program in a fresh tmux pane (120x40) and polls
`tmux capture-pane` until the first paper title is on screen:

* baseline: an empty Textual app with a Header and a Footer (until its title shows);
* 243: `reader` on a library imported from the primary real listing;
* N (e.g. 100000): `reader` on a synthetic library of N papers (abstracts ~1,500
  characters), generated once and kept in bench/results/.

Targets (issue 4): first title within 1.3x the baseline for the seed listing and
2x for 100k. Besides the wall time, each start's CPU time (all its threads, read
from /proc when the title is seen) is reported: on a shared machine it varies far
less than the wall time. `--before DIR` times another checkout's reader too, run
by run with this one and the baseline (the same moment of the machine for all
three; each checkout its own config folder):

    .venv/bin/python bench/bench_startup.py --sizes 243 --runs 10 --before /tmp/before
 Then, at the largest size, the filter: "/" and a query typed one key
at a time (each key narrows the list), timing each key from send-keys until the
list's count changes on screen; target median < 100 ms.

    .venv/bin/python bench/bench_startup.py --open-search [--sizes 1000 10000 100000]
        [--runs 5] [--before /path/to/another/checkout]

Issue 17's two targets, whole process, caches warm (one unmeasured start per library
writes them): the time from launch to the first title on screen (target < 1.5 s at
100k), and a search typed right after it: "/" and a query sent the moment the first
title shows, timed from the query's last key until the list's count shows its ten
matches (target < 300 ms). `--before DIR` runs the reader of another checkout too
(the same libraries, python and terminal; its own config folder), alternating with
this one run by run, so both see the same load on the machine. `--changed` touches
the reading-state file before each start, as a change made from the CLI does (the
first-screen cache is then stale).
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.model import Paper  # noqa: E402
from reader.store import Library  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
SEED = ROOT.parent / "shared" / "listings" / "hf-papers-search-bottleneck.txt"
RESULTS = ROOT / "bench" / "results"
SESSION = f"reader-bench-{os.getpid()}"
"""(one per run of the bench: two benches at once must not close each other's pane)"""
CONFIG = Path(tempfile.gettempdir()) / "reader-bench-config"
WIDTH, HEIGHT = 120, 40
BASELINE_APP = """
from textual.app import App
from textual.widgets import Footer, Header
class Baseline(App):
    TITLE = "BaselineReady"
    def compose(self):
        yield Header()
        yield Footer()
Baseline().run()
"""
WORDS = [
    "model", "learning", "neural", "network", "training", "data", "language", "large",
    "attention", "transformer", "memory", "cache", "compression", "scaling", "concept",
    "representation", "vision", "diffusion", "policy", "agent", "graph", "gradient", "token",
    "sequence", "retrieval", "reasoning", "efficient", "sparse", "kernel", "latent",
    "variational", "robust", "privacy", "distillation",
]


def tmux(*args: str) -> str:
    out = subprocess.run(["tmux", *args], capture_output=True, text=True, check=False)
    return out.stdout


def screen() -> str:
    return tmux("capture-pane", "-t", SESSION, "-p")


def start_and_wait(command: str, needle: str, timeout: float = 60.0,
                   env: dict[str, str] | None = None, cwd: Path = ROOT) -> float:
    """Seconds from launching `command` (in the folder `cwd`: `python -m reader`
    imports the reader found there first) until `needle` is on screen."""
    return start_and_time(command, needle, timeout, env, cwd)[0]


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by the process `pid`, all its threads (nanosecond
    counts of the scheduler); 0.0 once it is gone."""
    total = 0
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e9


def start_and_time(command: str, needle: str, timeout: float = 60.0,
                   env: dict[str, str] | None = None,
                   cwd: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process) from launching `command` until
    `needle` is on screen (the pane's shell `exec`s the command: same process)."""
    tmux("kill-session", "-t", SESSION)
    settings = [f"{k}={v}" for k, v in (env or {"READER_CONFIG_DIR": str(CONFIG)}).items()]
    tmux("new-session", "-d", "-s", SESSION, "-x", str(WIDTH), "-y", str(HEIGHT),
         "-c", str(cwd), *[arg for setting in settings for arg in ("-e", setting)],
         "bash --norc --noprofile")
    time.sleep(0.3)
    pid = int(tmux("list-panes", "-t", SESSION, "-F", "#{pane_pid}").split()[0])
    shell = cpu_seconds(pid)  # the idle shell's start, before it runs the command
    tmux("send-keys", "-t", SESSION, f"exec {command}", "Enter")
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if needle in screen():
            return time.perf_counter() - start, cpu_seconds(pid) - shell
        time.sleep(0.005)
    raise TimeoutError(f"{needle!r} not visible after {timeout} s:\n{screen()}")


def stop() -> None:
    """Close the pane and wait until its program has ended (an app closing on
    SIGHUP may still be writing: the next run must not share the CPU with it)."""
    pids = tmux("list-panes", "-s", "-t", SESSION, "-F", "#{pane_pid}").split()
    tmux("kill-session", "-t", SESSION)
    deadline = time.perf_counter() + 15
    for pid in map(int, pids):
        while time.perf_counter() < deadline:
            try:
                os.kill(pid, 0)
            except OSError:
                break
            time.sleep(0.05)
    time.sleep(0.2)


def synthetic_papers(n: int) -> list[Paper]:
    rng = random.Random(7)
    papers: list[Paper] = []
    for i in range(n):
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        abstract = " ".join(rng.choice(WORDS) for _ in range(180))[:1500]
        papers.append(Paper(
            id=f"title:{i:08x}", title=f"K{i:06d} {words.capitalize()}", abstract=abstract,
            authors=[f"Author {rng.randrange(5000)}" for _ in range(3)],
            year=2015 + i % 10, source="bench:synthetic",
            added_at=f"2025-01-01T00:{(i // 60) % 60:02d}:{i % 60:02d}+00:00"))
    return papers


def library_for(size: int) -> tuple[Path, str]:
    """A library file for `size` papers and the title expected first on screen."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    if size == 243:
        from reader.importer import import_files

        path = RESULTS / "startup-seed.json"
        if not path.exists():
            with open(os.devnull, "w") as sink:
                saved, sys.stdout = sys.stdout, sink
                try:
                    import_files(path, [SEED], fmt=None)
                finally:
                    sys.stdout = saved
        with Library.open(path) as lib:
            first = lib.entries()[0].paper.title
        return path, first[:30]
    path = RESULTS / f"startup-{size}.json"
    if not path.exists():
        t0 = time.perf_counter()
        with Library.open(path) as lib:
            lib.add_papers(synthetic_papers(size))
        print(f"  (generated {size:,} papers in {time.perf_counter() - t0:.1f} s)")
    return path, "K000000"


def count_line() -> str:
    """The list's title line with its count ("Inbox · 10 papers"), or ""."""
    for line in screen().splitlines():
        if " paper" in line and "·" in line:
            return line
    return ""


def measure_filter() -> list[float]:
    """Type a query one key at a time; time until the shown count changes."""
    tmux("send-keys", "-t", SESSION, "/")
    time.sleep(0.5)
    timings: list[float] = []
    for digit_run in ("k01234", "k05678", "k09876"):
        for i, key in enumerate(digit_run):
            before = count_line()
            tmux("send-keys", "-t", SESSION, "-l", key)
            start = time.perf_counter()
            while time.perf_counter() - start < 5:
                if count_line() != before:
                    break
                time.sleep(0.002)
            elapsed = time.perf_counter() - start
            if i >= 2:  # "k" and "k0" match (almost) everything: no visible change
                timings.append(elapsed)
            time.sleep(0.4)
        for _ in range(len(digit_run)):
            tmux("send-keys", "-t", SESSION, "BSpace")
        time.sleep(0.8)
    return timings


# --- issue 17: open, then search at once ------------------------------------------

class Program:
    """A checkout's reader, run with this venv's python from its own sources."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.root = root
        self.config = RESULTS / f"config-{name}"
        self.extras = 2 if root == ROOT else 0
        self.env = {"READER_CONFIG_DIR": str(self.config), "PYTHONPATH": str(root),
                    # byte code of both checkouts compiled once, outside them (the
                    # other checkout may be read-only)
                    "PYTHONPYCACHEPREFIX": str(RESULTS / "pycache")}

    def compile(self) -> None:
        paths = sysconfig.get_paths()
        folders = {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(self.root / "reader"),
                        *sorted(folders)], env={**os.environ, **self.env}, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def command(self, path: Path) -> str:
        return f"{shlex.quote(PYTHON)} -m reader --db {shlex.quote(str(path))}"

    def seed_library(self) -> Path:
        """The seed listing imported by this checkout's own `reader import` (a library
        written by a newer Reader may be refused by an older one)."""
        if self.root == ROOT:
            return library_for(243)[0]
        path = RESULTS / f"startup-seed-{self.name}.json"
        if not path.exists():
            subprocess.run([PYTHON, "-m", "reader", "import", str(SEED), "--db", str(path)],
                           env={**os.environ, **self.env}, cwd=self.root, check=True,
                           stdout=subprocess.DEVNULL)
        return path

    def check(self) -> None:
        """Fail unless `python -m reader` run as the benchmark runs it is this checkout's."""
        found = subprocess.run([PYTHON, "-c", "import reader; print(reader.__file__)"],
                               env={**os.environ, **self.env}, cwd=self.root, check=True,
                               capture_output=True, text=True).stdout.strip()
        if not Path(found).is_relative_to(self.root):
            raise SystemExit(f"{self.name}: the reader imported is {found}, not {self.root}'s")


def query_for(size: int) -> str:
    """A query matching exactly ten synthetic titles (K<number>: a prefix of ten numbers)."""
    return f"k{size // 2:06d}"[:-1]


def open_then_search(program: Program, path: Path, size: int,
                     changed: bool = False) -> tuple[float, float]:
    """(seconds to the first title, seconds from the query's last key to its matches).
    `changed`: the reading-state file is touched first, as a `reader mark` in another
    terminal changes it (the first-screen cache no longer matches the library)."""
    if changed:
        state = path.with_name(path.name.removesuffix(".json") + ".state.json")
        os.utime(state)
    opened = start_and_wait(program.command(path), "K000000", env=program.env,
                            cwd=program.root)
    tmux("send-keys", "-t", SESSION, "/")
    tmux("send-keys", "-t", SESSION, "-l", query_for(size))
    start = time.perf_counter()
    while time.perf_counter() - start < 60:
        if "· 10 papers" in count_line():
            return opened, time.perf_counter() - start
        time.sleep(0.002)
    raise TimeoutError(f"the query's matches not shown after 60 s:\n{screen()}")


def warm_up(program: Program, path: Path, size: int) -> None:
    """Start once and wait until the caches a start reads are written (first screen,
    and the word index for a library big enough to keep one)."""
    start_and_wait(program.command(path), "K000000", timeout=180, env=program.env,
                   cwd=program.root)
    deadline = time.perf_counter() + 180
    caches = program.config / "cache"
    while time.perf_counter() < deadline:
        names = [p.name for p in caches.glob("*")] if caches.exists() else []
        screen_ok = any(n.startswith("first-screen-") for n in names)
        words_ok = size < 5000 or any(n.startswith("word-index-") for n in names)
        # (what a checkout's app keeps besides, if it does: a word index vouched for
        # the catalogue, the catalogue's derived index)
        extra = [n for n in names if n.endswith(".for") or n.startswith("catalogue-index-")]
        if screen_ok and words_ok and (size < 5000 or len(extra) >= program.extras):
            break
        time.sleep(0.2)
    time.sleep(3)  # the rest of the load worker's work (related model, derived index)
    stop()


def spread(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return (f"median {statistics.median(ms):6.0f} ms  (min {ms[0]:.0f}, max {ms[-1]:.0f}, "
            f"n={len(ms)})")


def bench_open_search(sizes: list[int], runs: int, before: Path | None,
                      changed: bool = False) -> int:
    programs = [Program("after", ROOT)]
    if before is not None:
        programs.insert(0, Program("before", before.resolve()))
    libraries = {size: library_for(size)[0] for size in sizes}
    for program in programs:
        shutil.rmtree(program.config, ignore_errors=True)
        program.check()
        program.compile()
    opened: dict[tuple[str, int], list[float]] = {}
    searched: dict[tuple[str, int], list[float]] = {}
    try:
        for size, path in libraries.items():
            for program in programs:
                warm_up(program, path, size)
            for _ in range(runs):
                for program in programs:  # back to back: the same moment of the machine
                    first, found = open_then_search(program, path, size, changed)
                    opened.setdefault((program.name, size), []).append(first)
                    searched.setdefault((program.name, size), []).append(found)
                    stop()
    finally:
        stop()
    print(f"\nopen, then search at once ({WIDTH}x{HEIGHT} tmux pane, caches warm"
          f"{', the state file changed before each start' if changed else ''}, "
          f"{runs} runs each)")
    for size in sizes:
        for program in programs:
            key = (program.name, size)
            print(f"  {program.name:<7} {size:>7,} papers  first title: {spread(opened[key])}")
            print(f"  {'':<7} {'':>7}         search {query_for(size)!r}: "
                  f"{spread(searched[key])}")
    return 0


def ratios(timed: list[tuple[float, float]], base: list[tuple[float, float]],
           which: int) -> str:
    """Median of `timed` (wall: which=0, CPU: 1) against the median of `base`, with the
    spread of the run-by-run ratios (each run's start against the baseline's start
    just before it)."""
    mine = statistics.median(t[which] for t in timed)
    each = sorted(t[which] / b[which] for t, b in zip(timed, base, strict=True))
    return (f"{mine * 1000:5.0f} ms {mine / statistics.median(b[which] for b in base):.2f}x "
            f"(runs {each[0]:.2f}-{each[-1]:.2f}x)")


def bench_first_title(sizes: list[int], runs: int, before: Path | None) -> int:
    script = RESULTS / "baseline_app.py"
    RESULTS.mkdir(parents=True, exist_ok=True)
    script.write_text(BASELINE_APP)
    libraries = {size: library_for(size) for size in sizes}
    programs = [Program("after", ROOT)]
    if before is not None:
        programs.insert(0, Program("before", before.resolve()))
    for program in programs:
        program.check()
        program.compile()  # like an installed package (this shell may set
        # PYTHONDONTWRITEBYTECODE, which would make every start recompile the sources)
    # the seed library of each checkout (the synthetic ones are shared)
    own = {(p.name, size): p.seed_library() if size == 243 else libraries[size][0]
           for p in programs for size in sizes}
    base: list[tuple[float, float]] = []
    timed: dict[tuple[str, int], list[tuple[float, float]]] = {}
    colds: dict[tuple[str, int], float] = {}
    keys: list[float] = []
    largest = max(sizes)
    try:
        for program in programs:
            # cold: no first-screen cache (the first start after an import or a change)
            shutil.rmtree(program.config / "cache", ignore_errors=True)
            for done, (size, (_, needle)) in enumerate(libraries.items(), start=1):
                colds[program.name, size] = start_and_wait(
                    program.command(own[program.name, size]), needle, env=program.env,
                    cwd=program.root)
                deadline = time.perf_counter() + 120  # the app writes its cache once loaded
                while (len(list(program.config.glob("cache/first-screen-*"))) < done
                       and time.perf_counter() < deadline):
                    time.sleep(0.2)
                stop()
        # the baseline and the readers by turns, so a busy moment of the machine
        # weighs on every side of the ratios alike
        for _ in range(runs):
            base.append(start_and_time(f"{shlex.quote(PYTHON)} {script}", "BaselineReady"))
            stop()
            for size, (_, needle) in libraries.items():
                for program in programs:
                    timed.setdefault((program.name, size), []).append(start_and_time(
                        program.command(own[program.name, size]), needle, env=program.env,
                        cwd=program.root))
                    stop()
        if largest >= 10_000:  # the synthetic titles the typed query narrows down
            path, needle = libraries[largest]
            after = programs[-1]
            start_and_wait(after.command(path), needle, env=after.env, cwd=after.root)
            time.sleep(25 if largest >= 50_000 else 3)  # index and related model built
            keys = measure_filter()
            stop()
    finally:
        stop()

    baseline = statistics.median(b[0] for b in base)
    print(f"\nfirst title visible (median of {runs} runs, {WIDTH}x{HEIGHT} tmux pane; CPU: "
          "the process's, all threads, when the title is seen)")
    print(f"  {'baseline (Header+Footer)':<36} {baseline * 1000:8.0f} ms  CPU "
          f"{statistics.median(b[1] for b in base) * 1000:.0f} ms")
    for size in sizes:
        target = 1.3 if size <= 1000 else 2.0
        for program in programs:
            name = f"{program.name + ': ' if before is not None else ''}reader, {size:,} papers"
            cold = colds[program.name, size]
            print(f"  {name + ', cold':<36} {cold * 1000:8.0f} ms  {cold / baseline:.2f}x baseline")
            median = statistics.median(t[0] for t in timed[program.name, size])
            verdict = "ok" if median <= target * baseline else "OVER"
            print(f"  {name:<36} {median * 1000:8.0f} ms  {median / baseline:.2f}x baseline "
                  f"(target {target}x) {verdict}")
            print(f"  {'':<36} wall {ratios(timed[program.name, size], base, 0)}; "
                  f"CPU {ratios(timed[program.name, size], base, 1)}")
    if not keys:
        return 0
    med = statistics.median(keys)
    print(f"\nfilter at {largest:,} papers: {len(keys)} keys, median {med * 1000:.0f} ms, "
          f"max {max(keys) * 1000:.0f} ms (target median < 100 ms) "
          f"{'ok' if med < 0.1 else 'OVER'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--open-search", action="store_true",
                        help="issue 17: first title, then a search typed at once")
    parser.add_argument("--before", type=Path, default=None,
                        help="also time this checkout's reader, run by run with this one")
    parser.add_argument("--changed", action="store_true",
                        help="with --open-search: touch the state file before each start")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is needed for this benchmark")
        return 1
    if args.open_search:
        return bench_open_search(args.sizes or [1000, 10_000, 100_000], args.runs, args.before,
                                 args.changed)
    return bench_first_title(args.sizes or [243, 100_000], args.runs, args.before)


if __name__ == "__main__":
    sys.exit(main())
