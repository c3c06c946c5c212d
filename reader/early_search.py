"""Searching a big library before its catalogue is parsed.

The app can only search once it has parsed the catalogue and indexed every
paper's text, seconds after the first titles are on screen. A query typed
meanwhile is answered from what needs no parse: a glance (store/glance.py: the
ids in library order and the reading states) and the word index an earlier load
saved and vouched for this very catalogue file (read lazily: quick_search's
saved_words). That holds the common queries: words, word prefixes, excluded
words, and filters on the reading state (status, tag, rating, has:note/tags/rating),
on the status and tag shelves and All.

The answer is SearchIndex's own: its evaluation and ranking run over the word
index and the states, with a text that raises when a query needs it (a phrase,
an author, a year, a sort...): such a query is not answered here (None), and the
caller waits for the full index. (`reader list --query` does the same for the CLI,
quick_search/listing.py.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from reader.model import Status
from reader.quick_search import saved_words
from reader.search import bits, persist
from reader.search.query import Filter, Query, parse_query
from reader.search.reading_state import ReadingStateIndex
from reader.search.search_index import SearchIndex
from reader.search.word_index import WordIndex
from reader.store.glance import Glance
from reader.store.light import Stale

STATE_FILTERS = {"status", "tag", "rating"}
HAS = {"note", "tags", "rating"}
"""The `has:` filters that look at the reading state only."""
SHOWN = 1000
"""Entries handed over with an answer (the rows a list shows and measures first)."""
_SET = ("_ids", "_alive", "_entries", "text", "words", "scan_limit", "state")
"""The SearchIndex attributes set here (checked to exist: a renamed one must not leave
an empty index answering)."""


class Unanswered(Exception):
    """The query needs what only the full index has (the papers' text)."""


class _NoText:
    """Stands for the text scan and the entries: any use raises Unanswered."""

    def __getattr__(self, name: str) -> NoReturn:
        raise Unanswered(name)

    def __getitem__(self, key: object) -> NoReturn:
        raise Unanswered("entries")

    def __len__(self) -> NoReturn:
        raise Unanswered("entries")


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

    def filter_mask(self, flt: Filter, text: Any) -> int:
        """ReadingStateIndex.filter_mask: what the states hold; the rest from `text`."""
        if flt.kind == "status":
            return self.status_mask(flt.value)
        if flt.kind == "tag":
            return self.tag_mask(flt.value)
        if flt.kind == "rating":
            return self.rating_mask(flt.lo or 0, flt.hi or 0)
        if flt.kind == "has" and flt.value in HAS:
            return self.has_mask(flt.value)
        raise Unanswered(flt.kind)

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
        index = self.index = SearchIndex([])
        if any(name not in vars(index) for name in _SET):
            raise Unanswered("SearchIndex changed")  # (load() then gives None)
        index.state = StoredStates(glance)  # type: ignore[assignment]
        index.words = words
        index.scan_limit = 0  # always the word index (scans give the same, from text)
        index.text = _NoText()  # type: ignore[assignment]
        index._entries = _NoText()  # type: ignore[assignment]
        index._ids = self.ids
        index._alive = bits.full(len(self.ids))

    @classmethod
    def load(cls, db_path: Path, glance: Glance) -> EarlySearch | None:
        """The early search of the library at `db_path`, or None when no word index
        was vouched for its catalogue file (or it is not the glance's size)."""
        try:
            words = saved_words.read(persist.cache_file(db_path), glance.token)
            if words is None or words.size != len(glance.ids):
                return None
            return cls(glance, words)
        except (Unanswered, Stale, saved_words.SavedWordsGone):
            return None

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

    def search(self, q: Query) -> list[str]:
        """SearchIndex.search's answer; Unanswered when it needs the papers' text."""
        try:
            return self.index.search(q)
        except saved_words.SavedWordsGone as exc:
            raise Unanswered("the word index file changed") from exc
