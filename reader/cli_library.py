"""The `reader` commands that read the library (list, show, related, stats, check) or
fill it from files (import), and how every command opens the library at --db."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.model import STATUS_GLYPHS, Entry, Paper, ReadingState, Status
from reader.paths import default_db_path
from reader.text import clean_line, clean_lines, has_controls, sanitize

if TYPE_CHECKING:
    from reader.store import Library


_JSON_SLICE = 1000
"""Entries written by one orjson call (`list --json`)."""


def _db(args: argparse.Namespace) -> Path:
    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else default_db_path()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --- reading the library back -----------------------------------------------------

def _open(args: argparse.Namespace, *, create: bool = False) -> Any:
    """The library at --db (a path with no library is an error: a mistyped --db must
    not become an empty library; `import` creates one). The catalogue is parsed only
    when the command needs every paper (reader.store.quick: one-paper commands read
    it through its derived index)."""
    from reader.cli_sync import report_copies
    from reader.store.quick import QuickLibrary

    db = _db(args)
    if not db.exists():
        raise ReaderError(f"no library at {db} (reader import FILE creates one)")
    library = QuickLibrary.open(db, create=create)
    try:
        report_copies(library)  # conflict copies left by Syncthing or Dropbox
    except BaseException:
        library.close()
        raise
    skipped = library.skipped
    if skipped:  # hand-edited records of the wrong shape: one line, never a crash
        print(f"reader: warning: {clean_line(skipped)}", file=sys.stderr)
    return library


def _filtered(entries: list[Entry], args: argparse.Namespace, lib: Any = None) -> list[Entry]:
    whole = len(entries)
    if getattr(args, "status", None):
        entries = [e for e in entries if e.state.status is args.status]
    if getattr(args, "tag", None):
        entries = [e for e in entries if args.tag in e.state.tags]
    if getattr(args, "query", None):
        from reader.search import SearchIndex, parse_query

        query = parse_query(args.query)
        for problem in query.errors:
            print(f"reader: query: {clean_line(problem)}", file=sys.stderr)
        by_id = {e.paper.id: e for e in entries}
        if lib is not None:  # (the CLI's: a word index vouched for the next query)
            from reader.quick_search.listing import full_search

            found = full_search(entries, query, lib, _db(args), len(entries) == whole)
        else:
            found = SearchIndex(entries).search(query)
        entries = [by_id[i] for i in found if i in by_id]
        for note in query.notes:
            print(f"reader: {note}", file=sys.stderr)
    return entries


def _line(pid: str, year: int | None, title: str, state: ReadingState) -> str:
    """The status glyph, id, year, title, stars and #tags, the empty ones left out (the
    id and title cleaned already)."""
    parts = [STATUS_GLYPHS[state.status], pid]
    if year:
        parts.append(str(year))
    parts.append(title)
    if state.rating and state.rating > 0:
        parts.append("★" * state.rating)
    if state.tags:
        parts.append(" ".join(f"#{t}" for t in state.tags))
    return "  ".join(filter(None, parts))


def _lines(ids: list[str], years: list[int | None], titles: list[str],
           states: dict[int, ReadingState]) -> list[str]:
    """A line per paper (`_line`), `states` the reading states by line of the papers
    not in the default state (a big listing prints tens of thousands: those in the
    default state, most, are made in one pass)."""
    ids, titles = clean_lines(ids), clean_lines(titles)
    new = STATUS_GLYPHS[Status.NEW]
    if all(ids) and all(titles):
        lines = [f"{new}  {pid}  {year}  {title}" if year else f"{new}  {pid}  {title}"
                 for pid, year, title in zip(ids, years, titles, strict=True)]
    else:
        lines = ["  ".join(filter(None, (new, pid, str(year) if year else "", title)))
                 for pid, year, title in zip(ids, years, titles, strict=True)]
    for k, state in states.items():
        lines[k] = _line(ids[k], years[k], titles[k], state)
    return lines


def _entry_lines(entries: list[Entry]) -> list[str]:
    return _lines([e.paper.id for e in entries], [e.paper.year for e in entries],
                  [e.paper.title for e in entries],
                  {k: e.state for k, e in enumerate(entries)
                   if e.state.status is not Status.NEW or e.state.rating or e.state.tags})


def _print_entries_json(entries: list[Entry]) -> None:
    """`_print_json([e.to_dict() for e in entries])`, the same text, written a slice
    at a time by orjson (json.dumps of a big listing takes seconds)."""
    import orjson

    if not entries:
        _print_json([])
        return
    fields = [f.name for f in dataclasses.fields(Paper)]
    values = attrgetter(*fields)
    sys.stdout.write("[\n")
    for start in range(0, len(entries), _JSON_SLICE):
        items = []
        for entry in entries[start:start + _JSON_SLICE]:  # Entry.to_dict, without copies
            item = dict(zip(fields, values(entry.paper), strict=True))
            state = entry.state
            item.update(status=state.status.value, rating=state.rating, tags=state.tags,
                        note=state.note)
            items.append(item)
        try:
            text = orjson.dumps(items, option=orjson.OPT_INDENT_2).decode("utf-8")
        except TypeError:  # a number beyond 64 bits, a lone surrogate: json writes them
            text = json.dumps(items, ensure_ascii=False, indent=2)
        # "[\n  {...},\n  {...}\n]": the items, as they are inside the whole list
        sys.stdout.write((",\n" if start else "") + text[2:-2])
    sys.stdout.write("\n]\n")


def _emit(text: str) -> None:
    """Print library text for a terminal. Imports sanitize it already; this is the
    last guard for a library file edited by hand (no escape sequence gets out)."""
    print(sanitize(text) if has_controls(text) else text)


def _keep(args: argparse.Namespace) -> Callable[[ReadingState], bool]:
    """`--status` and `--tag` as a test of a reading state."""
    status, tag = getattr(args, "status", None), getattr(args, "tag", None)
    return lambda s: (status is None or s.status is status) and (tag is None or tag in s.tags)


def cmd_list(args: argparse.Namespace) -> int:
    lines: list[str] | None = None
    with _open(args) as lib:
        if getattr(args, "query", None):
            from reader.quick_search.listing import quick_list, whole_entries

            plain = not (getattr(args, "status", None) or getattr(args, "tag", None))
            keep = None if plain else _keep(args)
            quick: list[Entry] | None = None
            if args.json:
                quick = quick_list(lib, _db(args), args.query, keep,
                                   lambda rows: whole_entries(lib, rows))
            else:
                lines = quick_list(lib, _db(args), args.query, keep,
                                   lambda rows: _lines_at(lib, rows))
            if quick is None and lines is None:
                quick = _filtered(lib.entries(), args, lib)
            entries = quick or []
        else:  # the lines show only the id, year and title: no need for whole papers
            entries = lib.select(_keep(args), whole=args.json)
    if args.json:
        _print_entries_json(entries)
        return 0
    if lines is None:
        lines = _entry_lines(entries)
    if lines:
        _emit("\n".join(lines))
    return 0


def _lines_at(lib: Any, rows: list[int]) -> list[str] | None:
    """The lines of the papers at `rows` (catalogue positions), from the derived index
    and the stored reading states alone; None when the index cannot answer."""
    columns = lib.columns_at(rows, ("title", "year"))
    if columns is None:
        return None
    stored = lib.states_by_row()
    states = {k: stored[row] for k, row in enumerate(rows) if row in stored} if stored else {}
    return _lines(columns["id"], columns["year"], columns["title"], states)


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        entry = lib.entry(lib.resolve(args.id))
    if args.json:
        _print_json(entry.to_dict())
        return 0
    p, s = entry.paper, entry.state
    width = len("categories") + 2  # the longest label, then two spaces
    rows = [
        ("id", p.id), ("key", p.key), ("title", p.title), ("authors", ", ".join(p.authors)),
        ("year", str(p.year or "")), ("published", p.published or ""),
        ("arxiv", p.arxiv_id or ""), ("categories", ", ".join(p.categories)),
        ("doi", p.doi or ""), ("venue", p.venue or ""),
        ("links", ("\n" + " " * width).join(p.urls)), ("status", s.status.value),
        ("rating", str(s.rating or "")), ("tags", ", ".join(s.tags)), ("source", p.source),
    ]
    lines = [f"{key:<{width}}{value}" for key, value in rows if value]
    if p.abstract:
        lines.append(f"\n{p.abstract}")
    if s.note:
        lines.append(f"\nnote:\n{s.note}")
    _emit("\n".join(lines))
    return 0


# --- import, related, stats, check ----------------------------------------------------

def cmd_import(args: argparse.Namespace) -> int:
    from reader.cli_keys import sync_bib_export
    from reader.importer import import_files
    from reader.store.first_screen import remember

    db = _db(args)

    def after(library: Library) -> None:
        remember(db, library)
        sync_bib_export(library)

    return import_files(db, [Path(f) for f in args.files], fmt=args.format, after=after)


def cmd_related(args: argparse.Namespace) -> int:
    from reader.cli_related import related_papers

    with _open(args) as lib:
        pid = lib.resolve(args.id)
        related = related_papers(lib, _db(args), pid, args.k)
        found = [(lib.entry(i), score) for i, score in related]
    if args.json:
        _print_json([e.to_dict() | {"score": round(score, 4)} for e, score in found])
    elif found:
        _emit("\n".join(f"{score:.3f}  {e.paper.id}  {e.paper.title}" for e, score in found))
    return 0


def _now() -> datetime:
    """The local time; READER_NOW (an ISO timestamp) overrides it, for tests only."""
    from reader.stats import parse_time

    fixed = parse_time(os.environ.get("READER_NOW"))
    return fixed if fixed is not None else datetime.now().astimezone()


def cmd_stats(args: argparse.Namespace) -> int:
    from reader.config import Config
    from reader.stats import compute_stats, format_stats

    with _open(args) as lib:
        entries = lib.select(lambda _: True, whole=False)  # stats read ids, titles, dates
    stats = compute_stats(entries, _now(), daily_goal=Config.load().daily_goal)
    if args.json:
        _print_json(stats)
    else:
        _emit(format_stats(stats))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from reader.store import Library

    path = _db(args)
    if getattr(args, "restore", None) is not None:
        from reader.store.repair import restore_backup

        print(clean_line(restore_backup(path, args.restore)))
        return 0
    problems = Library.check(path)
    for line in problems:
        print(clean_line(line))  # lines quote file names, which may hold escape sequences
    return 1 if any(line.startswith("error") for line in problems) else 0
