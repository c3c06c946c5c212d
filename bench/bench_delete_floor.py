"""The floor under `reader delete` at 100k papers: rewriting the catalogue file atomically.

    .venv/bin/python bench/bench_delete_floor.py LIBRARY.json [--runs 7]

A copy of LIBRARY.json (never the file itself) is rewritten as the delete's splice
does, less a few bytes in its middle: copy_file_range into a temporary file
beside it, fsync, rename over it, fsync of the folder, then the close of the old
file (freeing its blocks). Once copied whole then fsynced (`plain`), once with
each 16 MB's writeback started as it is copied (`writeback`, what the store
does). Also the start of a bare interpreter (`python -c pass`). Median of
`--runs`; the load average is printed beside.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHUNK = 16 << 20


def _copy(src: int, dst: int, start: int, stop: int, to: int, writeback: bool) -> None:
    at = start
    while at < stop:
        done = os.copy_file_range(src, dst, min(stop - at, CHUNK), at, to + at - start)
        if writeback:
            os.posix_fadvise(dst, to + at - start, done, os.POSIX_FADV_DONTNEED)
        at += done


def rewrite(path: Path, writeback: bool) -> dict[str, float]:
    src = os.open(path, os.O_RDONLY)
    size = os.fstat(src).st_size
    cut = (size // 2, size // 2 + 1900)
    t0 = time.perf_counter()
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    _copy(src, fd, 0, cut[0], 0, writeback)
    _copy(src, fd, cut[1], size, cut[0], writeback)
    t1 = time.perf_counter()
    os.fsync(fd)
    t2 = time.perf_counter()
    os.replace(tmp, path)
    os.close(fd)
    folder = os.open(path.parent, os.O_RDONLY)
    os.fsync(folder)
    os.close(folder)
    t3 = time.perf_counter()
    os.close(src)  # the old file's last handle: its blocks are freed
    t4 = time.perf_counter()
    return {"copy": t1 - t0, "fsync": t2 - t1, "rename": t3 - t2, "free": t4 - t3,
            "total": t4 - t0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = args.library.resolve().parent / ".bench-floor-copy.json"
    shutil.copyfile(args.library, work)
    try:
        found: dict[str, list[dict[str, float]]] = {"plain": [], "writeback": []}
        for _ in range(args.runs):
            for name in found:
                os.sync()
                found[name].append(rewrite(work, name == "writeback"))
    finally:
        work.unlink(missing_ok=True)
    starts = []
    for _ in range(args.runs * 3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        starts.append(time.perf_counter() - t0)
    print(f"{work.stat().st_size if work.exists() else args.library.stat().st_size:,} bytes, "
          f"median of {args.runs}, load {os.getloadavg()[0]:.2f}")
    for name, runs in found.items():
        print(f"  {name:<10}" + "  ".join(
            f"{k} {statistics.median(r[k] for r in runs):.3f}" for k in runs[0]))
    print(f"  python -c pass {statistics.median(starts):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
