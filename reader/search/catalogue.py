"""The inverted index of the catalogue text (titles, abstracts, authors), by position.

Each folded token maps to the sorted library positions of the papers holding it,
in three fields (title, body = abstract/venue/ids, authors), as `array('I')`.
A sorted vocabulary gives prefix lookups by bisection. Masks (see bits.py) of
frequent terms are cached once computed, so short prefixes stay fast.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, insort
from collections import OrderedDict, defaultdict
from collections.abc import Sequence

from reader.model import Entry
from reader.search import bits
from reader.search.match import catalogue_texts
from reader.search.tokens import has_code_link, tokenize

FIELDS = ("title", "body", "author")
_CACHE_SIZE = 256


def _upper(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class Catalogue:
    """Postings of the catalogue text; the reading state lives in state.py."""

    def __init__(self) -> None:
        self.size = 0
        self.postings: tuple[dict[str, array[int]], ...] = ({}, {}, {})
        self.vocab: list[str] = []
        self.doclen = array("I")
        """Title + body tokens per position (for length normalisation)."""
        self.year = array("H")
        self.added: list[str] = []
        self.titles: list[str] = []
        self.year_positions: dict[int, list[int]] = defaultdict(list)
        self.code = 0
        self.abstract = 0
        self.link = 0
        self._dense: dict[tuple[int, str], int] = {}
        self._words: OrderedDict[tuple[str, bool], tuple[int, int, int]] = OrderedDict()
        self._year_masks: dict[int, int] = {}
        self.extras: dict[str, object] = {}
        """Caches of other modules (related papers), dropped on every change."""

    # building ------------------------------------------------------------
    def add(self, entries: Sequence[Entry]) -> None:
        """Index `entries` at the next positions (library order)."""
        start = self.size
        new: tuple[defaultdict[str, list[int]], ...] = (
            defaultdict(list), defaultdict(list), defaultdict(list))
        tnew, bnew, anew = new
        code: list[int] = []
        abstract: list[int] = []
        link: list[int] = []
        doclen, year, added, titles = self.doclen, self.year, self.added, self.titles
        years = self.year_positions
        for pos, entry in enumerate(entries, start):
            title, body, authors = catalogue_texts(entry)
            tt = tokenize(title)
            bt = tokenize(body)
            for t in set(tt):
                tnew[t].append(pos)
            for t in set(bt):
                bnew[t].append(pos)
            if authors:
                for t in set(tokenize(" ".join(authors))):
                    anew[t].append(pos)
            doclen.append(len(tt) + len(bt))
            paper = entry.paper
            y = paper.year if paper.year and 0 < paper.year < 65536 else 0
            year.append(y)
            if y:
                years[y].append(pos)
            added.append(paper.added_at)
            titles.append(title)
            if paper.urls:
                link.append(pos)
            if paper.abstract.strip():
                abstract.append(pos)
            if (paper.urls or "http" in paper.abstract) and has_code_link(paper.urls,
                                                                         paper.abstract):
                code.append(pos)
        self.size = start + len(entries)
        self._merge(new)
        self.code |= bits.from_positions(code, self.size)
        self.abstract |= bits.from_positions(abstract, self.size)
        self.link |= bits.from_positions(link, self.size)
        self._year_masks.clear()

    def _merge(self, new: tuple[defaultdict[str, list[int]], ...]) -> None:
        added_terms: set[str] = set()
        for field, fresh in enumerate(new):
            postings = self.postings[field]
            for term, positions in fresh.items():
                old = postings.get(term)
                if old is None:
                    postings[term] = array("I", positions)
                    added_terms.add(term)
                else:
                    old.extend(positions)
                    key = (field, term)
                    if key in self._dense:
                        self._dense[key] |= bits.from_positions(positions, self.size)
        self._add_vocab(added_terms)
        self.extras.clear()
        self._words.clear()

    def _add_vocab(self, terms: set[str]) -> None:
        """Keep `vocab` sorted and a superset of every field's terms."""
        vocab = self.vocab
        if len(terms) >= 1000 or not vocab:
            self.vocab = sorted(set(vocab).union(terms))
            return
        for term in terms:
            i = bisect_left(vocab, term)
            if i == len(vocab) or vocab[i] != term:
                vocab.insert(i, term)

    def replace(self, pos: int, old: Entry, new: Entry) -> None:
        """Re-index one paper whose catalogue text changed (rare: a metadata merge)."""
        for field, (before, after) in enumerate(zip(_field_tokens(old), _field_tokens(new),
                                                    strict=True)):
            postings = self.postings[field]
            for term in before - after:
                arr = postings[term]
                del arr[bisect_left(arr, pos)]
                self._dense.pop((field, term), None)
                if not arr:
                    del postings[term]
            self._add_vocab(after - before)
            for term in after - before:
                arr = postings.setdefault(term, array("I"))
                arr.insert(bisect_left(arr, pos), pos)
                self._dense.pop((field, term), None)
        title, body, _ = catalogue_texts(new)
        self.doclen[pos] = len(tokenize(title)) + len(tokenize(body))
        paper, bit = new.paper, 1 << pos
        y = paper.year if paper.year and 0 < paper.year < 65536 else 0
        if self.year[pos]:
            self.year_positions[self.year[pos]].remove(pos)
        if y:
            insort(self.year_positions[y], pos)
        self.year[pos] = y
        self.added[pos] = paper.added_at
        self.titles[pos] = title
        self.code = self.code & ~bit | (bit if has_code_link(paper.urls, paper.abstract) else 0)
        self.abstract = self.abstract & ~bit | (bit if paper.abstract.strip() else 0)
        self.link = self.link & ~bit | (bit if paper.urls else 0)
        self._words.clear()
        self._year_masks.clear()
        self.extras.clear()

    # lookups ---------------------------------------------------------------
    def terms(self, word: str, prefix: bool) -> list[str]:
        """Vocabulary words equal to `word`, or starting with it when `prefix`."""
        vocab = self.vocab
        lo = bisect_left(vocab, word)
        if not prefix:
            return [word] if lo < len(vocab) and vocab[lo] == word else []
        return vocab[lo:bisect_left(vocab, _upper(word), lo)]

    def word_masks(self, word: str, prefix: bool) -> tuple[int, int, int]:
        """(any field, title, authors) masks of the papers holding `word`."""
        key = (word, prefix)
        hit = self._words.get(key)
        if hit is not None:
            self._words.move_to_end(key)
            return hit
        terms = self.terms(word, prefix)
        title = self._field_mask(0, terms)
        author = self._field_mask(2, terms)
        result = (title | self._field_mask(1, terms) | author, title, author)
        self._words[key] = result
        if len(self._words) > _CACHE_SIZE:
            self._words.popitem(last=False)
        return result

    def _field_mask(self, field: int, terms: list[str]) -> int:
        postings = self.postings[field]
        dense_min = max(512, self.size >> 6)
        mask = 0
        small: list[array[int]] = []
        total = 0
        for term in terms:
            arr = postings.get(term)
            if arr is None:
                continue
            if len(arr) >= dense_min:
                mask |= self._dense_mask(field, term, arr)
            else:
                small.append(arr)
                total += len(arr)
        if total < 256:
            for arr in small:
                mask |= bits.from_positions(arr, self.size)
        else:
            mask |= bits.union_positions(small, self.size)
        return mask

    def _dense_mask(self, field: int, term: str, arr: array[int]) -> int:
        key = (field, term)
        mask = self._dense.get(key)
        if mask is None:
            mask = self._dense[key] = bits.from_positions(arr, self.size)
        return mask

    def year_mask(self, lo: int | None, hi: int | None) -> int:
        mask = 0
        for y, positions in self.year_positions.items():
            if (lo is None or y >= lo) and (hi is None or y <= hi) and positions:
                cached = self._year_masks.get(y)
                if cached is None:
                    cached = self._year_masks[y] = bits.from_positions(positions, self.size)
                mask |= cached
        return mask

    def df(self, term: str) -> int:
        """Papers whose title or body holds `term` (an upper bound: the fields overlap)."""
        t, b = self.postings[0].get(term), self.postings[1].get(term)
        return max(len(t) if t else 0, len(b) if b else 0)


def _field_tokens(entry: Entry) -> tuple[set[str], set[str], set[str]]:
    title, body, authors = catalogue_texts(entry)
    return set(tokenize(title)), set(tokenize(body)), set(tokenize(" ".join(authors)))
