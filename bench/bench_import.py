"""Benchmark of `reader import` on generated plain-text page copies.

    .venv/bin/python bench/bench_import.py --sizes 1000 10000 100000

For each size a listing is generated in the layout of a copied Hugging Face
Papers page (upvote count, title, one abstract line of about 1,500 characters,
"N authors · date", comment count; page chrome at the top), then:

* parse: `parse_text` on the decoded text (sniffing included), best of 3,
  reported in MB/s of UTF-8 input;
* import: `import_files` into a new library (read, decode, parse, merge,
  atomic write), what `reader import FILE` does after start-up;
* cli: the whole `reader import FILE` command in a fresh subprocess.

Targets (issue 2): parsing alone >= 50 MB/s; 100k papers parsed and stored
in < 10 s.
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import time
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


def _best(fn: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


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
            parse_s = _best(lambda t=text: parse_text(t), 3 if n <= 10_000 else 2)
            db = Path(tmp) / f"lib-{n}.json"
            start = time.perf_counter()
            status = import_files(db, [listing], stdout=io.StringIO(), stderr=io.StringIO())
            import_s = time.perf_counter() - start
            assert status == 0
            cli_s = float("nan")
            if cli:
                db2 = Path(tmp) / f"lib-cli-{n}.json"
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "reader", "--db", str(db2), "import",
                                str(listing)], check=True, capture_output=True)
                cli_s = time.perf_counter() - start
            rows.append((n, mb, parse_s, mb / parse_s, import_s, cli_s))
    print(f"{'papers':>8} {'MB':>7} {'parse s':>8} {'parse MB/s':>10} {'import s':>9} "
          f"{'cli s':>7}")
    for n, mb, parse_s, rate, import_s, cli_s in rows:
        print(f"{n:>8} {mb:>7.1f} {parse_s:>8.3f} {rate:>10.1f} {import_s:>9.2f} "
              f"{cli_s:>7.2f}")
    print("targets: parse >= 50 MB/s; 100k papers parsed and stored < 10 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess run")
    args = parser.parse_args()
    run(args.sizes, cli=not args.no_cli)


if __name__ == "__main__":
    main()
