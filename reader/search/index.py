"""SearchIndex: build once per library load, update on each change, query per keystroke.

Every paper has a position (library order). A query becomes an AND/NOT of masks
(Python ints, one bit per position): filters and words come from the catalogue
and state indexes, phrases are checked on the papers left. Results are ranked
(title matches first, rarer words weigh more) or sorted, ties in library order.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.errors import UnknownPaperError
from reader.model import Entry
from reader.search import bits
from reader.search.catalogue import Catalogue
from reader.search.match import phrase_fields, phrase_in, phrase_pattern
from reader.search.query import Filter, Query, Term, parse_query
from reader.search.state import StateIndex
from reader.search.tokens import fold_text

# Extra weight of a match, per field, over a match in the abstract (weight 1).
TITLE_BONUS = 2.0
TAG_AUTHOR_BONUS = 1.0
NOTE_BONUS = 0.5


@dataclass(slots=True)
class _Hits:
    """Masks of the papers holding one search word, by where it was found."""

    all: int
    title: int = 0
    author_or_tag: int = 0
    note: int = 0


class SearchIndex:
    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries: list[Entry] = []
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._alive = 0
        self.catalogue = Catalogue()
        self.state = StateIndex()
        self._title_keys: list[str] | None = None
        self.add(entries)

    def __len__(self) -> int:
        return len(self._pos)

    def __contains__(self, paper_id: object) -> bool:
        return paper_id in self._pos

    # keeping up to date ------------------------------------------------------
    def add(self, entries: Iterable[Entry]) -> None:
        """Index new papers after the others (known ids are updated instead)."""
        fresh: list[Entry] = []
        for entry in entries:
            pid = entry.paper.id
            if pid in self._pos:
                self.update(entry)
                continue
            self._pos[pid] = len(self._ids)
            self._ids.append(pid)
            self._entries.append(entry)
            fresh.append(entry)
        if not fresh:
            return
        start = self.catalogue.size
        collecting = gc.isenabled()
        gc.disable()  # millions of small objects: the cyclic GC would rescan them in vain
        try:
            self.catalogue.add(fresh)
            self.state.add([e.state for e in fresh])
        finally:
            if collecting:
                gc.enable()
        self._alive |= bits.full(len(fresh)) << start
        self._title_keys = None

    def update(self, entry: Entry) -> None:
        """Take a changed entry (status, rating, tags, note; rarely its metadata)."""
        pos = self._pos.get(entry.paper.id)
        if pos is None:
            self.add([entry])
            return
        old = self._entries[pos]
        if old.paper != entry.paper:
            self.catalogue.replace(pos, old, entry)
            self._title_keys = None
        if old.state != entry.state:
            self.state.set(pos, entry.state)
        self._entries[pos] = entry

    def remove(self, paper_id: str) -> None:
        """Forget a paper (unknown ids are ignored)."""
        pos = self._pos.pop(paper_id, None)
        if pos is not None:
            self._alive &= ~(1 << pos)

    def position(self, paper_id: str) -> int:
        pos = self._pos.get(paper_id)
        if pos is None:
            raise UnknownPaperError(f"no paper {paper_id!r} in the search index")
        return pos

    def id_at(self, pos: int) -> str:
        return self._ids[pos]

    def entry_at(self, pos: int) -> Entry:
        return self._entries[pos]

    @property
    def alive(self) -> int:
        return self._alive

    # searching -----------------------------------------------------------------
    def search(self, query: Query | str) -> list[str]:
        """Matching ids: ranked, or in `sort:` order; an empty query gives all ids."""
        q = parse_query(query) if isinstance(query, str) else query
        ids = self._ids
        return [ids[p] for p in self.search_positions(q)]

    def count(self, query: Query | str) -> int:
        q = parse_query(query) if isinstance(query, str) else query
        return self._evaluate(q)[0].bit_count()

    def related(self, paper_id: str, k: int = 10) -> list[tuple[str, float]]:
        """The `k` papers closest to `paper_id` by title and abstract, with a score."""
        from reader.search.related import related

        ids = self._ids
        return [(ids[p], s) for p, s in related(self, self.position(paper_id), k)]

    def search_positions(self, q: Query) -> list[int]:
        mask, scores = self._evaluate(q)
        if q.sort is not None:
            return self._sorted(bits.to_positions(mask), q.sort, q.sort_reversed)
        if not scores:
            return bits.to_positions(mask)
        ranked = sorted(scores, key=lambda p: (-scores[p], p))
        rest = mask & ~bits.from_positions(sorted(scores), self.catalogue.size)
        return ranked + bits.to_positions(rest)

    def _evaluate(self, q: Query) -> tuple[int, dict[int, float]]:
        """The mask of matching positions and the ranking bonus of some of them."""
        mask = self._alive
        later: list[Filter] = []
        for flt in q.filters:
            if flt.kind == "author" and len(flt.words) > 1:
                later.append(flt)
                continue
            fmask = self._filter_mask(flt)
            mask = mask & ~fmask if flt.negated else mask & fmask
        words = [(t, self._word(t.words[0], t.prefix)) for t in q.terms if not t.phrase]
        for _, hits in words:
            mask &= hits.all
        for term in q.excluded:
            if not term.phrase:
                mask &= ~self._word(term.words[0], term.prefix).all
        for flt in later:
            found = self._authors(flt, mask & self._filter_mask(flt))
            mask = mask & ~found if flt.negated else found
        phrase_titles: list[tuple[Term, int, int]] = []
        for term in q.terms:
            if term.phrase and mask:
                mask, title, count = self._phrase(term, mask)
                phrase_titles.append((term, title, count))
        for term in q.excluded:
            if term.phrase and mask:
                mask &= ~self._phrase(term, mask)[0]
        scores: dict[int, float] = {}
        if q.sort is None and mask and (words or phrase_titles):
            self._score(mask, words, phrase_titles, scores)
        return mask, scores

    def _score(self, mask: int, words: list[tuple[Term, _Hits]],
               phrases: list[tuple[Term, int, int]], scores: dict[int, float]) -> None:
        total = max(len(self._pos), 1)
        get = scores.get
        for _, hits in words:
            idf = math.log(1 + total / max(hits.all.bit_count(), 1))
            title = hits.title & mask
            other = hits.author_or_tag & mask & ~title
            note = hits.note & mask & ~title & ~other
            for part, bonus in ((title, TITLE_BONUS), (other, TAG_AUTHOR_BONUS),
                                (note, NOTE_BONUS)):
                if part:
                    add = idf * bonus
                    for p in bits.to_positions(part):
                        scores[p] = get(p, 0.0) + add
        for _, title, count in phrases:
            add = math.log(1 + total / max(count, 1)) * TITLE_BONUS
            for p in bits.to_positions(title & mask):
                scores[p] = get(p, 0.0) + add

    def _word(self, word: str, prefix: bool) -> _Hits:
        any_, title, author = self.catalogue.word_masks(word, prefix)
        tags, note = self.state.word_masks(word, prefix)
        return _Hits(any_ | tags | note, title, author | tags, note)

    def _filter_mask(self, flt: Filter) -> int:
        """The mask of papers the filter holds for (before negation)."""
        kind, st, cat = flt.kind, self.state, self.catalogue
        if kind == "status":
            return st.status_masks.get(flt.value, 0)
        if kind == "tag":
            return st.tag_mask(flt.value)
        if kind == "rating":
            return st.rating_mask(flt.lo or 0, flt.hi or 0)
        if kind == "year":
            return cat.year_mask(flt.lo, flt.hi)
        if kind == "author":
            mask = -1
            for word in flt.words:
                mask &= cat.word_masks(word, True)[2]
            return mask
        return {"note": st.note, "tags": st.tags, "rating": ~st.rating_masks[0],
                "code": cat.code, "abstract": cat.abstract}.get(flt.value, cat.link)

    def _authors(self, flt: Filter, candidates: int) -> int:
        """Candidates with one author holding all the filter's words."""
        from reader.search.match import filter_matches

        plain = Filter("author", False, words=flt.words)
        found = [p for p in bits.to_positions(candidates)
                 if filter_matches(plain, self._entries[p])]
        return bits.from_positions(found, self.catalogue.size)

    def _phrase(self, term: Term, mask: int) -> tuple[int, int, int]:
        """(mask ∩ papers with the phrase, those with it in the title, phrase count)."""
        candidates = mask
        last = len(term.words) - 1
        for i, word in enumerate(term.words):
            candidates &= self._word(word, term.prefix and i == last).all
            if not candidates:
                return 0, 0, 0
        pattern = phrase_pattern(term)
        search = pattern.search
        found: list[int] = []
        in_title: list[int] = []
        entries = self._entries
        for p in bits.to_positions(candidates):
            entry = entries[p]
            if search(fold_text(entry.paper.title)):
                in_title.append(p)
                found.append(p)
            elif phrase_in(pattern, phrase_fields(entry)[1:]):
                found.append(p)
        size = self.catalogue.size
        return (bits.from_positions(found, size), bits.from_positions(in_title, size),
                len(found))

    # sorting -----------------------------------------------------------------------
    def _sorted(self, positions: list[int], sort: str, reverse: bool) -> list[int]:
        """Sort ascending positions by `sort`; papers without the value go last."""
        cat = self.catalogue
        if sort == "title":
            if self._title_keys is None:
                self._title_keys = [fold_text(t) for t in cat.titles]
            positions.sort(key=self._title_keys.__getitem__, reverse=reverse)
            return positions
        key: Callable[[int], object]
        if sort == "rating":
            key = self.state.rating.__getitem__
        elif sort == "year":
            key = cat.year.__getitem__
        else:
            key = cat.added.__getitem__
        with_value = [p for p in positions if key(p)]
        without = [p for p in positions if not key(p)]
        with_value.sort(key=key, reverse=not reverse)
        return with_value + without
