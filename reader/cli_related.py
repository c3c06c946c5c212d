"""`reader related ID`: from the saved word index when a full load vouched for it for
this very catalogue (no catalogue parsed, no text folded), else from the whole library.

The whole-library path of a big library (persist.MIN_SIZE papers or more) builds the
word index, or reads it back from its cache file, then vouches for that file
(persist.vouch: its fingerprint checked against this catalogue's texts), so the next
`reader related` takes the quick path, which reads only the postings it looks up
(quick_search.saved_words). Both paths give the list SearchIndex.related gives (the
same code: related.related_in).
"""

from __future__ import annotations

from pathlib import Path

from reader.quick_search import saved_words
from reader.quick_search.saved_words import SavedWordsGone
from reader.search import bits, persist, related_once
from reader.search.related import related_in
from reader.search.search_index import SearchIndex
from reader.store.quick import QuickLibrary


def related_papers(lib: QuickLibrary, db: Path, paper_id: str, k: int
                   ) -> list[tuple[str, float]]:
    cache = persist.cache_file(db)
    token = lib.catalogue_token
    if lib.quick and token is not None:
        try:
            found = _from_saved(lib, cache, token, paper_id, k)
        except SavedWordsGone:  # the file was cut short under us: the whole library
            found = None
        if found is not None:
            return found
    entries = lib.entries()
    if len(entries) < persist.MIN_SIZE:  # small: built here, no file
        return related_once(entries, paper_id, k=k, cache=cache)
    index = SearchIndex(entries, cache=cache)
    index.prepare()  # read back, or built and saved
    found_ids = index.related(paper_id, k)
    token = lib.catalogue_token  # of the file the entries came from
    if token is not None:
        persist.vouch(cache, token, index.text.docs)
        saved_words.read(cache, token)  # read whole once: the next command reads it lazily
    return found_ids


def _from_saved(lib: QuickLibrary, cache: Path, token: str, paper_id: str, k: int
                ) -> list[tuple[str, float]] | None:
    words = saved_words.read(cache, token)
    if words is None or words.size != len(lib):
        return None
    ids = lib.paper_ids()
    found = related_in(words, len(ids), bits.full(len(ids)), lib.entry_at,
                       ids.index(paper_id), k)
    return [(ids[p], score) for p, score in found]
