"""Benchmark of search: index build, filtering per keystroke, related papers.

    .venv/bin/python bench/bench_search.py --sizes 1000 10000 100000

For each size a synthetic library is generated (abstracts of about 1,500
characters with a Zipf vocabulary of real ML words and a long tail of made-up
words, recurring topic phrases, 3-8 authors some with accents, reading state on
about a third of the papers). Then, in this process:

* 1-shot s / MB: `related_once(entries, id)`, what `reader related ID` runs for a
  library with no saved word index (time, and peak RSS growth);
* scan med/p95: every prefix of realistic queries, typed one key at a time, on
  `SearchIndex(entries)`: search works from there on, by scanning text;
* build: `SearchIndex(entries)`, as the app builds it (the folded text); prepare:
  `index.prepare()` right after, the word index built (the app runs it in the same
  worker); cold s: the two, the time until search is fully fast and related papers
  work; cold MB: peak RSS growth over them;
* save s: writing the word index to its cache file (persist.py);
* warm s / MB: build + `prepare(cache)` reading that file (a library loaded
  again), the time until search is fully fast, and its peak RSS growth;
* type med/p95/max: the typing again, after prepare;
* one-shot: each query kind on an index whose word caches were just dropped
  (one word, a prefix, two words, a filter and a word, a phrase);
* related: `related(id, 10)` for 30 random papers;
* update: `update(entry)` after a status/tag/note change.

Targets (issue 6): median < 50 ms and p95 < 100 ms per keystroke at 100k;
cold s (build + prepare) < 5 s at 100k; related < 200 ms at 100k. Wall times by
default; `--cpu` reports this process's CPU time, fairer when other work shares
the machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.model import Entry, Paper, ReadingState, Status
from reader.search import SearchIndex, parse_query, persist, related_once

_split = str.split
FUNCTION = _split("the of and a to in we is for that on with this by as are from our an be "
            "which it can these at or not both while than has have its their such also "
            "into more between over only when how")
DOMAIN = _split("model models learning neural network networks training data language large "
          "performance method approach results task tasks propose show based deep "
          "information bottleneck attention transformer inference memory cache compression "
          "scaling laws concept concepts interpretable representation representations image "
          "vision text generation diffusion reinforcement policy reward agent agents graph "
          "optimization gradient loss accuracy benchmark dataset datasets evaluation token "
          "tokens sequence context retrieval reasoning prompt fine tuning pretraining "
          "efficient efficiency latency throughput quantization pruning sparse sparsity "
          "kernel gpu hardware parameters layer layers embedding embeddings encoder decoder "
          "latent variational bayesian uncertainty robustness adversarial privacy federated "
          "distillation knowledge student teacher contrastive self supervised unsupervised "
          "semi label labels noise noisy signal audio speech video temporal spatial "
          "segmentation detection classification regression clustering kernel manifold "
          "theory theoretical analysis empirical experiments experimental framework "
          "architecture module modules mechanism mechanisms capacity complexity "
          "generalization overfitting regularization mutual entropy divergence estimator "
          "bound bounds convergence stochastic sampling sampler distribution distributions "
          "causal intervention explanation explanations faithful human alignment safety "
          "multimodal chart medical clinical protein molecule physics simulation robot "
          "manipulation navigation planning control state action value function")
PHRASES = ["large language models", "information bottleneck", "concept bottleneck models",
           "kv cache", "scaling laws", "mutual information", "neural networks",
           "reinforcement learning", "diffusion models", "state of the art",
           "language model", "vision transformer", "knowledge distillation",
           "test time compute", "mixture of experts", "graph neural networks"]
FIRST = _split("Ana José Zoë Li Wei Maria Jürgen Søren Ahmed Fatima Kenji Yuki Olga Ivan Lucía "
         "François Chloé Raj Priya Chen Tom Sarah David Emma Noah")
LAST = _split("Müller Smith García Wang Zhang Li Kim Nguyen Tishby Hinton Bengio Dubois Rossi "
        "Kowalski Novák Åström Silva Santos Ito Tanaka Ivanov Okafor Haddad Cohen "
        "Johansson Ng")
TAGS = ["ml", "nlp", "vision", "theory", "to-cite", "reading-group", "systems", "rl",
        "interpretability", "compression", "survey", "bench"]


def _tail_words(rng: random.Random, count: int) -> list[str]:
    syllables = _split("ka ri to ne mo la su vi de po ra ten mi lo fa gor sen ul ex in tra")
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
            for _ in range(count)]


def make_entries(n: int, seed: int = 6) -> list[Entry]:
    """`n` synthetic papers with reading state, deterministic for a seed."""
    rng = random.Random(seed)
    content = DOMAIN + _tail_words(rng, 40_000)
    weights = [1.0 / (rank + 2) ** 1.05 for rank in range(len(content))]
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    entries: list[Entry] = []
    for i in range(n):
        words = rng.choices(content, cum_weights=cum, k=150)
        for j in range(0, 150, 2):
            words.insert(j + j // 2, FUNCTION[int(rng.random() * len(FUNCTION))])
        for _ in range(rng.randint(1, 4)):
            words[int(rng.random() * len(words))] = PHRASES[int(rng.random() * len(PHRASES))]
        for j in range(12, len(words), 17):
            words[j] += "."
        abstract = " ".join(words).capitalize()
        title_words = rng.choices(content, cum_weights=cum, k=rng.randint(4, 10))
        if rng.random() < 0.25:
            title_words.insert(rng.randrange(len(title_words)), rng.choice(PHRASES))
        title = " ".join(w.capitalize() for w in title_words)
        authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(3, 8))]
        urls = [f"https://github.com/lab{i}/code"] if rng.random() < 0.3 else []
        paper = Paper(id=f"arxiv:{2000 + i // 10000}.{i % 10000:05d}", title=title,
                      abstract=abstract, authors=authors, year=rng.randint(2012, 2025),
                      arxiv_id=f"{2000 + i // 10000}.{i % 10000:05d}", urls=urls,
                      added_at=f"2025-{1 + i * 12 // max(n, 1):02d}-01T00:00:00+00:00")
        state = ReadingState(paper.id)
        if rng.random() < 0.35:
            state.status = rng.choice(list(Status))
            state.rating = rng.choice([None, None, 1, 2, 3, 4, 5])
            state.tags = rng.sample(TAGS, rng.randint(0, 2))
            if rng.random() < 0.2:
                state.note = "Key idea: " + " ".join(rng.choices(DOMAIN, k=20))
        entries.append(Entry(paper, state))
    return entries


TYPED = ["bottleneck", "information bottleneck", "status:to-read compression",
         '"large language models"', "kv cache tag:systems", "scaling laws -survey",
         "author:müller diffusion", "rating:>=4 year:2020..2023 attention", "quantization gpu",
         "concept interpretable"]
ONE_SHOT = {
    "one word": ["bottleneck", "latency", "distillation", "segmentation"],
    "prefix": ["b", "bo", "bott", "q", "qua", "dis"],
    "two words": ["information bottleneck", "kv cache", "scaling laws", "vision transformer"],
    "filter+word": ["status:to-read compression", "tag:rl policy", "year:2024 attention",
                    "rating:>=4 model"],
    "phrase": ['"large language models"', '"mutual information"', '"kv cache"',
               '"state of the art"'],
}


_clock = time.perf_counter


def _ms(f: Callable[[], object]) -> float:
    t = _clock()
    f()
    return (_clock() - t) * 1000


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def _rss_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise OSError(field)


def _peak_start() -> int:
    """Reset the peak RSS to the current RSS (Linux), return the current RSS in kB."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return _rss_kb("VmRSS")
    except OSError:  # no /proc: the process's peak so far (growth is then a lower bound)
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _peak_mb(start: int) -> float:
    """Peak RSS growth since `_peak_start`, in MB."""
    try:
        peak = _rss_kb("VmHWM")
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (peak - start) / 1024


