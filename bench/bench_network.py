"""Requests and wall time of `reader resolve` (the primary listing's 243 titles) and
`reader add` (50 ids) against a local arXiv API (pytest-httpserver), with the
etiquette delay off (the work itself) and at its default of 3 s (what a user waits).

    python bench/bench_network.py [--delays 0 3]

Needs ../shared/listings/hf-papers-search-bottleneck.txt. Two titles in three are
served (as in tests/net/test_net_resolve.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "net"))
from net_fixtures import FakeArxiv, Record  # noqa: E402

from reader.cli import main  # noqa: E402
from reader.net.limiter import shared_limiter  # noqa: E402
from reader.parsing import parse_file  # noqa: E402

LISTING = ROOT.parent / "shared" / "listings" / "hf-papers-search-bottleneck.txt"


def run(*args: str) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue(), time.perf_counter() - start


def main_bench() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delays", nargs="+", default=["0", "3"])
    args = parser.parse_args()
    if not LISTING.is_file():
        print(f"skipped: {LISTING} is missing")
        return 0
    papers = parse_file(LISTING).papers
    records = [Record(f"2401.{i:05d}", p.title, [f"Author {i}"], "2024-01-15",
                      abstract=p.abstract) for i, p in enumerate(papers) if i % 3 != 2]
    print(f"{'command':<34}{'delay':>7}{'requests':>10}{'wall':>9}   result")
    for delay in args.delays:
        os.environ["READER_FETCH_DELAY"] = delay
        with tempfile.TemporaryDirectory() as tmp, HTTPServer() as server:
            api = FakeArxiv(records)
            server.expect_request("/api/query").respond_with_handler(api.handler)
            os.environ["READER_ARXIV_API_URL"] = server.url_for("/api/query")
            os.environ["READER_CONFIG_DIR"] = str(Path(tmp) / "config")
            shared_limiter().reset()
            db = str(Path(tmp) / "library.json")
            run("--db", db, "import", str(LISTING))
            status, out, _, wall = run("--db", db, "resolve")
            print(f"{'resolve (243 titles)':<34}{delay:>7}{len(api.requests):>10}"
                  f"{wall:>8.2f}s   {out.splitlines()[-1] if status == 0 else 'failed'}")
            api.requests.clear()
            shared_limiter().reset()
            ids = [r.arxiv_id for r in records[:50]]
            status, out, _, wall = run("--db", str(Path(tmp) / "other.json"), "add", *ids)
            added = sum(line.startswith("added") for line in out.splitlines())
            print(f"{'add (50 ids)':<34}{delay:>7}{len(api.requests):>10}{wall:>8.2f}s   "
                  f"{added} added")
    return 0


if __name__ == "__main__":
    raise SystemExit(main_bench())
