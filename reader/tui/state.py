"""What the app knows about the library, in memory: entries, shelves, filtering.

Pure Python (no widgets) so it is cheap to test and safe to build in a worker.
The store stays the source of truth; this view is refreshed from each `Change`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.model import Entry, Status
from reader.text import fold

if TYPE_CHECKING:  # imported when first needed: start-up stays light
    from pathlib import Path

    from reader.search import Query, SearchIndex
    from reader.store import Change

SORTS = ("default", "added", "title", "year", "rating", "foryou")
"""`default` = queue order on To read, relevance while searching, else import order;
`foryou`: most like the papers the user kept first (search/foryou.py; slow at 100k:
the screen sorts by it in a worker)."""


@dataclass(frozen=True, slots=True)
class Shelf:
    """One entry of the sidebar."""

    key: str
    """`status:<status>`, `all`, `search:<name>` or `tag:<tag>`."""
    label: str
    query: str = ""
    """The saved query of a `search:` shelf."""

    @property
    def status(self) -> Status | None:
        return Status(self.key[7:]) if self.key.startswith("status:") else None

    @property
    def tag(self) -> str | None:
        return self.key[4:] if self.key.startswith("tag:") else None

    def holds(self, entry: Entry) -> bool:
        """Whether the paper belongs on this shelf (saved searches: always, the
        query does the filtering)."""
        return self.predicate()(entry)

    def predicate(self) -> Callable[[Entry], bool]:
        """`holds` as a fast function (for loops over 100k entries)."""
        status = self.status
        if status is not None:
            return lambda e: e.state.status is status
        tag = self.tag
        if tag is not None:
            return lambda e: tag in e.state.tags
        return lambda e: True


STATUS_SHELVES = [
    Shelf("status:new", "Inbox"),
    Shelf("status:to-read", "To read"),
    Shelf("status:reading", "Reading"),
    Shelf("status:read", "Read"),
    Shelf("status:skipped", "Skipped"),
    Shelf("all", "All"),
]


def build_index(entries: list[Entry], cache: Path | None = None) -> SearchIndex:
    """The search index of `entries`; `cache` is its word index's cache file (set
    before anyone can ask the index for its words)."""
    from reader.search import SearchIndex

    return SearchIndex(entries, cache=cache)


def safe_parse(text: str) -> Query:
    """The query (parse_query never raises: what it cannot read is in `errors`)."""
    from reader.search import parse_query

    return parse_query(text)


class LibraryView:
    """Entries by id in library order, the search index, and shelf counts."""

    def __init__(self, entries: list[Entry], saved: dict[str, str] | None = None, *,
                 index: bool = True) -> None:
        self.entries: dict[str, Entry] = {e.paper.id: e for e in entries}
        self.order: list[str] = [e.paper.id for e in entries]
        self.position: dict[str, int] = {pid: i for i, pid in enumerate(self.order)}
        self.saved: dict[str, str] = dict(saved or {})
        self.index: SearchIndex | None = build_index(entries) if index else None
        """None until built (in a worker): queries then wait for it."""
        self.status_counts: Counter[Status] = Counter()
        self.tag_counts: Counter[str] = Counter()
        self.recount()

    def __len__(self) -> int:
        return len(self.order)

    def recount(self) -> None:
        self.status_counts = Counter(e.state.status for e in self.entries.values())
        self.tag_counts = Counter(t for e in self.entries.values() for t in e.state.tags)

    def apply(self, entry: Entry) -> None:
        """Take a changed entry (after a store write or undo)."""
        old = self.entries.get(entry.paper.id)
        if old is not None:
            self.status_counts[old.state.status] -= 1
            self.tag_counts.subtract(old.state.tags)
        else:
            self.position[entry.paper.id] = len(self.order)
            self.order.append(entry.paper.id)
        self.entries[entry.paper.id] = entry
        self.status_counts[entry.state.status] += 1
        self.tag_counts.update(entry.state.tags)
        self.tag_counts = +self.tag_counts  # drop zero counts
        if self.index is not None:
            self.index.update(entry)

    def remove(self, paper_id: str) -> None:
        """Forget a deleted paper."""
        old = self.entries.pop(paper_id, None)
        if old is None:
            return
        self.status_counts[old.state.status] -= 1
        self.tag_counts.subtract(old.state.tags)
        self.tag_counts = +self.tag_counts
        self.order.remove(paper_id)
        self.position = {pid: i for i, pid in enumerate(self.order)}
        if self.index is not None:
            self.index.remove(paper_id)

    def take(self, change: Change) -> list[Entry]:
        """Take every paper of a store change (forget the deleted ones); the changed
        entries that remain, as they are now."""
        entries: list[Entry] = []
        for one in change.each:
            if one.deleted:
                self.remove(one.paper_id)
                continue
            known = self.entries.get(one.paper_id)
            paper = one.paper or (known.paper if known is not None else None)
            if paper is not None:
                entry = Entry(paper, one.after)
                self.apply(entry)
                entries.append(entry)
        return entries

    def rename_saved(self, old: str | None, new: str | None, text: str = "") -> None:
        """A saved search saved (`old` None: its query is `text`), renamed, or
        deleted (`new` None)."""
        if old is None:
            if new is not None:
                self.saved[new] = text
            return
        query = self.saved.pop(old, "")
        if new is not None:
            self.saved[new] = query

    # shelves -------------------------------------------------------------
    def shelves(self) -> list[tuple[Shelf, int | None]]:
        """Sidebar rows with their counts (None for saved searches)."""
        rows: list[tuple[Shelf, int | None]] = []
        for shelf in STATUS_SHELVES:
            status = shelf.status
            count = len(self.order) if status is None else self.status_counts[status]
            rows.append((shelf, count))
        for name, query in sorted(self.saved.items()):
            rows.append((Shelf(f"search:{name}", name, query), None))
        for tag in sorted(self.tag_counts, key=fold):
            rows.append((Shelf(f"tag:{tag}", "#" + tag), self.tag_counts[tag]))
        return rows

    def shelf(self, key: str) -> Shelf:
        for shelf, _ in self.shelves():
            if shelf.key == key:
                return shelf
        return STATUS_SHELVES[-1]

    # filtering -----------------------------------------------------------
    def visible(self, shelf: Shelf, query_text: str = "",
                sort: str = "default") -> tuple[list[str], Query | None]:
        """Ids shown for a shelf and a typed query, in display order."""
        text = " ".join(t for t in (shelf.query, query_text.strip()) if t)
        query = safe_parse(text) if text else None
        entries = self.entries
        holds = shelf.predicate()
        if query is not None and self.index is not None:
            ids = [pid for pid in self.index.search(query)
                   if pid in entries and holds(entries[pid])]
            ranked = True
        elif shelf.key == "all" or shelf.key.startswith("search:"):
            ids = list(self.order)
            ranked = False
        else:
            ids = [pid for pid in self.order if holds(entries[pid])]
            ranked = False
        if sort == "foryou" and self.index is not None:
            query = query if query is not None else safe_parse("")
            return self.index.for_you(ids, query), query
        key = self._sort_key(sort, shelf, ranked)
        if key is not None:
            ids.sort(key=key)
        return ids, query

    def sorts_for_you(self, sort: str, query_text: str) -> bool:
        """Whether this view's order is the for-you order (slow: sort in a worker)."""
        return sort == "foryou" or "sort:foryou" in query_text.lower()

    def _sort_key(self, sort: str, shelf: Shelf,
                  ranked: bool) -> Callable[[str], tuple[object, ...]] | None:
        e, pos = self.entries, self.position
        if sort == "title":
            return lambda pid: (fold(e[pid].paper.title), pos[pid])
        if sort == "year":
            return lambda pid: (-(e[pid].paper.year or 0), pos[pid])
        if sort == "rating":
            return lambda pid: (-(e[pid].state.rating or 0), pos[pid])
        if sort == "added":
            return lambda pid: (_neg(e[pid].paper.added_at), -pos[pid])
        if shelf.key == "status:to-read" and not ranked:
            def queue(pid: str) -> tuple[object, ...]:
                st = e[pid].state
                qp = st.queue_pos
                return (qp is None, qp or 0.0, -(st.rating or 0), pos[pid])
            return queue
        return None


def _neg(text: str) -> tuple[int, ...]:
    """Sort key putting later ISO timestamps first."""
    return tuple(-ord(c) for c in text)
