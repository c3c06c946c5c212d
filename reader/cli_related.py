"""`reader related ID`: from the saved word index when a full load vouched for it for
this very catalogue (no catalogue parsed, no text folded), else from the whole library.

The whole-library path of a big library (persist.MIN_SIZE papers or more) builds the
word index, or reads it back from its cache file, then vouches for that file
(persist.vouch: its fingerprint checked against this catalogue's texts), so the next
`reader related` takes the quick path. Both paths give the list SearchIndex.related
gives (the same code: related.related_in).
"""

from __future__ import annotations

from pathlib import Path

from reader.search import bits, persist, related_once
from reader.search.related import related_in
from reader.search.search_index import SearchIndex
from reader.store.quick import QuickLibrary


def related_papers(lib: QuickLibrary, db: Path, paper_id: str, k: int
                   ) -> list[tuple[str, float]]:
    cache = persist.cache_file(db)
    token = lib.catalogue_token
    if lib.quick and token is not None:
        words = persist.load_vouched(cache, token)
        if words is not None and words.size == len(lib):
            ids = lib.paper_ids()
            found = related_in(words, len(ids), bits.full(len(ids)), lib.entry_at,
                               ids.index(paper_id), k)
            return [(ids[p], score) for p, score in found]
    entries = lib.entries()
    if len(entries) < persist.MIN_SIZE:  # small: built here, no file
        return related_once(entries, paper_id, k=k, cache=cache)
    index = SearchIndex(entries, cache=cache)
    index.prepare()  # read back, or built and saved
    found_ids = index.related(paper_id, k)
    token = lib.catalogue_token  # of the file the entries came from
    if token is not None:
        persist.vouch(cache, token, index.text.docs)
    return found_ids
