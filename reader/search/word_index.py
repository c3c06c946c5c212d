"""The word index of the catalogue text (titles, abstracts, authors), by position.

Each folded token maps to the sorted library positions of the papers holding it,
in three fields (title, body = abstract/venue/ids, authors), as `array('I')`.
A sorted vocabulary gives prefix lookups by bisection. Masks (see bits.py) of
frequent terms are cached once computed, so short prefixes stay fast.

Papers are indexed by word_build.py (numpy), the first ones and those added later
alike; `replace` re-indexes one paper whose text changed. Which papers a WordIndex
holds, and when it is built or read from its cache file: search_index.py.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from itertools import compress
from operator import is_not

from reader.gcutil import gc_paused
from reader.search import bits
from reader.search.tokens import INITIALS, prefix_end

FIELDS = ("title", "body", "author")
_INITIALS = frozenset(INITIALS)

_CACHE_SIZE = 256


class WordIndex:
    """Postings of the catalogue text; the reading state lives in reading_state.py."""

    def __init__(self) -> None:
        self.size = 0
        self.postings: tuple[dict[str, array[int]], ...] = ({}, {}, {})
        self.vocab: list[str] = []
        self.doclen = array("I")
        """Title + body tokens per position (for length normalisation)."""
        self._dense: dict[tuple[int, str], int] = {}
        self._words: OrderedDict[tuple[str, bool], tuple[int, int, int]] = OrderedDict()
        self.initials: dict[str, int] = {}
        """First letter or digit -> papers with a word starting with it (typing's first key)."""
        self.extras: dict[str, object] = {}
        """Caches of other modules (related papers), dropped on every change."""

    # building ------------------------------------------------------------
    def add(self, docs: Sequence[bytes]) -> None:
        """Index papers at the next positions (library order), from their folded text
        (folding.encode: ` title \x02 body \x03 authors `, words between spaces)."""
        if not docs:
            return
        from reader.search import csr, word_build  # numpy: imported once a build is asked for

        with gc_paused():  # millions of small objects: the GC would rescan them in vain
            built = word_build.build(docs, self.size)
            self.doclen.frombytes(built.doclen.tobytes())
            if self.size:
                self.size = built.size
                self._merge(csr.postings(built))
                return
            self.size = built.size
            # the initials before the postings: a lower memory peak
            self.initials = csr.initials(built)
            self.postings, self.vocab = csr.postings(built), csr.vocab(built)
            self.extras.clear()
            self._words.clear()

    def _merge(self, new: tuple[dict[str, array[int]], ...]) -> None:
        added_terms: set[str] = set()
        by_initial: defaultdict[str, list[array[int]]] = defaultdict(list)
        for fresh in new:
            for term, positions in fresh.items():
                if term[0] in _INITIALS:
                    by_initial[term[0]].append(positions)
        for initial, lists in by_initial.items():
            self.initials[initial] = (self.initials.get(initial, 0)
                                      | bits.union_positions(lists, self.size))
        for field, fresh in enumerate(new):
            postings = self.postings[field]
            for term, positions in fresh.items():
                old = postings.get(term)
                if old is None:
                    postings[term] = positions
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

    def replace(self, pos: int, old: bytes, new: bytes) -> None:
        """Re-index one paper whose folded text changed from `old` to `new` (rare: a
        metadata merge); the same words and length as a build from `new`."""
        for field, (before, after) in enumerate(zip(_doc_terms(old), _doc_terms(new),
                                                    strict=True)):
            postings = self.postings[field]
            for term in before - after:
                arr = postings.get(term)
                i = bisect_left(arr, pos) if arr is not None else 0
                if arr is None or i == len(arr) or arr[i] != pos:
                    continue
                del arr[i]
                self._dense.pop((field, term), None)
                if not arr:
                    del postings[term]
            self._add_vocab(after - before)
            for term in after - before:
                arr = postings.setdefault(term, array("I"))
                arr.insert(bisect_left(arr, pos), pos)
                self._dense.pop((field, term), None)
        bit = 1 << pos
        now = {t[0] for field in _doc_terms(new) for t in field}
        for initial in _INITIALS:
            mask = self.initials.get(initial, 0) & ~bit
            if initial in now:
                self.initials[initial] = mask | bit
            elif mask:
                self.initials[initial] = mask
            else:
                self.initials.pop(initial, None)  # as a build leaves it
        self.doclen[pos] = _doc_length(*_doc_fields(new)[:2])
        self._words.clear()
        self.extras.clear()

    def catch_up(self, was: Sequence[bytes], now: Sequence[bytes]) -> None:
        """Bring this index, built from the texts `was`, to the texts `now`: the papers
        whose text was replaced since re-indexed, the papers added since indexed."""
        for pos in compress(range(len(was)), map(is_not, was, now)):
            self.replace(pos, was[pos], now[pos])
        self.add(now[len(was):])

    def drop_caches(self) -> None:
        self._words.clear()

    def has_cached(self, word: str, prefix: bool) -> bool:
        return (word, prefix) in self._words

    # lookups ---------------------------------------------------------------
    def terms(self, word: str, prefix: bool) -> list[str]:
        """Vocabulary words equal to `word`, or starting with it when `prefix`."""
        vocab = self.vocab
        lo = bisect_left(vocab, word)
        if not prefix:
            return [word] if lo < len(vocab) and vocab[lo] == word else []
        return vocab[lo:bisect_left(vocab, prefix_end(word), lo)]

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

    def field_mask(self, field: int, word: str, prefix: bool) -> int:
        """The papers holding `word` in one field (0 title, 2 authors): no union of
        the abstracts' postings, the costly part of `word_masks`."""
        hit = self._words.get((word, prefix))
        if hit is not None and field != 1:
            return hit[1] if field == 0 else hit[2]
        return self._field_mask(field, self.terms(word, prefix))

    def _field_mask(self, field: int, terms: list[str]) -> int:
        postings = self.postings[field]
        dense_min = max(512, self.size >> 6)
        mask = 0
        small: list[array[int]] = []
        total = 0
        dense = self._dense
        for term in terms:
            arr = postings.get(term)
            if arr is None:
                continue
            if len(arr) >= dense_min:  # a common word: its mask is kept once made
                known = dense.get((field, term))
                if known is not None:
                    mask |= known
                    continue
                if len(terms) == 1:
                    mask |= self._dense_mask(field, term, arr)
                    continue
            small.append(arr)  # one pass over every list beats a mask per common word
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

    def df(self, term: str) -> int:
        """Papers whose title or body holds `term` (a lower bound: the fields overlap)."""
        t, b = self.postings[0].get(term), self.postings[1].get(term)
        return max(len(t) if t else 0, len(b) if b else 0)


def _doc_fields(doc: bytes) -> tuple[list[str], list[str], list[str]]:
    """The title, body and author words of a folded text, as word_build.py splits it."""
    title, _, rest = doc.decode("utf-8").partition("\x02")
    body, _, authors = rest.partition("\x03")
    return title.split(), body.split(), authors.split()


def _doc_length(title: list[str], body: list[str]) -> int:
    """A paper's length for related papers: its title and body words, the 2 markers."""
    return len(title) + len(body) + 2


def _doc_terms(doc: bytes) -> tuple[set[str], set[str], set[str]]:
    """The terms word_build.py indexes for each field of a folded text (no markers)."""
    return tuple(set(words).difference("\x01\x02\x03")  # type: ignore[return-value]
                 for words in _doc_fields(doc))
