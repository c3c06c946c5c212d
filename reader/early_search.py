"""Searching a big library before its catalogue is parsed.

The app can only search once it has parsed the catalogue and indexed every
paper's text, seconds after the first titles are on screen. A query typed
meanwhile is answered from what needs no parse: a glance (store/glance.py: the
ids in library order and the reading states) and the word index saved by an
earlier load, vouched for this very catalogue file (the search package's cache
file: the postings of every paper's title, abstract and authors). That holds the
common queries: words, word prefixes, excluded words, and filters on the reading
state (status, tag, rating, has:note/tags/rating), ranked as the full index
ranks them, on the status and tag shelves and All.

Anything else (a phrase, an author, a year, a sort, a saved search's shelf) is
not answered here (None): the caller waits for the full index. An answer given
here is the one the full index gives: SearchIndex evaluates the same masks with
the same ranking (tests check the two agree on a set of queries).
"""

from __future__ import annotations

import math
from pathlib import Path

from reader.model import Status
from reader.search import bits, persist, rank
from reader.search.query import Filter, Query, Term, parse_query
from reader.search.reading_state import ReadingStateIndex
from reader.search.terms import AUTHOR_TAG_BONUS, NOTE_BONUS, TITLE_BONUS
from reader.search.word_index import WordIndex
from reader.store.glance import Glance

STATE_FILTERS = {"status", "tag", "rating"}
HAS = {"note", "tags", "rating"}
"""The `has:` filters that look at the reading state only."""
SHOWN = 1000
"""Entries handed over with an answer (the rows a list shows and measures first)."""


class Unanswered(Exception):
    """The query needs what only the full index has."""


class StoredStates:
    """The reading-state masks of the library, from its stored states alone.

    The state index of every paper (ReadingStateIndex) costs a pass over all of them; most
    papers of a big library have the default state (new, unrated, no tag, no note),
    so this indexes the few stored ones and places their masks at their positions.
    """

    def __init__(self, glance: Glance) -> None:
        ids, states = glance.ids, glance.states
        self.size = len(ids)
        self.rows = sorted(row for row in map(glance.row_of, states) if row is not None)
        """The library positions of the papers with a stored state."""
        self.local = ReadingStateIndex()
        self.local.add([states[ids[row]] for row in self.rows])
        self.stored = bits.from_positions(self.rows, self.size)
        self.default = bits.full(self.size) & ~self.stored
        """The papers in the default state."""

    def _placed(self, local: int) -> int:
        rows = self.rows
        local &= bits.full(len(rows))
        return bits.from_positions([rows[p] for p in bits.to_positions(local)], self.size)

    def status_mask(self, value: str) -> int:
        found = self._placed(self.local.status_masks.get(value, 0))
        return found | self.default if value == Status.NEW.value else found

    def tag_mask(self, tag: str) -> int:
        return self._placed(self.local.tag_mask(tag))

    def rating_mask(self, lo: int, hi: int) -> int:
        found = self._placed(self.local.rating_mask(lo, hi))
        return found | self.default if max(lo, 0) == 0 <= min(hi, 5) else found  # unrated

    def has_mask(self, value: str) -> int:
        local = self.local
        return self._placed({"note": local.note, "tags": local.tags,
                             "rating": ~local.rating_masks[0]}[value])

    def word_masks(self, word: str, prefix: bool) -> tuple[int, int]:
        tags, note = self.local.word_masks(word, prefix)
        return self._placed(tags), self._placed(note)


