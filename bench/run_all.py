"""Run every benchmark at 1k, 10k and 100k papers (`make bench`).

Each script prints its own table; pass --sizes to run smaller sizes, e.g.
`python bench/run_all.py --sizes 1000 10000`. Figures go to stdout only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_import.py", "bench_parsers.py", "bench_store.py", "bench_search.py",
           "bench_export.py", "bench_stats.py", "bench_startup.py", "bench_sync.py",
           "bench_fulltext.py", "bench_commands.py"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", default=["1000", "10000", "100000"])
    parser.add_argument("--only", nargs="+", metavar="SCRIPT", help="e.g. bench_store.py")
    args = parser.parse_args()
    failed = 0
    for name in args.only or SCRIPTS:
        print(f"\n=== {name} ({' '.join(args.sizes)}) ===", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(HERE / name), "--sizes", *args.sizes])
        print(f"--- {name}: {time.perf_counter() - start:.0f} s, exit {result.returncode}")
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
