"""The index of the reading state: status, rating, tags and notes, by position.

Small and mutable: statuses and ratings are one mask per value, tags and note
words map to position sets (few papers have them). `set` updates one paper.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Sequence
from itertools import compress, repeat
from operator import attrgetter

from reader.model import ReadingState, Status
from reader.search import bits
from reader.search.query import Filter
from reader.search.scan import TextScan
from reader.search.tokens import prefix_end, tokenize
from reader.text import fold

_STATUS = attrgetter("status")
_RATING = attrgetter("rating")
_VALUE: dict[object, str] = {s: s.value for s in Status}


def _has_words(state: ReadingState) -> bool:
    return bool(state.tags or state.note)


def _tag_sets(tags: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(folded tags, the words of the tags)."""
    return frozenset(map(fold, tags)), frozenset(tokenize(" ".join(tags)))


class ReadingStateIndex:
    def __init__(self) -> None:
        self.size = 0
        self.status: list[str] = []
        self.rating = bytearray()
        """0 = unrated."""
        self.status_masks: dict[str, int] = {s.value: 0 for s in Status}
        self.rating_masks = [0] * 6
        self.note = 0
        self.tags = 0
        self.tag_positions: defaultdict[str, set[int]] = defaultdict(set)
        """Folded tag -> positions (for tag:x)."""
        self.words: tuple[defaultdict[str, set[int]], defaultdict[str, set[int]]] = (
            defaultdict(set), defaultdict(set))
        """Tag words and note words -> positions (for free words); read with .get."""
        self._held: dict[int, tuple[frozenset[str], frozenset[str], set[str]]] = {}
        """Position -> (folded tags, tag words, note words), for papers that have any."""
        self._vocab: list[str] | None = None

    @classmethod
    def placed(cls, size: int, rows: Sequence[int], states: Sequence[ReadingState]
               ) -> ReadingStateIndex:
        """The index of `size` papers, the one at `rows[i]` (distinct positions) in the
        state `states[i]` and every other one in the default state: what `add` of all
        `size` states gives, in a pass over `states` alone (most papers of a big library
        have the default state, and no state stored)."""
        local = cls()
        local.add(states)
        index = cls()
        index.size = size

        def place(mask: int) -> int:
            return bits.from_positions([rows[p] for p in bits.to_positions(mask)], size)

        default = bits.full(size) & ~bits.from_positions(rows, size)
        index.status = [Status.NEW.value] * size
        deque(map(index.status.__setitem__, rows, local.status), 0)
        index.rating = bytearray(size)
        deque(map(index.rating.__setitem__, rows, local.rating), 0)
        index.status_masks = {value: place(mask) for value, mask in local.status_masks.items()}
        index.status_masks[Status.NEW.value] |= default
        index.rating_masks = [place(mask) for mask in local.rating_masks]
        index.rating_masks[0] |= default
        index.note, index.tags = place(local.note), place(local.tags)
        for ours, theirs in ((index.tag_positions, local.tag_positions),
                             (index.words[0], local.words[0]), (index.words[1], local.words[1])):
            for key, positions in theirs.items():
                ours[key] = {rows[p] for p in positions}
        index._held = {rows[p]: held for p, held in local._held.items()}
        return index

    def add(self, states: Sequence[ReadingState]) -> None:
        """Index the states of the next papers (C-level passes: the whole library at load)."""
        start = self.size
        self.size += len(states)
        positions = range(start, self.size)
        values = [_VALUE.get(s, "new") for s in map(_STATUS, states)]
        self.status.extend(values)
        ratings = bytes(r if r and 0 < r <= 5 else 0 for r in map(_RATING, states))
        self.rating.extend(ratings)
        for value in set(values):
            found = compress(positions, map(value.__eq__, values))
            self.status_masks[value] |= bits.from_positions(list(found), self.size)
        for rating in set(ratings):
            found = compress(positions, map(rating.__eq__, ratings))
            self.rating_masks[rating] |= bits.from_positions(list(found), self.size)
        folded: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str]]] = {}
        """Tags -> (folded tags, tag words): a library repeats a few tag sets."""
        tagged: list[int] = []
        noted: list[int] = []
        for pos, state in compress(zip(positions, states, strict=True),
                                   map(_has_words, states)):
            key = tuple(state.tags)
            tags = folded.get(key)
            if tags is None:
                tags = folded[key] = _tag_sets(state.tags)
            self._hold(pos, state, *tags)
            if tags[0]:
                tagged.append(pos)
            if state.note.strip():
                noted.append(pos)
        self.tags |= bits.from_positions(tagged, self.size)
        self.note |= bits.from_positions(noted, self.size)

    def set(self, pos: int, state: ReadingState) -> None:
        """Take the new reading state of the paper at `pos`."""
        bit = 1 << pos
        old_status, new_status = self.status[pos], state.status.value
        if old_status != new_status:
            self.status_masks[old_status] &= ~bit
            self.status_masks[new_status] |= bit
            self.status[pos] = new_status
        rating = state.rating if state.rating and 0 < state.rating <= 5 else 0
        if rating != self.rating[pos]:
            self.rating_masks[self.rating[pos]] &= ~bit
            self.rating_masks[rating] |= bit
            self.rating[pos] = rating
        self._release(pos)
        if state.tags or state.note:
            tags = _tag_sets(state.tags)
            self._hold(pos, state, *tags)
            if tags[0]:
                self.tags |= bit
            if state.note.strip():
                self.note |= bit

    def _hold(self, pos: int, state: ReadingState, tags: frozenset[str],
              tag_words: frozenset[str]) -> None:
        """Index the words of the tags and note of the paper at `pos` (`_tag_sets` of its
        tags given: the sets are shared between papers, never changed). The callers set
        the `tags` and `note` masks (`add` once for all papers: `1 << pos` makes an int
        as long as the library)."""
        note_words = set(tokenize(state.note)) if state.note else set()
        self._held[pos] = (tags, tag_words, note_words)
        for index, words in ((self.tag_positions, tags), (self.words[0], tag_words),
                             (self.words[1], note_words)):  # C loops
            deque(map(set.add, map(index.__getitem__, words), repeat(pos)), 0)
        self._vocab = None

    def _release(self, pos: int) -> None:
        held = self._held.pop(pos, None)
        bit = 1 << pos
        self.tags &= ~bit
        self.note &= ~bit
        if held is None:
            return
        tags, tag_words, note_words = held
        for key, table in ((tags, self.tag_positions), (tag_words, self.words[0]),
                           (note_words, self.words[1])):
            for item in key:
                positions = table[item]
                positions.discard(pos)
                if not positions:
                    del table[item]
        self._vocab = None

    # lookups ----
    def filter_mask(self, flt: Filter, text: TextScan) -> int:
        """The papers a filter holds for (before negation); authors excepted."""
        kind = flt.kind
        if kind == "status":
            return self.status_masks.get(flt.value, 0)
        if kind == "tag":
            return self.tag_mask(flt.value)
        if kind == "rating":
            return self.rating_mask(flt.lo or 0, flt.hi or 0)
        if kind == "year":
            return text.year_mask(flt.lo, flt.hi)
        if kind == "key":
            return text.key_mask(flt.value)
        if kind == "cat":
            return text.cat_mask(flt.value)
        held = {"note": self.note, "tags": self.tags, "rating": ~self.rating_masks[0]}
        if flt.value in held:  # (the text is not looked at: an index without it answers)
            return held[flt.value]
        return {"code": text.code, "abstract": text.abstract}.get(flt.value, text.link)

    def tag_mask(self, tag: str) -> int:
        return bits.from_positions(sorted(self.tag_positions.get(tag, ())), self.size)

    def rating_mask(self, lo: int, hi: int) -> int:
        mask = 0
        for rating in range(max(lo, 0), min(hi, 5) + 1):
            mask |= self.rating_masks[rating]
        return mask

    def word_masks(self, word: str, prefix: bool) -> tuple[int, int]:
        """(tags, notes) masks of the papers whose tags or note hold `word`."""
        if not self._held:
            return 0, 0
        if self._vocab is None:
            self._vocab = sorted(set(self.words[0]) | set(self.words[1]))
        vocab = self._vocab
        lo = bisect_left(vocab, word)
        if prefix:
            terms = vocab[lo:bisect_left(vocab, prefix_end(word), lo)]
        else:
            terms = [word] if lo < len(vocab) and vocab[lo] == word else []
        masks = []
        for index in self.words:
            found: set[int] = set()
            for term in terms:
                found.update(index.get(term, ()))
            masks.append(bits.from_positions(sorted(found), self.size))
        return masks[0], masks[1]
