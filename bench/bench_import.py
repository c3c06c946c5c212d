"""Benchmark of `reader import` on generated plain-text page copies.

    .venv/bin/python bench/bench_import.py --sizes 1000 10000 100000

For each size a listing is generated in the layout of a copied Hugging Face
Papers page (upvote count, title, one abstract line of about 1,500 characters,
"N authors · date", comment count; page chrome at the top), then:

* parse: `parse_text` on the decoded text (sniffing included), best of 3
  (2 at 100k), in MB/s of UTF-8 input, wall-clock and CPU time;
* import: `import_files` into a new library (read, decode, parse, merge,
  atomic write), what `reader import FILE` does after start-up, wall and CPU;
* cli: the whole `reader import FILE` command in a fresh subprocess.

Targets (issue 2): parsing alone >= 50 MB/s; 100k papers parsed and stored
in < 10 s.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.importer import import_files  # noqa: E402
from reader.parsing import parse_text  # noqa: E402

HEADER = ("Get trending papers in your email inbox once a day!\n"
          "Get trending papers in your email inbox!\nSubscribe\nDaily Papers\n"
          "by AK and the research community\nDaily\nWeekly\nMonthly\n")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    syllables = ["ra", "to", "mi", "ne", "ka", "lu", "so", "vi", "de", "pa", "gro", "ten",
                 "sor", "lin", "ex", "qua", "bel", "dra", "fen", "tri", "ion", "al", "ment"]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
             for _ in range(size * 2)}
    return sorted(words)[:size]


def generate(n: int, seed: int = 7) -> str:
    """A listing of `n` unique papers, abstracts of about 1,500 characters."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    out = [HEADER]
    for i in range(n):
        title = " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(5, 10)))
        title = f"{title}: Study {i}"
        sentences: list[str] = []
        length = 0
        while length < 1500:
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 22)))
            sentence = sentence.capitalize() + "."
            sentences.append(sentence)
            length += len(sentence) + 1
        if i % 5 == 0:
            sentences.append(f"Code is available at https://github.com/lab{i}/repo{i}.")
        upvotes = str(rng.randint(1, 300)) if i % 4 else "-"
        date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2019, 2026)}"
        out.append(f"{upvotes}\n{title}\n{' '.join(sentences)}\n"
                   f"{rng.randint(1, 20)} authors · {date}\n{rng.randint(0, 40)}\n")
    return "".join(out)


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds over `repeat` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def run(sizes: list[int], cli: bool) -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        for n in sizes:
            text = generate(n)
            listing = Path(tmp) / f"listing-{n}.txt"
            listing.write_text(text, encoding="utf-8")
            mb = len(text.encode("utf-8")) / 1e6
            found = len(parse_text(text).papers)
            assert found == n, f"generated {n} papers, parser found {found}"
            parse_wall, parse_cpu = _best(lambda t=text: parse_text(t), 3 if n <= 10_000 else 2)
            db = Path(tmp) / f"lib-{n}.json"
            sink = io.StringIO()
            import_wall, import_cpu = _best(
                lambda db=db, listing=listing, sink=sink: import_files(
                    db, [listing], stdout=sink, stderr=sink), 1)
            # a new library is announced on a line of its own before the counts
            assert f"\n{n} added" in "\n" + sink.getvalue(), sink.getvalue()
            cli_s = float("nan")
            if cli:
                db2 = Path(tmp) / f"lib-cli-{n}.json"
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "reader", "--db", str(db2), "import",
                                str(listing)], check=True, capture_output=True)
                cli_s = time.perf_counter() - start
            rows.append((n, mb, parse_wall, mb / parse_wall, mb / parse_cpu, import_wall,
                         import_cpu, cli_s))
    print(f"{'papers':>8} {'MB':>7} {'parse s':>8} {'MB/s':>7} {'MB/s cpu':>9} "
          f"{'import s':>9} {'cpu s':>7} {'cli s':>7}")
    for n, mb, parse_s, rate, rate_cpu, import_s, import_cpu, cli_s in rows:
        print(f"{n:>8} {mb:>7.1f} {parse_s:>8.2f} {rate:>7.1f} {rate_cpu:>9.1f} "
              f"{import_s:>9.2f} {import_cpu:>7.2f} {cli_s:>7.2f}")
    print("targets: parse >= 50 MB/s; 100k papers parsed and stored < 10 s "
          f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: "
          "wall-clock figures grow with it, CPU figures much less)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess run")
    args = parser.parse_args()
    run(args.sizes, cli=not args.no_cli)


if __name__ == "__main__":
    main()
