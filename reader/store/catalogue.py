"""The catalogue in memory: papers by id, resolving what the user types to an id,
cached entries. (Not a search index: the word index is reader.search's.)

`entries()` at 100k papers must be cheap for the app: the Entry list is built
once and then patched in place for each changed paper (O(changed)), and only
rebuilt when the catalogue itself changes (an import).
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Iterable

from reader.citekeys import fold_key
from reader.errors import ReaderError, UnknownPaperError
from reader.gcutil import gc_paused
from reader.ids import split_arxiv_version
from reader.model import Entry, Paper, ReadingState
from reader.store.records import aliases

_MAX = "\U0010ffff"


def given_ids(paper_ids: Iterable[str]) -> list[str]:
    """The ids a change names, each once, in order; ReaderError when there are none."""
    ids = list(dict.fromkeys(paper_ids))
    if not ids:
        raise ReaderError("no paper given")
    return ids


class CatalogueView:
    """The catalogue's papers in file order, with the lookups built from them."""

    def __init__(self) -> None:
        self.papers: dict[str, Paper] = {}
        self._states: dict[str, ReadingState] = {}
        self._sorted: list[str] | None = None
        self._order: dict[str, int] | None = None
        self._entries: list[Entry] | None = None
        self._aliases: dict[str, str] | None = None
        self._keys: dict[str, str] | None = None
        self._sorted_keys: list[str] | None = None

    def reset(self, papers: dict[str, Paper], states: dict[str, ReadingState],
              aliases: dict[str, str] | None = None,
              keys: dict[str, str] | None = None) -> None:
        """`aliases`, `keys`: what aliases() and keys() would compute, when known (the
        derived index)."""
        self.papers, self._states = papers, states
        self._sorted = self._order = self._entries = None
        self._aliases = aliases
        self._keys, self._sorted_keys = keys, None

    def keys(self) -> dict[str, str]:
        """Folded citation key -> paper id (built on first use)."""
        if self._keys is None:
            self._keys = {fold_key(p.key): pid for pid, p in self.papers.items() if p.key}
        return self._keys

    def add(self, fresh: dict[str, Paper], filled: dict[str, Paper]) -> None:
        """Papers just written: new ones and merged ones (a changed key included)."""
        self._aliases = None
        if any(self.papers[pid].key != p.key for pid, p in filled.items() if pid in self.papers):
            self._keys = self._sorted_keys = None
        self.papers.update(filled)
        self.papers.update(fresh)
        if fresh:
            self._sorted = self._order = self._sorted_keys = None
            if self._keys is not None:
                self._keys.update((fold_key(p.key), pid) for pid, p in fresh.items() if p.key)
        if self._entries is not None:
            order = self.order()
            for pid, paper in filled.items():
                self._entries[order[pid]] = Entry(paper, self.state(pid))
            for pid, paper in fresh.items():
                self._entries.append(Entry(paper, self.state(pid)))

    def remove(self, paper_ids: set[str]) -> None:
        """Papers deleted from the catalogue."""
        for pid in paper_ids:
            self.papers.pop(pid, None)
        self._sorted = self._order = self._entries = None
        self._aliases = None

    def states_changed(self, paper_ids: set[str], states: dict[str, ReadingState]) -> None:
        self._states = states
        if self._entries is None or not paper_ids:
            return
        order = self.order()
        for pid in paper_ids:
            pos = order.get(pid)
            if pos is not None:
                self._entries[pos] = Entry(self.papers[pid], self.state(pid))

    def require(self, paper_ids: list[str]) -> None:
        """UnknownPaperError for the first of `paper_ids` the catalogue does not hold."""
        for pid in paper_ids:
            if pid not in self.papers:
                raise UnknownPaperError(f"no paper {pid!r} in the library")

    @staticmethod
    def default_state(paper_id: str) -> ReadingState:
        return ReadingState(paper_id)

    def state(self, paper_id: str) -> ReadingState:
        return self._states.get(paper_id) or self.default_state(paper_id)

    def order(self) -> dict[str, int]:
        if self._order is None:
            self._order = {pid: i for i, pid in enumerate(self.papers)}
        return self._order

    def entries(self) -> list[Entry]:
        if self._entries is None:
            states = self._states
            with gc_paused():
                self._entries = [Entry(p, states.get(pid) or ReadingState(pid))
                                 for pid, p in self.papers.items()]
        return self._entries

    # resolving ids ---------------------------------------------------------
    def aliases(self) -> dict[str, str]:
        """`arxiv:X` / `doi:Y` -> the id of a paper known by another id that holds it."""
        if self._aliases is None:
            self._aliases = aliases(self.papers)
        return self._aliases

    def _prefixed(self, prefix: str) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.papers)
        ids = self._sorted
        lo = bisect.bisect_left(ids, prefix)
        hi = bisect.bisect_left(ids, prefix + _MAX, lo)
        return ids[lo:hi]

    def resolve(self, text: str) -> str:
        """Full id from a full id, a unique prefix, or an id without its scheme
        (`2401.00001`, `2401.00001v2`, an arXiv URL, a DOI, a title hash prefix)."""
        given = text.strip()
        if not given:
            raise UnknownPaperError("no paper id given")
        if given in self.papers:
            return given
        by_key = self.keys().get(fold_key(given))
        if by_key is not None:
            return by_key
        for group in self._spellings(given):
            exact = [p for p in group if p in self.papers]
            if exact:
                return exact[0]
            aliased = [self.aliases()[p] for p in group if p in self.aliases()]
            if aliased:
                return aliased[0]
            matches = sorted({m for p in group for m in self._prefixed(p)})
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                shown = ", ".join(matches[:3]) + (", …" if len(matches) > 3 else "")
                raise UnknownPaperError(f"{given!r} matches {len(matches)} papers ({shown}); "
                                        "give more of the id")
        keyed = self._key_prefixed(fold_key(given))
        if len(keyed) == 1:
            return keyed[0]
        if keyed:
            shown = ", ".join(self.papers[p].key for p in keyed[:3]) + (
                ", …" if len(keyed) > 3 else "")
            raise UnknownPaperError(f"{given!r} starts the keys of {len(keyed)} papers "
                                    f"({shown}); give more of the key")
        raise UnknownPaperError(f"no paper matches {given!r} (0 candidates); "
                                "`reader list` shows the ids")

    def _key_prefixed(self, prefix: str) -> list[str]:
        """Ids of the papers whose folded citation key starts with `prefix`."""
        keys = self.keys()
        if self._sorted_keys is None:
            self._sorted_keys = sorted(keys)
        lo = bisect.bisect_left(self._sorted_keys, prefix)
        hi = bisect.bisect_left(self._sorted_keys, prefix + _MAX, lo)
        return [keys[k] for k in self._sorted_keys[lo:hi]]

    @staticmethod
    def _spellings(given: str) -> list[list[str]]:
        """Prefixes to try, group by group (a group's matches are pooled)."""
        out = [[given]]
        given = re.sub(r"^(?:https?://)?(?:www\.)?arxiv\.org/(?:abs|pdf)/", "", given,
                       flags=re.I)
        scheme, sep, rest = given.partition(":")
        if sep and scheme.lower() in ("arxiv", "doi", "title"):
            scheme = scheme.lower()
            out.append([f"{scheme}:{rest}"])
        else:
            scheme, rest = "", given
        group: list[str] = []
        if scheme in ("", "arxiv"):
            bare = rest
            with contextlib.suppress(ValueError):
                bare = split_arxiv_version(bare.removesuffix(".pdf"))[0]
            group.append(f"arxiv:{bare}")
        if scheme in ("", "doi"):
            group.append(f"doi:{rest.lower()}")
        if scheme == "":
            group.append(f"title:{rest.lower()}")
        out.append(group)
        return out
