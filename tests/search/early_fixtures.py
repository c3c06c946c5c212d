"""What an earlier run of the app leaves for the early search: a saved word index,
vouched for the catalogue it was built from."""

from __future__ import annotations

from pathlib import Path

from reader.search import SearchIndex, persist
from reader.store import Library
from reader.tui.state import LibraryView


def vouched_view(path: Path) -> LibraryView:
    """The app's view of the library at `path` after its full load, its word index
    saved and vouched as that load does it."""
    with Library.open(path, create=False) as lib:
        view = LibraryView(lib.entries(), lib.saved_searches(), index=False)
        token = lib.catalogue_token
    assert token is not None
    index = view.index = SearchIndex(view.entries.values())
    index.prepare()
    assert index.words is not None
    cache = persist.cache_file(path)
    persist.save(cache, persist.dump(index.words, index.text.docs))
    persist.vouch(cache, token, index.text.docs)
    return view
