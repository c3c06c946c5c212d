"""SearchIndex: build once per library load, update on each change, query per keystroke.

A paper is a position (library order); a query is an AND/NOT of masks (ints, a
bit per position): filters from per-value masks, words from the word index
(catalogue.py) once `prepare()` built it, else from scans of the folded text
(scan.py), plus tags and notes (state.py); phrases are checked on the folded
text (one term at a time: terms.py). Ranked by tiers (rank.py) or sorted, ties in
library order. How the word index is built, or read from its cache file:
building.py.

    index = SearchIndex(entries)   # ~2 s at 100k: search works (by scanning)
    index.prepare()                # seconds at 100k, in the same worker: word index
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from reader.errors import UnknownPaperError
from reader.gcutil import gc_paused
from reader.model import Entry
from reader.search import bits, rank
from reader.search import offload as helper
from reader.search.building import WordIndexBuilding
from reader.search.catalogue import Catalogue
from reader.search.query import Query, Term, parse_query
from reader.search.scan import TextScan
from reader.search.state import StateIndex
from reader.search.terms import TermMatching
from reader.search.tokens import fold_text

SCAN_LIMIT = 3000
"""Up to this many papers in play, scanning their text beats combining word postings."""


class SearchIndex(TermMatching, WordIndexBuilding):
    def __init__(self, entries: Iterable[Entry], *, ahead: bool = False) -> None:
        """Index `entries` for searching by scans; `ahead`: the word index will be wanted
        soon (`prepare()`, the app): for a big library, start building it at once in a
        helper process (offload.py), beside the text scan."""
        self._entries: list[Entry] = []
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._alive = 0
        self.text = TextScan()
        self.state = StateIndex()
        self.words: Catalogue | None = None
        self._title_keys: list[str] | None = None
        self.scan_limit = SCAN_LIMIT
        self._building = threading.Lock()
        self._text_lock = threading.Lock()
        """Held while the text and the word index change together, and while a
        finished word index is made this index's (building.py)."""
        self._rewrites = 0
        """Papers whose text was replaced (a word index built meanwhile is stale)."""
        self.cache: Path | None = None
        """The word index's cache file (persist.cache_file), when it may be used."""
        self._held = 0
        """Papers whose postings came from that file."""
        self._edits = 0
        """Odd while add/update change the text and words (a saved index must not see it)."""
        self._phrases: OrderedDict[tuple[tuple[str, ...], bool], tuple[int, int, int]] = (
            OrderedDict())
        """(words, prefix) -> (scope, papers of the scope with the phrase, with it in title)."""
        self._offload: helper.Offload | None = None
        """The word index of the first papers, being built by a helper process."""
        self._ahead = ahead
        self.from_helper = 0
        """Papers whose postings came from the helper process."""
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
        self._phrases.clear()
        start = self.text.size
        self._edits += 1
        with gc_paused():  # a few objects per paper, long-lived: the GC would rescan them in vain
            with self._text_lock:
                self._add_text(fresh)
                if self.words is not None:  # from the folded texts, as the first build
                    self.words.add(self.text.docs[start:])
            self.state.add([e.state for e in fresh])
        self._edits += 1
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
            with self._text_lock:  # not between a word index's last catch-up and its use
                self._edits += 1
                self._rewrites += 1
                offload = self._offload
                if offload is not None and pos < offload.fed:  # it has the old text
                    offload.cancel()
                    self._offload = None
                before = self.text.docs[pos]
                self.text.replace(pos, entry)
                if self.words is not None:
                    self.words.replace(pos, before, self.text.docs[pos])
                self._edits += 1
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

    # related papers -------------------------------------------------------------
    def related(self, paper_id: str, k: int = 10) -> list[tuple[str, float]]:
        """The `k` papers closest to `paper_id` by title and abstract, with a score."""
        from reader.search.related import related

        ids = self._ids
        return [(ids[p], s) for p, s in related(self, self.position(paper_id), k)]

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
        from reader.search import foryou

        pos = self._pos
        positions = [pos[i] for i in ids if i in pos]
        ordered, note = foryou.order(self, positions)
        if note and q is not None:
            q.notes.append(note)
        return list(map(self._ids.__getitem__, ordered))

    def for_you_reason(self, paper_id: str) -> str:
        """Why `paper_id` is where it is in the for-you order (one line, or "")."""
        from reader.search import foryou

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

