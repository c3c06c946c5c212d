"""SearchIndex: build once per library load, update on each change, query per keystroke.

A paper is a position (library order); a query is an AND/NOT of masks (ints, a
bit per position): filters from per-value masks, words from the word index
(word_index.py) once it is there, else from scans of the folded text (scan.py),
plus tags and notes (reading_state.py); phrases are checked on the folded text
(one term at a time: terms.py). Ranked by tiers (rank.py) or sorted, ties in
library order.

The word index has one way in (`word_index()`, which `prepare()` and related
papers call, off the UI thread): read from its cache file when that file holds
these papers' texts, else built by numpy (word_build.py), always from a snapshot of
the texts taken under the lock and never changed by anyone else meanwhile. Then,
under the lock again, the papers changed or added since the snapshot are applied
to it and it is swapped in whole. Edits (`add`, `update`) take the lock for the
time they change the text (and the word index once there), so a swap never misses
one.

    index = SearchIndex(entries)   # the folded text: search works (by scanning)
    index.prepare(cache)           # in the same worker: the word index, related papers
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from pathlib import Path

from reader.errors import UnknownPaperError
from reader.gcutil import gc_paused
from reader.model import Entry
from reader.search import bits, foryou, persist, rank, textless
from reader.search.query import Query, Term, parse_query
from reader.search.reading_state import ReadingStateIndex
from reader.search.related import Stats, related_in
from reader.search.scan import TextScan
from reader.search.terms import TermMatching
from reader.search.tokens import fold_text
from reader.search.word_index import WordIndex

SCAN_LIMIT = 3000
"""Up to this many papers in play, scanning their text beats combining word postings."""


class SearchIndex(TermMatching):
    def __init__(self, entries: Iterable[Entry], *, cache: Path | None = None) -> None:
        """Index `entries` for searching by scans; `cache`: the word index's cache file
        (persist.cache_file of the library), read or written when the word index is
        wanted."""
        self._entries: list[Entry] = []
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._alive = 0
        self.text = TextScan()
        self.state = ReadingStateIndex()
        self.words: WordIndex | None = None
        self._title_keys: list[str] | None = None
        self.scan_limit = SCAN_LIMIT
        self.cache = cache
        self._lock = threading.Lock()
        """Held while the text changes, and while a word index built from a snapshot of
        it is brought up to date and swapped in."""
        self._build: Future[WordIndex] | None = None
        """The word index being built (another thread asking for it waits for this one)."""
        self._phrases: OrderedDict[tuple[tuple[str, ...], bool], tuple[int, int, int]] = (
            OrderedDict())
        """(words, prefix) -> (scope, papers of the scope with the phrase, with it in title)."""
        self.add(entries)

    @classmethod
    def over_words(cls, ids: list[str], alive: int, words: WordIndex,
                   state: ReadingStateIndex) -> SearchIndex:
        """Searching a saved word index and reading states alone (see textless.py)."""
        index = cls([])
        index._ids, index._alive, index.words, index.state = ids, alive, words, state
        index.scan_limit, (index.text, index._entries) = 0, textless.missing()  # never a scan
        return index

    def __len__(self) -> int:
        return len(self._pos)

    def __contains__(self, paper_id: object) -> bool:
        return paper_id in self._pos

    # keeping up to date ------------------------------------------------------
    def add(self, entries: Iterable[Entry]) -> None:
        """Index new papers after the others (known ids are updated instead; an id
        repeated among `entries` keeps its first place and its last text)."""
        first = len(self._ids)
        fresh: list[Entry] = []
        for entry in entries:
            pid = entry.paper.id
            pos = self._pos.get(pid)
            if pos is None:
                self._pos[pid] = len(self._ids)
                self._ids.append(pid)
                self._entries.append(entry)
                fresh.append(entry)
            elif pos >= first:  # repeated in this batch: not indexed yet
                self._entries[pos] = fresh[pos - first] = entry
            else:
                self.update(entry)
        if not fresh:
            return
        self._phrases.clear()
        start = self.text.size
        with gc_paused():  # a few objects per paper, long-lived: the GC would rescan them in vain
            with self._lock:
                self.text.add(fresh)
                if self.words is not None:  # from the folded texts, as the first build
                    self.words.add(self.text.docs[start:])
            self.state.add([e.state for e in fresh])
        self._alive |= bits.full(len(fresh)) << start
        self._title_keys = None

    def update(self, entry: Entry) -> None:
        """Take a changed entry (status, rating, tags, note; rarely its metadata)."""
        pos = self._pos.get(entry.paper.id)
        if pos is None:
            self.add([entry])
            return
        old = self._entries[pos]
        self._phrases.clear()
        if old.paper != entry.paper:
            with self._lock:
                before = self.text.docs[pos]
                self.text.replace(pos, entry)
                if self.words is not None:
                    self.words.replace(pos, before, self.text.docs[pos])
            self._title_keys = None
        if old.state != entry.state:
            self.state.set(pos, entry.state)
        self._entries[pos] = entry

    def remove(self, paper_id: str) -> None:
        """Forget a paper (unknown ids are ignored)."""
        pos = self._pos.pop(paper_id, None)
        if pos is not None:
            self._alive &= ~(1 << pos)
            self._phrases.clear()

    def position(self, paper_id: str) -> int:
        pos = self._pos.get(paper_id)
        if pos is None:
            raise UnknownPaperError(f"no paper {paper_id!r} in the search index")
        return pos

    def entry_at(self, pos: int) -> Entry:
        return self._entries[pos]

    def drop_caches(self) -> None:
        """Forget cached word results (benchmarks use it to measure cold queries)."""
        self.text.drop_caches()
        if self.words is not None:
            self.words.drop_caches()

    @property
    def alive(self) -> int:
        return self._alive

    # the word index ------------------------------------------------------------
    def word_index(self) -> WordIndex:
        """The word index of these papers: read from `self.cache` when that file holds
        them, else built (slow for a big library: call it in a worker)."""
        words = self.words
        if words is not None:
            return words
        with self._lock:
            if self.words is not None:
                return self.words
            build = self._build
            if build is None:  # this thread builds it
                self._build = mine = Future[WordIndex]()
                docs = list(self.text.docs)  # the snapshot (bytes never change)
        if build is not None:  # another thread builds it
            return build.result()
        try:
            words = words_for(docs, self.cache)
            with self._lock:
                words.catch_up(docs, self.text.docs)
                self.words, self._build = words, None
        except BaseException as exc:
            with self._lock:
                self._build = None
            mine.set_exception(exc)
            raise
        mine.set_result(words)
        return words

    def prepare(self, cache: Path | None = None) -> None:
        """The word index and the statistics related papers use (call it in a worker).

        `cache` (persist.cache_file of the library): see `word_index`; a word index
        built for a library of persist.MIN_SIZE papers or more is written there."""
        if cache is not None:
            self.cache = cache
        Stats.of(self.word_index(), len(self)).length_norms()

    # related papers -------------------------------------------------------------
    def related(self, paper_id: str, k: int = 10) -> list[tuple[str, float]]:
        """The `k` papers closest to `paper_id` by title and abstract, with a score."""
        pos = self.position(paper_id)
        if k <= 0:
            return []
        ids = self._ids
        found = related_in(self.word_index(), len(self), self._alive, self.entry_at, pos, k)
        return [(ids[p], s) for p, s in found]

    # searching -----------------------------------------------------------------
    def search(self, query: Query | str) -> list[str]:
        """Matching ids: ranked, or in `sort:` order; an empty query gives all ids."""
        q = parse_query(query) if isinstance(query, str) else query
        mask, words = self._evaluate(q, ranking=q.sort is None)
        if q.sort == "foryou":
            return self.for_you(rank.ranked(self._ids, mask, words), q)
        if q.sort is not None:
            positions = self._sorted(bits.to_positions(mask), q.sort, q.sort_reversed)
            return list(map(self._ids.__getitem__, positions))
        return rank.ranked(self._ids, mask, words)

    def count(self, query: Query | str) -> int:
        q = parse_query(query) if isinstance(query, str) else query
        return self._evaluate(q, ranking=False)[0].bit_count()

    def _evaluate(self, q: Query, ranking: bool) -> tuple[int, list[tuple[float, rank.Tiers]]]:
        """The mask of matching positions, and each positive term's ranking tiers."""
        mask = self._alive
        for flt in q.filters:
            if flt.kind != "author":
                fmask = self.state.filter_mask(flt, self.text)
                mask = mask & ~fmask if flt.negated else mask & fmask
        for flt in q.filters:
            if flt.kind == "author" and mask:
                found = self._authors(flt, mask)
                mask = mask & ~found if flt.negated else found
        weights: list[tuple[Term, float, int]] = []
        for term in q.terms:
            if not term.phrase and mask:
                before = mask.bit_count()
                mask = self._word(term.words[0], term.prefix, mask)
                weights.append((term, math.log(1 + before / max(mask.bit_count(), 1)), 0))
        for term in q.excluded:
            if not term.phrase and mask:
                mask &= ~self._word(term.words[0], term.prefix, mask)
        for term in q.terms:
            if term.phrase and mask:
                before = mask.bit_count()
                mask, titled = self._phrase(term, mask)
                weights.append((term, math.log(1 + before / max(mask.bit_count(), 1)), titled))
        for term in q.excluded:
            if term.phrase and mask:
                mask &= ~self._phrase(term, mask)[0]
        if not (ranking and mask):
            return mask, []
        return mask, [(w, self._tiers(term, mask, titled)) for term, w, titled in weights]

    def for_you(self, ids: list[str], q: Query | None = None) -> list[str]:
        """`ids` most like the papers the user kept first (foryou.py); with no
        decisions yet, `ids` unchanged and a note in `q.notes`."""
        pos = self._pos
        positions = [pos[i] for i in ids if i in pos]
        ordered, note = foryou.order(self, positions)
        if note and q is not None:
            q.notes.append(note)
        return list(map(self._ids.__getitem__, ordered))

    def for_you_reason(self, paper_id: str) -> str:
        """Why `paper_id` is where it is in the for-you order (one line, or "")."""
        return foryou.reason(self, self.position(paper_id))

    # sorting -----------------------------------------------------------------------
    def _sorted(self, positions: list[int], sort: str, reverse: bool) -> list[int]:
        """Sort ascending positions by `sort`; papers without the value go last."""
        text = self.text
        if sort == "title":
            if self._title_keys is None:
                self._title_keys = [fold_text(t) for t in text.titles]
            positions.sort(key=self._title_keys.__getitem__, reverse=reverse)
            return positions
        values = {"rating": self.state.rating, "year": text.year}.get(sort, text.added)
        return rank.sort_by(positions, values.__getitem__, descending=not reverse)


def words_for(docs: Sequence[bytes], cache: Path | None) -> WordIndex:
    """The word index of the papers whose folded texts are `docs`: read from `cache`
    when it holds their first papers (the others added), else built; written to
    `cache` when it did not hold them all and the library is big enough to gain."""
    words = persist.load(cache, docs) if cache is not None else None
    if words is None:
        words = WordIndex()
    held = words.size
    words.add(docs[held:])
    if cache is not None and held < len(docs) and len(docs) >= persist.MIN_SIZE:
        persist.save(cache, persist.dump(words, docs))
    return words

