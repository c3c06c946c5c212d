"""Related papers for one paper without building the index: `reader related ID`.

`SearchIndex(entries).related(id)` builds the scan text and the whole word index
(every word of every abstract into postings: seconds per 10k papers) for one
answer. Related papers for one paper need much less: the length of every paper,
the document frequencies of a few hundred words, and which papers hold the
paper's own stems. Two passes over the title and body words keep only the words
asked for (one C-level set intersection per paper and field):

1. the spellings of the paper's stems: their frequencies and the papers holding
   them, so related.py's step 1 picks the candidates;
2. the spellings of the candidates' stems: their frequencies, for the cosines.

Words are split from folding.py's folded bytes, as the word index splits them, so
the result is the list `SearchIndex.related` gives, with the same scores. When
the app has saved the library's word index (persist.py), reading it is faster.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path

from reader.errors import UnknownPaperError
from reader.model import Entry
from reader.search import bits
from reader.search.folding import encode_parts
from reader.search.index import SearchIndex
from reader.search.related import Stats, cosines, idf_forms, paper_stems, shortlist, surface_forms


class _Counts:
    """The words of a library related papers ask about (a stand-in for the Catalogue)."""

    def __init__(self, doclen: array[int]) -> None:
        self.size = len(doclen)
        self.doclen = doclen
        self.postings: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        self.counts: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self.vocab: list[str] = []

    def df(self, term: str) -> int:
        """Papers whose title or body holds `term` (as Catalogue.df: the larger field)."""
        return max(self.counts[0].get(term, 0), self.counts[1].get(term, 0))

    def terms(self, word: str, prefix: bool) -> list[str]:
        """Known words equal to `word`, or starting with it (the paper's stems' spellings)."""
        vocab = self.vocab
        lo = bisect_left(vocab, word)
        if not prefix:
            return [word] if lo < len(vocab) and vocab[lo] == word else []
        hi = lo
        while hi < len(vocab) and vocab[hi].startswith(word):
            hi += 1
        return vocab[lo:hi]


def related_once(entries: Iterable[Entry], paper_id: str, k: int = 10,
                 cache: Path | None = None) -> list[tuple[str, float]]:
    """The `k` papers of `entries` closest to `paper_id`, as `SearchIndex.related` says.

    With `cache` (persist.cache_file(db)) holding the library's word index, as the
    app saves it, that index answers (faster at 100k); else the two passes below.
    """
    if cache is not None and cache.exists():
        entries = list(entries)
        index = SearchIndex(entries)
        if index.load_words(cache):
            return index.related(paper_id, k)
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id[entry.paper.id] = entry  # a repeated id keeps its first place, as the index
    ids = list(by_id)
    papers = list(by_id.values())
    if paper_id not in by_id:
        raise UnknownPaperError(f"no paper {paper_id!r} in the library")
    if k <= 0:
        return []
    pos = ids.index(paper_id)
    parts = list(map(encode_parts, papers))
    wanted = set()
    for s in paper_stems(papers[pos]):
        wanted |= idf_forms(s)
        wanted.update(surface_forms(s))
    doclen, held = _first_pass(parts, {w.encode("utf-8") for w in wanted})
    counts = _Counts(doclen)
    for field, found in enumerate(held):
        for word, positions in found.items():
            if positions:
                counts.postings[field][word.decode("utf-8")] = positions
                counts.counts[field][word.decode("utf-8")] = len(positions)
    counts.vocab = sorted(set(counts.postings[0]) | set(counts.postings[1]))
    stats = Stats(counts, len(papers))
    query = stats.vector(papers[pos])
    if not query:
        return []
    candidates = shortlist(counts, stats, query, pos, bits.full(len(papers)))
    more: set[str] = set()
    for p in candidates:
        for s in paper_stems(papers[p]):
            more |= idf_forms(s)
    more -= wanted
    for field, frequencies in enumerate(_frequencies(parts, {w.encode("utf-8") for w in more})):
        counts.counts[field].update((w.decode("utf-8"), n) for w, n in frequencies.items())
    return [(ids[p], score) for p, score in cosines(stats, query, candidates,
                                                    papers.__getitem__, k)]


def _first_pass(parts: list[tuple[bytes, bytes]], words: set[bytes]
                ) -> tuple[array[int], tuple[dict[bytes, list[int]], dict[bytes, list[int]]]]:
    """Each paper's length (words + 2, as the Catalogue counts) and who holds `words`."""
    doclen = array("I")
    held: tuple[dict[bytes, list[int]], dict[bytes, list[int]]] = (
        {w: [] for w in words}, {w: [] for w in words})
    tget, bget = held[0].__getitem__, held[1].__getitem__
    common = words.intersection
    append = list.append
    for pos, (title, body) in enumerate(parts):
        tt, bt = title.split(), body.split()
        doclen.append(len(tt) + len(bt) + 2)
        deque(map(append, map(tget, common(tt)), repeat(pos)), 0)
        deque(map(append, map(bget, common(bt)), repeat(pos)), 0)
    return doclen, held


def _frequencies(parts: list[tuple[bytes, bytes]], words: set[bytes]
                 ) -> tuple[Counter[bytes], Counter[bytes]]:
    """How many papers hold each of `words` in their title, in their body."""
    in_title: Counter[bytes] = Counter()
    in_body: Counter[bytes] = Counter()
    if words:
        common = words.intersection
        for title, body in parts:
            in_title.update(common(title.split()))
            in_body.update(common(body.split()))
    return in_title, in_body