def _in_child(work: Callable[[], dict[str, float]]) -> dict[str, float]:
    """`work()` run in a forked child (in-process without fork). Each measurement gets
    a fresh child of a process that never built an index, so memory freed by an
    earlier measurement (and reused by the allocator) cannot hide the next one's."""
    if not hasattr(os, "fork"):
        return work()
    gc.collect()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave at once
        try:
            os.write(write, json.dumps(work()).encode("ascii"))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        report = fh.read()
    os.waitpid(pid, 0)
    if not report:
        raise RuntimeError("the measuring child failed")
    result: dict[str, float] = json.loads(report)
    return result


def _peak(label: str, work: Callable[[], object]) -> dict[str, float]:
    start = _peak_start()
    ms = _ms(work)
    return {f"{label} s": ms / 1000, f"{label} MB": _peak_mb(start)}


def _typing(index: SearchIndex) -> list[float]:
    index.drop_caches()
    times: list[float] = []
    for text in TYPED:
        for end in range(1, len(text) + 1):
            times.append(_ms(lambda q=text[:end]: index.search(q)))
    return times


def bench(n: int, folder: Path) -> dict[str, float | str]:
    entries = make_entries(n)
    row: dict[str, float | str] = {"size": f"{n:,}"}
    rng = random.Random(1)
    picks = [entries[rng.randrange(n)].paper.id for _ in range(30)]
    row.update(_in_child(lambda: _peak("1-shot", lambda: related_once(entries, picks[0], 10))))
    cache = folder / f"words-{n}.bin"
    row.update(_in_child(lambda: _measure_index(entries, picks, cache)))

    def warm() -> None:
        again = SearchIndex(entries)
        again.prepare(cache)
        assert again.words is not None and again.words.size == n

    row.update(_in_child(lambda: _peak("warm", warm)))
    return row


