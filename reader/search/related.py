"""Related papers: TF-IDF cosine over stemmed title and abstract words, offline.

Two steps, so one paper's answer reads a few postings lists, never the whole library:
1. candidates: the paper's most distinctive stems (by TF-IDF) are looked up in
   the inverted index; papers sharing them get a BM25-style score (rarer stems
   weigh more, long abstracts are damped); the best 60 go on;
2. the candidates' full TF-IDF vectors (stems and pairs of adjacent stems) are
   compared with the paper's (cosine), which gives the score shown (0 to 1).
Title words count twice; stop words and bare numbers are ignored.
"""

from __future__ import annotations

import heapq
import math
import weakref
from array import array
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.search.tokens import STOP_WORDS, stem, tokenize
from reader.search.word_index import WordIndex

if TYPE_CHECKING:
    from reader.model import Entry

QUERY_STEMS = 24
"""How many of the paper's stems look for candidates."""
CANDIDATES = 60
POSTINGS_BUDGET = 100_000
"""At most this many (paper, stem) pairs are scored in step 1 (bounds the time in a big library)."""
K1, B = 1.2, 0.75
TITLE_REPEAT = 2


def related_in(cat: WordIndex, total: int, alive: int, entry_at: Callable[[int], Entry],
               pos: int, k: int) -> list[tuple[int, float]]:
    """(position, cosine) of the `k` papers most like the one at `pos`, best first, over
    a word index and papers from anywhere (`entry_at(position)`): `total` papers,
    `alive` the mask of those not removed."""
    if k <= 0:
        return []
    stats = Stats.of(cat, total)
    query = stats.vector(entry_at(pos))
    if not query:
        return []
    candidates = shortlist(cat, stats, query, pos, alive)
    return cosines(stats, query, candidates, entry_at, k)


def shortlist(cat: WordIndex, stats: Stats, query: dict[str, float], pos: int,
              alive: int) -> list[int]:
    """Step 1: the positions of the papers worth comparing with the one at `pos`."""
    scores = _candidates(cat, stats, query, pos)
    best = heapq.nlargest(CANDIDATES * 3, scores.items(), key=lambda kv: (kv[1], -kv[0]))
    return [p for p, _ in best if alive >> p & 1][:CANDIDATES]


def cosines(stats: Stats, query: dict[str, float], candidates: list[int],
            entry_at: Callable[[int], Entry], k: int) -> list[tuple[int, float]]:
    """Step 2: (position, cosine) of the `k` candidates closest to `query`, best first."""
    qnorm = math.sqrt(sum(w * w for w in query.values()))
    results: list[tuple[int, float]] = []
    for p in candidates:
        vector = stats.vector(entry_at(p))
        dot = sum(w * query[s] for s, w in vector.items() if s in query)
        norm = math.sqrt(sum(w * w for w in vector.values()))
        if dot > 0 and norm > 0:
            results.append((p, dot / (qnorm * norm)))
    results.sort(key=lambda r: (-r[1], r[0]))
    return results[:k]