class EarlySearch:
    def __init__(self, glance: Glance, words: WordIndex) -> None:
        self.glance = glance
        self.ids = glance.ids
        self.words = words
        self.state = StoredStates(glance)

    @classmethod
    def load(cls, db_path: Path, glance: Glance) -> EarlySearch | None:
        """The early search of the library at `db_path`, or None when no word index
        was vouched for its catalogue file (or it is not the glance's size)."""
        words = persist.load_vouched_lazily(persist.cache_file(db_path), glance.token)
        if words is None or words.size != len(glance.ids):
            return None
        return cls(glance, words)

    # what LibraryView.visible gives, for the shelves it can hold ---------------------
    def answers(self, shelf_key: str, text: str) -> bool:
        """Whether `visible` answers `text` on the shelf `shelf_key` (cheap: the query
        is parsed, not run)."""
        if not text.strip() or not (shelf_key == "all" or shelf_key.startswith(
                ("status:", "tag:"))):
            return False
        q = parse_query(text.strip())
        if q.sort is not None or any(t.phrase for t in (*q.terms, *q.excluded)):
            return False
        if not all(f.kind in STATE_FILTERS or (f.kind == "has" and f.value in HAS)
                   for f in q.filters):
            return False
        initials = self.words.initials
        return all(t.words[0] in initials for t in (*q.terms, *q.excluded)
                   if t.prefix and len(t.words[0]) == 1)

    def visible(self, shelf_key: str, text: str) -> tuple[list[str], Query, int] | None:
        """(ids shown on the shelf `shelf_key` for the typed `text`, in the default
        order; the parsed query; how many All holds when the shelf holds none, else 0),
        or None when the full index must answer (see `answers`)."""
        if not self.answers(shelf_key, text):
            return None
        query = parse_query(text.strip())
        try:
            found = self.search(query)
        except Unanswered:
            return None
        ids = [pid for pid in found if self._holds(shelf_key, pid)]
        elsewhere = len(found) if not ids and shelf_key != "all" else 0
        return ids, query, elsewhere

    def _holds(self, shelf_key: str, pid: str) -> bool:
        if shelf_key == "all":
            return True
        state = self.glance.state(pid)
        if shelf_key.startswith("status:"):
            return state.status.value == shelf_key[7:]
        return shelf_key[4:] in state.tags

    # what SearchIndex.search gives ----------------------------------------------------
    def search(self, q: Query) -> list[str]:
        """Matching ids, ranked; Unanswered for what needs the full index."""
        if q.sort is not None or any(t.phrase for t in (*q.terms, *q.excluded)):
            raise Unanswered
        mask = bits.full(len(self.ids))
        for flt in q.filters:
            fmask = self._filter(flt)
            mask = mask & ~fmask if flt.negated else mask & fmask
        weights: list[tuple[Term, float]] = []
        for term in q.terms:
            if mask:
                before = mask.bit_count()
                mask = self._word(term.words[0], term.prefix, mask)
                weights.append((term, math.log(1 + before / max(mask.bit_count(), 1))))
        for term in q.excluded:
            if mask:
                mask &= ~self._word(term.words[0], term.prefix, mask)
        if not mask:
            return []
        tiers = [(w, self._tiers(term, mask)) for term, w in weights]
        return rank.ranked(self.ids, mask, tiers)

    def _filter(self, flt: Filter) -> int:
        state = self.state
        if flt.kind == "status":
            return state.status_mask(flt.value)
        if flt.kind == "tag":
            return state.tag_mask(flt.value)
        if flt.kind == "rating":
            return state.rating_mask(flt.lo or 0, flt.hi or 0)
        if flt.kind == "has" and flt.value in HAS:
            return state.has_mask(flt.value)
        raise Unanswered

    def _word(self, word: str, prefix: bool, scope: int) -> int:
        tags, note = self.state.word_masks(word, prefix)
        if prefix and len(word) == 1:  # the first key typed: precomputed, else scanned
            found = self.words.initials.get(word, -1)
            if found == -1:
                raise Unanswered
        else:
            found = self.words.word_masks(word, prefix)[0]
        return (found | tags | note) & scope

    def _tiers(self, term: Term, mask: int) -> rank.Tiers:
        word, prefix = term.words[0], term.prefix
        if prefix and len(word) <= 1:
            return [(0.0, mask)]  # a first letter says little about relevance
        _, title, author = self.words.word_masks(word, prefix)
        tags, note = self.state.word_masks(word, prefix)
        return rank.partition(mask, [(TITLE_BONUS, title & mask),
                                     (AUTHOR_TAG_BONUS, (author & mask) | tags),
                                     (NOTE_BONUS, note)])