def _measure_index(entries: list[Entry], picks: list[str], cache: Path) -> dict[str, float]:
    row: dict[str, float] = {}
    scan = _typing(SearchIndex(entries))  # search by scanning, before prepare()
    row["scan med"] = statistics.median(scan)
    row["scan p95"] = _p95(scan)
    holder: list[SearchIndex] = []
    start = _peak_start()
    # as the app does: the text folded, then prepare() in the same worker
    row["build s"] = _ms(lambda: holder.append(SearchIndex(entries))) / 1000
    index = holder[0]
    row["prepare s"] = _ms(index.prepare) / 1000
    row["cold s"] = row["build s"] + row["prepare s"]
    row["cold MB"] = _peak_mb(start)
    words = index.word_index()
    row["save s"] = _ms(lambda: persist.save(cache, persist.dump(words, index.text.docs))) / 1000
    typing = _typing(index)
    row["type med"] = statistics.median(typing)
    row["type p95"] = _p95(typing)
    row["type max"] = max(typing)
    for kind, queries in ONE_SHOT.items():
        times = []
        for text in queries:
            index.drop_caches()
            times.append(_ms(lambda q=text: index.search(parse_query(q))))
        row[kind] = statistics.median(times)
    related = [_ms(lambda pid=pid: index.related(pid, 10)) for pid in picks]
    row["related med"] = statistics.median(related)
    row["related max"] = max(related)
    changes = []
    for pid in picks:
        e = entries[index.position(pid)]
        new = Entry(e.paper, replace(e.state, status=Status.READ, tags=[*e.state.tags, "x"],
                                     note=e.state.note + " changed"))
        changes.append(_ms(lambda new=new: index.update(new)))
    row["update"] = statistics.median(changes)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--cpu", action="store_true",
                        help="measure this process's CPU time instead of wall time "
                             "(fairer on a machine busy with other work)")
    args = parser.parse_args()
    global _clock
    if args.cpu:
        _clock = time.process_time
    with tempfile.TemporaryDirectory() as folder:
        rows = [bench(n, Path(folder)) for n in args.sizes]
    keys = list(rows[0])
    print(f"{'CPU' if args.cpu else 'wall'} times in ms unless noted; typing = every prefix "
          f"of {len(TYPED)} queries; load average before: {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs")
    print("scan = before prepare() (text scans), type = after (word index); one-shot "
          "columns and related after prepare(); MB = peak RSS growth")
    print(" ".join(f"{k:>11}" for k in keys))
    for row in rows:
        print(" ".join(f"{v:>11.1f}" if isinstance(v, float) else f"{v:>11}"
                       for v in row.values()))


if __name__ == "__main__":
    main()
