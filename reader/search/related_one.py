"""Related papers of one paper in a library with no word index: `reader related ID`.

`SearchIndex(entries).related(id)` keeps every paper's folded text and every word's
postings for one answer. Scoring one paper (related.py) reads much less: every
paper's length, every word's paper count (its idf), and the postings of the words
sharing a stem with the paper's own words. So the papers' texts are folded and fed
to the word index's build (word_build.py, the same numpy code) a chunk at a time,
never all held, and the build keeps the postings of those words alone. The scores
are the ones `SearchIndex.related` gives (the same related.related_in).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from reader.errors import UnknownPaperError
from reader.model import Entry
from reader.search import bits
from reader.search.folding import encode
from reader.search.related import cached_stem, related_in, stem_counts, stem_head
from reader.search.word_index import WordIndex

if TYPE_CHECKING:
    from reader.search.csr import Built, Ints


def related_alone(entries: Iterable[Entry], paper_id: str, k: int) -> list[tuple[str, float]]:
    """`SearchIndex(entries).related(paper_id, k)`, holding only what scoring needs."""
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id[entry.paper.id] = entry  # a repeated id keeps its first place and last text
    if paper_id not in by_id:
        raise UnknownPaperError(f"no paper {paper_id!r} in the search index")
    if k <= 0:
        return []
    ids = list(by_id)
    papers = list(by_id.values())
    del by_id
    pos = ids.index(paper_id)
    words = _counted(papers, {s for s in stem_counts(papers[pos]) if " " not in s})
    found = related_in(words, len(papers), bits.full(len(papers)), papers.__getitem__, pos, k)
    return [(ids[p], score) for p, score in found]


def _counted(papers: list[Entry], stems: set[str]) -> WordIndex:
    """The word index related.py reads for a paper whose stems are `stems`."""
    from reader.search import word_build

    heads = tuple({stem_head(s).encode() for s in stems})

    def keep(word: bytes) -> bool:  # the words related.Stats.surface gives for `stems`
        if not word.startswith(heads):
            return False
        text = word.decode("utf-8")
        s = cached_stem(text)
        return s in stems and text.startswith(stem_head(s))

    built, counts = word_build.build_kept(_titles_and_bodies(papers), keep)
    return CountedWords(built, counts)


def _titles_and_bodies(papers: list[Entry]) -> Iterator[bytes]:
    """Each paper's folded text without its authors (related papers never read them)."""
    for entry in papers:
        doc, _, authors = encode(entry)
        yield doc[:authors] + b" "


class CountedWords(WordIndex):
    """A word index holding the postings of a few words, the paper count of every word."""

    def __init__(self, built: Built, counts: Ints) -> None:
        """`counts`: papers per row (word * 3 + field) of every word of `built`."""
        import numpy as np

        from reader.search import csr

        super().__init__()
        self.size = built.size
        self.doclen = array("I", built.doclen.tobytes())
        self.postings = csr.postings(built)
        self.vocab = sorted(set(self.postings[0]) | set(self.postings[1]))
        rows = 3 * len(built.words)
        df = np.maximum(counts[0:rows:3], counts[1:rows:3])
        self._df: dict[str, int] = dict(zip(built.words, df.tolist(), strict=True))

    def df(self, term: str) -> int:
        return self._df.get(term, 0)
