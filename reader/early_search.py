"""Searching a big library before its catalogue is parsed.

The app can only search once it has parsed the catalogue and indexed every
paper's text, seconds after the first titles are on screen. A query typed
meanwhile is answered from what needs no parse: a glance (store/glance.py: the
ids in library order and the reading states) and the word index an earlier load
saved and vouched for this very catalogue file (read lazily: quick_search's
saved_words). That holds the common queries: words, word prefixes, excluded
words, and filters on the reading state (status, tag, rating, has:note/tags/rating),
on the status and tag shelves and All.

The answer is SearchIndex's own (SearchIndex.over_words, search/textless.py): its
evaluation and ranking run over the word index and the states, with a text that
raises when a query needs it (a phrase, an author, a year, a sort...): such a
query is not answered here (None), and the caller waits for the full index.
(`reader list --query` does the same for the CLI, quick_search/listing.py.)
"""

from __future__ import annotations

from pathlib import Path

from reader.quick_search import saved_words
from reader.search import bits, persist
from reader.search.query import Query, parse_query
from reader.search.reading_state import ReadingStateIndex
from reader.search.search_index import SearchIndex
from reader.search.textless import NeedsText
from reader.search.word_index import WordIndex
from reader.store.glance import Glance
from reader.store.light import Stale

STATE_FILTERS = {"status", "tag", "rating"}
HAS = {"note", "tags", "rating"}
"""The `has:` filters that look at the reading state only."""
SHOWN = 1000
"""Entries handed over with an answer (the rows a list shows and measures first)."""


def stored_states(glance: Glance) -> ReadingStateIndex:
    """The reading-state index of the glanced library, from its stored states alone
    (the other papers are in the default state)."""
    ids, states = glance.ids, glance.states
    rows = sorted(row for row in map(glance.row_of, states) if row is not None)
    return ReadingStateIndex.placed(len(ids), rows, [states[ids[row]] for row in rows])


class EarlySearch:
    def __init__(self, glance: Glance, words: WordIndex) -> None:
        self.glance = glance
        self.ids = glance.ids
        self.words = words
        self.index = SearchIndex.over_words(self.ids, bits.full(len(self.ids)), words,
                                            stored_states(glance))

    @classmethod
    def load(cls, db_path: Path, glance: Glance) -> EarlySearch | None:
        """The early search of the library at `db_path`, or None when no word index
        was vouched for its catalogue file (or it is not the glance's size)."""
        try:
            words = saved_words.read(persist.cache_file(db_path), glance.token)
            if words is None or words.size != len(glance.ids):
                return None
            return cls(glance, words)
        except (NeedsText, Stale, saved_words.SavedWordsGone):
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
        except NeedsText:
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
        """SearchIndex.search's answer; NeedsText when it needs the papers' text."""
        try:
            return self.index.search(q)
        except saved_words.SavedWordsGone as exc:
            raise NeedsText("the word index file changed") from exc
