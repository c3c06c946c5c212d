"""Benchmark of the bibliographic parsers: BibTeX, RIS, arXiv Atom, arXiv RSS.

    .venv/bin/python bench/bench_parsers.py --sizes 1000 10000

For each size, a file of that many unique papers is generated in each format
(abstracts of about 1,500 characters; in BibTeX every fifth title carries
math and every name a LaTeX accent, as real exports do), then `parse_text`
runs on it (format given, no sniffing), best of `--repeat` runs. The table
gives MB/s of input and papers per second.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.parsing import parse_text  # noqa: E402

WORDS = ["graph", "neural", "network", "attention", "model", "training", "data", "learning",
         "robust", "sparse", "transformer", "latent", "diffusion", "policy", "reward", "kernel",
         "spectral", "local", "global"]
SURNAMES = [r"M{\"u}ller", r"Garc{\'\i}a", r"Ne{\v c}as", "Smith", r"{\L}ukasz", "Chen"]


def _abstract(rng: random.Random) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < 1500:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def _title(rng: random.Random, i: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" {i}"


def bibtex(n: int, rng: random.Random) -> str:
    out = []
    for i in range(n):
        math = r" at $\sqrt{s} = 13$ TeV" if i % 5 == 0 else ""
        authors = " and ".join(f"{rng.choice(SURNAMES)}, Ann" for _ in range(4))
        out.append(f"@article{{key{i},\n  title = {{{{{_title(rng, i)}{math}}}}},\n"
                   f"  author = {{{authors}}},\n  journal = {{J. Benchmarks}},\n"
                   f"  year = {{2020}},\n  eprint = {{2001.{i:05d}}},\n"
                   f"  archivePrefix = {{arXiv}},\n  abstract = {{{_abstract(rng)}}}\n}}\n")
    return "\n".join(out)


def ris(n: int, rng: random.Random) -> str:
    out = []
    for i in range(n):
        out.append(f"TY  - JOUR\r\nTI  - {_title(rng, i)}\r\nAU  - Smith, Ann\r\n"
                   f"AU  - Chen, Bo\r\nT2  - J. Benchmarks\r\nAB  - {_abstract(rng)}\r\n"
                   f"DA  - 2021/02/01/\r\nDO  - 10.1234/bench.{i}\r\nER  -\r\n")
    return "\r\n".join(out)


def atom(n: int, rng: random.Random) -> str:
    entries = [f"<entry><id>http://arxiv.org/abs/2001.{i:05d}v1</id>"
               f"<published>2020-01-02T00:00:00Z</published><title>{_title(rng, i)}</title>"
               f"<summary>  {_abstract(rng)}\n</summary><author><name>Ann Smith</name></author>"
               f'<link href="http://arxiv.org/pdf/2001.{i:05d}v1" title="pdf" rel="related"/>'
               "</entry>" for i in range(n)]
    return ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:arxiv="http://arxiv.org/schemas/atom">' + "".join(entries) + "</feed>")


def rss(n: int, rng: random.Random) -> str:
    items = [f"<item><title>{_title(rng, i)}</title><link>https://arxiv.org/abs/2001.{i:05d}</link>"
             f"<description>arXiv:2001.{i:05d}v1 Announce Type: new \nAbstract: "
             f"{_abstract(rng)}</description><guid>oai:arXiv.org:2001.{i:05d}v1</guid>"
             "<pubDate>Thu, 24 Sep 2026 00:00:00 -0400</pubDate>"
             "<dc:creator>Ann Smith, Bo Chen</dc:creator></item>" for i in range(n)]
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<channel>" + "".join(items) + "</channel></rss>")


GENERATORS: dict[str, Callable[[int, random.Random], str]] = {
    "bibtex": bibtex, "ris": ris, "arxiv-atom": atom, "arxiv-rss": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'format':<11} {'papers':>8} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'papers/s':>9}")
    for fmt, generate in GENERATORS.items():
        for size in args.sizes:
            text = generate(size, random.Random(7))
            megabytes = len(text.encode("utf-8")) / 1e6
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                result = parse_text(text, fmt, f"bench.{fmt}")
                best = min(best, time.perf_counter() - start)
            assert len(result.papers) == size, (fmt, len(result.papers))
            print(f"{fmt:<11} {size:>8} {megabytes:>7.1f} {best:>8.2f} {megabytes / best:>7.1f} "
                  f"{size / best:>9.0f}")


if __name__ == "__main__":
    main()
