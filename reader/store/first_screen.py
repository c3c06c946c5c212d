"""A small cache of the app's first screen, so a big library shows titles at once.

The app (when it closes) and the CLI (after a change) write the first rows of
the Inbox and the shelf counts to `<config dir>/cache/`, with the size and
modification time of the library's files. At the next start, if the files are
unchanged, the app shows those rows while the library loads in a worker
(read-only until it has loaded). Any doubt (missing, stale, unreadable cache)
means no preview: never wrong data. It is derived data: deleting it only costs
the next start its head start.

What is stored is computed from plain entries (`first_rows`), so both the CLI
and the app write it without the app's view of the library.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader.atomicfile import replace_file
from reader.model import Entry, Paper, ReadingState, Status
from reader.paths import cache_dir
from reader.text import fold

if TYPE_CHECKING:
    from reader.store import Library
    from reader.store.glance import Glance

ROWS = 150
SMALL_LIBRARY = 2_000_000
"""Bytes of catalogue (about 1,500 papers) that are read in ~20 ms: the app reads such
a library before its first paint when it has no cache, and a CLI change rewrites the
cache of such a library (bigger ones start on a loading line instead)."""
VERSION = 1
SHELF_ORDER = ("new", "to-read", "reading", "read", "skipped")
"""The status shelves in the sidebar's order (All follows them, then the tags)."""


def cache_file(db_path: Path) -> Path:
    key = hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"first-screen-{key}.json"


def fingerprint(db_path: Path) -> list[list[int] | None]:
    """Size and mtime of the catalogue and of the reading-state file beside it
    (`library.json` -> `library.state.json`, the store's layout)."""
    stem = db_path.name[:-5] if db_path.name.endswith(".json") else db_path.name
    prints: list[list[int] | None] = []
    for path in (db_path, db_path.with_name(f"{stem}.state.json")):
        try:
            st = path.stat()
        except OSError:
            prints.append(None)
        else:
            prints.append([st.st_size, st.st_mtime_ns])
    return prints


@dataclass(slots=True)
class FirstScreen:
    entries: list[Entry]
    counts: dict[str, int]
    """Shelf key -> count, for the sidebar."""
    layout: tuple[int, int, int] | None = None
    """Terminal width, height and the list's row width when it was saved: rows
    built at that width before the first layout need no rebuild after it."""


def load(db_path: Path) -> FirstScreen | None:
    try:
        data: Any = json.loads(cache_file(db_path).read_text(encoding="utf-8"))
        if data.get("version") != VERSION or data.get("fingerprint") != fingerprint(db_path):
            return None
        entries = [
            Entry(Paper(id=str(r["id"]), title=str(r["title"]), year=r.get("year")),
                  ReadingState(str(r["id"]), status=Status(r["status"]),
                               rating=r.get("rating"), tags=[str(t) for t in r["tags"]]))
            for r in data["rows"]
        ]
        counts = {str(k): int(v) for k, v in data["counts"].items()}
        layout = data.get("layout")
        hint = (int(layout[0]), int(layout[1]), int(layout[2])) if layout else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    return FirstScreen(entries, counts, hint)


def save(db_path: Path, entries: list[Entry], counts: dict[str, int],
         layout: tuple[int, int, int] | None = None,
         prints: list[list[int] | None] | None = None) -> None:
    """Write the cache atomically; errors are ignored (it is only a cache).

    `prints`: the library files' fingerprint taken before `entries` were read;
    nothing is written when the files changed since (another writer: the rows
    could be older than the files they would be trusted for)."""
    rows = [{"id": e.paper.id, "title": e.paper.title[:300], "year": e.paper.year,
             "status": e.state.status.value, "rating": e.state.rating,
             "tags": list(e.state.tags)} for e in entries[:ROWS]]
    now = fingerprint(db_path)
    if prints is not None and prints != now:
        return
    data = {"version": VERSION, "fingerprint": now, "rows": rows,
            "counts": counts, "layout": list(layout) if layout else None}
    target = cache_file(db_path)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        target.parent.chmod(0o700)  # also a folder made before caches were private
        replace_file(target, json.dumps(data).encode("utf-8"), private=True)
    except OSError:
        pass


def first_rows(entries: Iterable[Entry]) -> tuple[list[Entry], dict[str, int]]:
    """What the cache stores for the library whose entries (in library order) are
    `entries`: the first ROWS papers of the Inbox (new papers, in library order) and
    the sidebar's counts: each status shelf (`status:<value>`), `all`, then each tag
    (`tag:<tag>`, sorted as the sidebar sorts them)."""
    inbox: list[Entry] = []
    statuses: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    total = 0
    for entry in entries:
        state = entry.state
        total += 1
        statuses[state.status.value] += 1
        if state.tags:
            tags.update(state.tags)
        if state.status is Status.NEW and len(inbox) < ROWS:
            inbox.append(entry)
    counts = {f"status:{value}": statuses[value] for value in SHELF_ORDER}
    counts["all"] = total
    counts.update((f"tag:{tag}", tags[tag]) for tag in sorted(tags, key=fold))
    return inbox, counts


def from_glance(glance: Glance) -> FirstScreen:
    """What `first_rows` gives for the library a glance was taken of (no catalogue
    parsed: the Inbox's ids and the counts come from the states, the rows' titles
    and years from the derived index); ReaderError when that index went stale."""
    statuses = glance.statuses()
    new = Status.NEW
    inbox = [pid for pid, status in zip(glance.ids, statuses, strict=True)
             if status is new][:ROWS]
    counted = Counter(status.value for status in statuses)
    tags: Counter[str] = Counter()
    states = glance.states  # (states of papers no longer in the catalogue: not counted)
    for pid in glance.ids:
        state = states.get(pid)
        if state is not None and state.tags:
            tags.update(state.tags)
    counts = {f"status:{value}": counted[value] for value in SHELF_ORDER}
    counts["all"] = len(glance.ids)
    counts.update((f"tag:{tag}", tags[tag]) for tag in sorted(tags, key=fold))
    return FirstScreen(glance.entries(inbox), counts)


class _HasEntries(Protocol):
    @property
    def entries(self) -> dict[str, Entry]:
        """Paper id -> entry, in library order."""


def remember_view(db_path: Path, view: _HasEntries,
                  layout: tuple[int, int, int] | None = None,
                  prints: list[list[int] | None] | None = None) -> None:
    """Save the first rows of the Inbox of `view` (the app's view of the library:
    its entries by id, in library order) and its shelf counts (any thread)."""
    rows, counts = first_rows(list(view.entries.values()))
    save(db_path, rows, counts, layout, prints)


def remember(db_path: Path, library: Library) -> None:
    """The same for a library the CLI has just written (`reader import`, `reader
    mark`...), open: its next start shows the titles at once too. Never raises
    (the command's work is done; this is only a cache)."""
    try:
        prints = fingerprint(db_path)
        library.reload_if_changed()  # another writer since our change: its rows too
        rows, counts = first_rows(library.entries())
        save(db_path, rows, counts, prints=prints)
    except Exception:  # a cache must never fail a command
        return


def worth_refreshing(db_path: Path) -> bool:
    """A cache exists for this small library (the user runs the app on it)."""
    try:
        return (db_path.stat().st_size <= SMALL_LIBRARY and cache_file(db_path).exists())
    except OSError:
        return False
