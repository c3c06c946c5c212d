"""How SearchIndex gets its word index: built here, by a helper process beside the
text scan (offload.py), or read back from its cache file (persist.py).
Mixed into SearchIndex, which owns the data (see index.py)."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reader.model import Entry
from reader.search import bits, persist
from reader.search import offload as helper
from reader.search.catalogue import Catalogue
from reader.search.scan import TextScan

if TYPE_CHECKING:
    from reader.search.index import SearchIndex


class WordIndexBuilding:
    """The word-index half of SearchIndex."""

    words: Catalogue | None
    text: TextScan
    cache: Path | None
    from_helper: int
    _entries: list[Entry]
    _pos: dict[str, int]
    _building: threading.Lock
    _text_lock: threading.Lock
    _rewrites: int
    _held: int
    _edits: int
    _ahead: bool
    _offload: helper.Offload | None

    def _add_text(self, fresh: list[Entry]) -> None:
        """Scan the new papers' text; the first big add also sends it to a helper process."""
        offload = None
        if (self._ahead and self.words is None and not self.text.size
                and len(fresh) >= helper.MIN_PAPERS):
            offload = helper.Offload.start()
        if offload is None:
            self.text.add(fresh)
            return
        # the helper takes the first papers; this process builds the others itself
        # once the text is folded, while the helper finishes (instead of waiting)
        step, share = helper.CHUNK, round(len(fresh) * helper.SHARE)
        try:
            for a in range(0, len(fresh), step):
                self.text.add(fresh[a:a + step])
                if a < share:
                    offload.feed(self.text.docs[a:min(a + step, share)])
        except BaseException:
            offload.cancel()
            raise
        offload.close()
        self._offload = offload

    def word_index(self) -> Catalogue:
        """The word index of the catalogue (built on first use: seconds at 100k;
        read from `self.cache` instead when that file holds these papers)."""
        with self._building:
            if self.words is None and self.cache is not None:
                self._load_words(self.cache)
            return self.words or self._build_words()

    def _build_words(self, words: Catalogue | None = None,
                     rewrites: int | None = None) -> Catalogue:
        """Finish `words` (or build them) and make them this index's, unless a paper's
        text was replaced since `rewrites` (then build again from the text)."""
        built = words is None
        rewrites = self._rewrites if rewrites is None else rewrites
        words = Catalogue() if words is None else words
        offload, self._offload = self._offload, None
        if offload is not None and not built:  # read from the cache file instead
            offload.cancel()
        elif offload is not None:  # the first papers' postings, from the helper process
            self._take_helpers(words, offload)
        with self._text_lock:
            if self._rewrites == rewrites:
                while words.size < self.text.size:  # papers added meanwhile (other thread)
                    start, end = words.size, self.text.size
                    words.add(self.text.docs[start:end])
                if built:
                    words.build_initials(self.text.scan)
                self.words = words  # from now on, changes update it (index.py)
                return words
        # a paper's text was replaced meanwhile (rare: a metadata merge during the
        # first seconds): `words` may hold its old words; build again from the text
        return self._build_words()

    def _take_helpers(self, words: Catalogue, offload: helper.Offload) -> None:
        """Index the papers after the helper's here (numpy), then add both."""
        share, end = offload.fed, self.text.size
        rest = None
        if end > share:
            try:
                from reader.search import vectorized
            except ImportError:
                pass
            else:
                rest = vectorized.build(self.text.docs[share:end], share)
        result = offload.result()
        if result is None or result[0].size != share:
            return  # built here from the start
        built, initials = result
        if rest is not None:
            from reader.search import csr

            built = csr.merge(built, rest)
            for initial, mask in csr.initials(rest).items():
                initials[initial] = initials.get(initial, 0) | mask
        words.add_built(built, initials)
        self.from_helper = share

    def load_words(self, cache: Path) -> int:
        """Take the word index from `cache` (see persist.py) if it holds these papers.

        Returns how many papers the file held (0: not used); later papers are
        indexed here. An index already built is kept (returns 0).
        """
        with self._building:
            return self._load_words(cache)

    def _load_words(self, cache: Path) -> int:
        if self.words is not None:
            return 0
        rewrites = self._rewrites  # before reading the texts the file is checked against
        words = persist.load(cache, self.text.docs)
        if words is None:
            return 0
        self._held = held = words.size
        self._build_words(words, rewrites)
        return held

    def save_words(self, cache: Path) -> bool:
        """Write the word index to `cache`, unless a change is under way (then False)."""
        before = self._edits
        words = self.words
        if words is None or before % 2:
            return False
        data = persist.dump(words, self.text.docs)
        if self._edits != before:
            return False
        persist.save(cache, data)
        return True

    def prepare(self, cache: Path | None = None) -> None:
        """Build the word index and related-paper statistics (call it in a worker).

        With `cache` (persist.cache_file(db)), the word index is read from that
        file when it holds these papers; else it is built and, for a library of
        persist.MIN_SIZE papers or more, written there for the next load. A big
        library's searches unite long lists of positions: numpy is imported for them
        (bits.py) now, not at a keystroke.
        """
        from reader.search.related import prepare

        if cache is not None:
            self.cache = cache  # also for a word_index() another thread may call first
        if len(self._pos) >= bits.NUMPY_MIN:
            with contextlib.suppress(ImportError):
                import numpy  # noqa: F401
        prepare(cast("SearchIndex", self))
        words, cache = self.words, self.cache
        if (cache is not None and words is not None and words.size > self._held
                and len(self._pos) >= persist.MIN_SIZE):
            self.save_words(cache)
