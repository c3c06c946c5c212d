"""The `reader` commands that read the library (list, show, related, stats, check) or
fill it from files (import), and how every command opens the library at --db."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.model import Entry, Paper, ReadingState
from reader.paths import default_db_path
from reader.text import clean_line, has_controls, sanitize

if TYPE_CHECKING:
    from reader.store import Library


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


def _emit(text: str) -> None:
    """Print library text for a terminal. Imports sanitize it already; this is the
    last guard for a library file edited by hand (no escape sequence gets out)."""
    print(sanitize(text) if has_controls(text) else text)


def _keep(args: argparse.Namespace) -> Callable[[ReadingState], bool]:
    """`--status` and `--tag` as a test of a reading state."""
    status, tag = getattr(args, "status", None), getattr(args, "tag", None)
    return lambda s: (status is None or s.status is status) and (tag is None or tag in s.tags)


def cmd_list(args: argparse.Namespace) -> int:
    from reader import cli_listing

    lines: list[str] | None = None
    papers: tuple[list[Paper], list[ReadingState]] | None = None
    with _open(args) as lib:
        if getattr(args, "query", None):
            from reader.quick_search.listing import quick_list

            plain = not (getattr(args, "status", None) or getattr(args, "tag", None))
            keep = None if plain else _keep(args)
            if args.json:
                papers = quick_list(lib, _db(args), args.query, keep,
                                    lambda rows: cli_listing.papers_at(lib, rows))
            else:
                lines = quick_list(lib, _db(args), args.query, keep,
                                   lambda rows: cli_listing.lines_at(lib, rows))
            answered = papers is not None or lines is not None
            entries = [] if answered else _filtered(lib.entries(), args, lib)
        else:  # the lines show only the id, year and title: no need for whole papers
            entries = lib.select(_keep(args), whole=args.json)
    if args.json:
        cli_listing.print_json(*(papers or ([e.paper for e in entries],
                                            [e.state for e in entries])))
        return 0
    if lines is None:
        lines = cli_listing.entry_lines(entries)
    if lines:
        _emit("\n".join(lines))
    return 0


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
