"""A big library before its load: a glance at it (store/glance.py), for the first
screen when its cache is stale, and the early search (reader/early_search.py), for
a query typed before the search index is built. After the load, what the next
start needs for both: the word index vouched for this catalogue, the derived index."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.store import first_screen

if TYPE_CHECKING:
    from reader.early_search import EarlySearch
    from reader.search import SearchIndex
    from reader.store import Library
    from reader.store.glance import Glance

WAIT = 10.0
"""Seconds the load waits at most for the early search to be ready."""


class EarlyStart:
    """The glance and the early search of the library at `db_path` (thread-safe as the
    controller uses it: `prepare` in one worker, the rest on the UI thread); none for
    a library in memory or a throwaway demo (`db_path` None)."""

    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path
        self.glance: Glance | None = None
        self.early: EarlySearch | None = None
        """Answers queries typed before the search index is built; None after."""
        self.vouched: str | None = None
        """The catalogue the word index read early was vouched for (None: none)."""
        self._done = threading.Event()
        self._done.set()
        self._forgotten = False

    def first_screen(self, small: bool) -> first_screen.FirstScreen | None:
        """The first screen cached for the library when it has not changed since; else,
        unless it is `small` (read at once), the one a glance gives (no catalogue
        parsed); None when neither has rows."""
        if self.db_path is None:
            return None
        shown = first_screen.load(self.db_path)
        if not small:  # (taken now, it readies the early search sooner after the paint)
            from reader.store.glance import glance

            self.glance = glance(self.db_path)
        if shown is None and self.glance is not None:
            with contextlib.suppress(ReaderError):  # the derived index went stale
                shown = first_screen.from_glance(self.glance)
        return shown if shown is not None and shown.entries else None

    def begin(self, small: bool) -> bool:
        """Whether `prepare` is to run (in a worker) for this library: then the load
        waits for it."""
        if self.db_path is None or small:
            return False
        self._done.clear()
        return True

    def prepare(self) -> EarlySearch | None:
        """The early search, when an earlier load vouched for the saved word index of
        this very catalogue (its glance's columns read too); else None."""
        try:
            from reader.early_search import EarlySearch
            from reader.store.glance import glance

            assert self.db_path is not None  # (begin said so)
            seen = self.glance or glance(self.db_path)
            early = EarlySearch.load(self.db_path, seen) if seen is not None else None
            if early is None or seen is None or not seen.read_columns():
                return None
            self.vouched = seen.token
            if not self._forgotten:  # (the load did not wait that long)
                self.early = early
            return early
        finally:
            self._done.set()

    def wait(self) -> None:
        """Until `prepare` is done (the load and it do not compete for the CPU)."""
        self._done.wait(WAIT)

    def forget(self) -> None:
        """The full index answers from now on."""
        self._forgotten = True
        self.early = self.glance = None

    def after_load(self, library: Library | None, token: str | None,
                   index: SearchIndex | None) -> None:
        """What the next start needs (in the load's worker, the index prepared): the
        word index vouched for the catalogue `token` names (the one the entries were
        read from), unless it was already, then read whole once (later reads are
        lazy); the catalogue's derived index."""
        if library is None or self.db_path is None:
            return
        if (index is not None and index.words is not None and token is not None
                and token != self.vouched and library.catalogue_token == token):
            from reader.quick_search import saved_words
            from reader.search import persist

            cache = persist.cache_file(self.db_path)
            persist.vouch(cache, token, index.text.docs)
            saved_words.read(cache, token)
        with contextlib.suppress(Exception):  # only a cache
            library.keep_derived_index()