def _candidates(cat: WordIndex, stats: Stats, query: dict[str, float],
                pos: int) -> dict[int, float]:
    stems = [(s, w) for s, w in query.items() if " " not in s]
    top = heapq.nlargest(QUERY_STEMS, stems, key=lambda kv: kv[1])
    limit = max(stats.total // 20, 50)
    budget = POSTINGS_BUDGET
    acc: dict[int, float] = {}
    get = acc.get
    for s, weight in top:
        found: set[int] = set()
        for term in stats.surface(s):
            for field in (0, 1):
                arr = cat.postings[field].get(term)
                if arr is not None:
                    found.update(arr)
        if len(found) > limit or len(found) < 2:
            continue
        budget -= len(found)
        if budget < 0:
            break
        add = weight * stats.idf(s)
        for p in found:
            acc[p] = get(p, 0.0) + add
    acc.pop(pos, None)
    norms = stats.length_norms()
    return {p: s * norms[p] for p, s in acc.items()}


class Stats:
    """Per-word-index caches: stems' surface words and document frequencies."""

    def __init__(self, cat: WordIndex, total: int) -> None:
        self._cat = weakref.ref(cat)
        """Weak: the word index keeps this object in its `extras`; a strong reference
        back would make a cycle, which the app's frozen GC never frees (a dropped
        library would stay in memory)."""
        self.total = max(total, 1)
        self.size = cat.size
        self._surface: dict[str, list[str]] = {}
        self._idf: dict[str, float] = {}
        self._norms: array[float] | None = None

    @property
    def cat(self) -> WordIndex:
        cat = self._cat()
        if cat is None:  # only its word index holds this object: never seen
            raise RuntimeError("the word index of these statistics is gone")
        return cat

    @classmethod
    def of(cls, cat: WordIndex, total: int) -> Stats:
        cached = cat.extras.get("related")
        if not isinstance(cached, Stats) or cached.size != cat.size or cached.total != total:
            cached = cls(cat, total)
            cat.extras["related"] = cached
        return cached

    def surface(self, s: str) -> list[str]:
        """Vocabulary words whose stem is `s` (they all start with `s[:-1]`)."""
        words = self._surface.get(s)
        if words is None:
            words = [t for t in self.cat.terms(stem_head(s), True) if cached_stem(t) == s]
            self._surface[s] = words
        return words

    def idf(self, s: str) -> float:
        """BM25's idf of a stem, its document frequency the sum of its forms' (capped).

        The forms tried are the stem itself and its usual inflections, a handful
        of dictionary lookups (no scan of the vocabulary), so any paper's vector
        is cheap.
        """
        value = self._idf.get(s)
        if value is None:
            df = min(sum(map(self.cat.df, idf_forms(s))), self.total)
            value = math.log(1 + (self.total - df + 0.5) / (df + 0.5))
            self._idf[s] = value
        return value

    def vector(self, entry: Entry) -> dict[str, float]:
        """(1 + log tf) * idf of a paper's stems and stem pairs, title counted twice.

        A pair of adjacent stems ("inform bottleneck") weighs like its rarer stem:
        it tells "information bottleneck" papers from the many other bottlenecks.
        """
        vector: dict[str, float] = {}
        idf = self.idf
        for s, tf in stem_counts(entry).items():
            first, _, second = s.partition(" ")
            weight = max(idf(first), idf(second)) if second else idf(s)
            if weight > 0:
                vector[s] = (1 + math.log(tf)) * weight
        return vector

    def length_norms(self) -> array[float]:
        """BM25's damping of long papers, for one occurrence: (k1+1) / (1 + k1*len)."""
        if self._norms is None:
            lengths = self.cat.doclen
            avg = sum(lengths) / max(len(lengths), 1) or 1.0
            self._norms = array("d", ((K1 + 1) / (1 + K1 * (1 - B + B * n / avg))
                                      for n in lengths))
        return self._norms


def stem_counts(entry: Entry) -> Counter[str]:
    """A paper's stems and pairs of adjacent stems, counted, title counted twice."""
    counts: Counter[str] = Counter()
    title = tokenize(entry.paper.title)
    for words in [title] * TITLE_REPEAT + [tokenize(entry.paper.abstract)]:
        previous = ""
        for word in words:
            if word in STOP_WORDS or word.isdigit() or len(word) < 2:
                previous = ""
                continue
            s = cached_stem(word)
            counts[s] += 1
            if previous:
                counts[f"{previous} {s}"] += 1
            previous = s
    return counts


def stem_head(s: str) -> str:
    """What every surface word of the stem `s` starts with."""
    return s[:-1] if len(s) > 3 else s


def idf_forms(s: str) -> set[str]:
    """The words whose document frequencies make up the stem's (see `Stats.idf`)."""
    forms = {s, s + "s", s + "e", s + "es", s + "ed", s + "ing", s + "ings"}
    if s.endswith("y"):
        forms.add(s[:-1] + "ies")
    return forms


_STEMS: dict[str, str] = {}


def cached_stem(word: str) -> str:
    """`stem(word)`, remembered (a library repeats its words)."""
    s = _STEMS.get(word)
    if s is None:
        if len(_STEMS) > 500_000:
            _STEMS.clear()
        s = _STEMS[word] = stem(word)
    return s
