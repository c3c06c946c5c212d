"""The `reader` commands that read or change the library (list, show, mark, rate, tag,
note, export, related, stats, check). `reader.cli` parses the arguments and calls them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.model import Entry, ReadingState
from reader.paths import default_db_path
from reader.text import clean_line, has_controls, sanitize


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


def _filtered(entries: list[Entry], args: argparse.Namespace) -> list[Entry]:
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
        entries = [by_id[i] for i in SearchIndex(entries).search(query) if i in by_id]
        for note in query.notes:
            print(f"reader: {note}", file=sys.stderr)
    return entries


def _line(entry: Entry) -> str:
    from reader.model import STATUS_GLYPHS

    rating = "★" * (entry.state.rating or 0)
    year = str(entry.paper.year or "")
    tags = " ".join(f"#{t}" for t in entry.state.tags)
    parts = [STATUS_GLYPHS[entry.state.status], clean_line(entry.paper.id), year,
             clean_line(entry.paper.title), rating, tags]
    return "  ".join(p for p in parts if p)


def _emit(text: str) -> None:
    """Print library text for a terminal. Imports sanitize it already; this is the
    last guard for a library file edited by hand (no escape sequence gets out)."""
    print(sanitize(text) if has_controls(text) else text)


def _keep(args: argparse.Namespace) -> Callable[[ReadingState], bool]:
    """`--status` and `--tag` as a test of a reading state."""
    status, tag = getattr(args, "status", None), getattr(args, "tag", None)
    return lambda s: (status is None or s.status is status) and (tag is None or tag in s.tags)


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        if getattr(args, "query", None):
            entries = _filtered(lib.entries(), args)
        else:  # the lines show only the id, year and title: no need for whole papers
            entries = lib.select(_keep(args), whole=args.json)
    if args.json:
        _print_json([e.to_dict() for e in entries])
    else:
        if entries:
            _emit("\n".join(_line(entry) for entry in entries))
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


# --- changing reading state -------------------------------------------------------

def _change(args: argparse.Namespace, apply: Callable[[Any, str], Any]) -> int:
    return _change_all(args, lambda lib, ids: apply(lib, ids[0]), [args.id])


def _change_all(args: argparse.Namespace, apply: Callable[[Any, list[str]], Any],
                given: list[str], *, query: str | None = None,
                pick: Callable[[Any], list[str]] | None = None) -> int:
    """Apply one change to the papers `given` (ids or prefixes), those `query`
    matches, or those `pick(library)` names: one lock, one write. One paper: its
    line; several: the count."""
    from reader.store import first_screen

    db = _db(args)
    with _open(args, create=True) as lib:
        if query is not None:
            ids = _matching(lib.entries(), query)
            if not ids:
                raise ReaderError(f"no paper matches {query!r}; nothing changed")
        elif pick is not None:
            ids = pick(lib)
        else:
            ids = [lib.resolve(text) for text in given]
        change = apply(lib, ids)
        if len(change.each) == 1:
            print(clean_line(f"{change.paper_id}: {change.description}"), flush=True)
        else:
            print(clean_line(change.description), flush=True)
        if first_screen.worth_refreshing(db):  # the app's next start shows it at once
            first_screen.remember(db, lib)
        from reader.cli_keys import sync_bib_export

        sync_bib_export(lib)
    return 0


def _matching(entries: list[Entry], query: str) -> list[str]:
    from reader.search import SearchIndex, parse_query

    parsed = parse_query(query)
    if parsed.errors:
        raise ReaderError(f"query: {parsed.errors[0]}; nothing changed")
    return SearchIndex(entries).search(parsed)


def _split_ids(lib: Any, words: list[str], *, rest_needed: bool) -> tuple[list[str], list[str]]:
    """`ID... VALUE...`: the leading words that name papers, and the rest (at
    least the last word). The first word must name a paper."""
    last = len(words) - 1 if rest_needed else len(words)
    ids: list[str] = []
    for i, word in enumerate(words[:last]):
        try:
            ids.append(lib.resolve(word))
        except ReaderError:
            if i == 0:
                raise
            return ids, words[i:]
    return ids, words[last:]


def cmd_mark(args: argparse.Namespace) -> int:
    from reader.model import Status

    words = list(args.words)
    if not words:
        raise ReaderError("mark: give the paper ids (or --query Q), then the status")
    try:
        status = Status.parse(words.pop())
    except ValueError as exc:  # a usage error, as argparse reports them
        print(f"reader mark: error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if args.query is None and not words:
        raise ReaderError("mark: give the paper ids (or --query Q) before the status")
    if args.query is not None and words:
        raise ReaderError("mark: give paper ids or --query, not both")
    return _change_all(args, lambda lib, ids: lib.set_status_many(ids, status), words,
                       query=args.query)


def cmd_rate(args: argparse.Namespace) -> int:
    return _change(args, lambda lib, pid: lib.set_rating(pid, args.rating or None))


def cmd_tag(args: argparse.Namespace) -> int:
    words: list[str] = list(args.words)
    tags: list[str] = words if args.query is not None else []

    def pick(lib: Any) -> list[str]:
        given, rest = _split_ids(lib, words, rest_needed=True)
        tags.extend(rest)
        return [lib.resolve(text) for text in given]

    def apply(lib: Any, ids: list[str]) -> Any:
        if not tags:
            raise ReaderError("tag: give the paper ids (or --query Q), then the tags")
        return (lib.remove_tags_many if args.remove else lib.add_tags_many)(ids, tags)

    return _change_all(args, apply, [], query=args.query,
                       pick=None if args.query is not None else pick)


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete papers; their reading state stays in the state file's backups."""
    if args.query is None and not args.ids:
        raise ReaderError("delete: give the paper ids (or --query Q)")
    if args.query is not None and args.ids:
        raise ReaderError("delete: give paper ids or --query, not both")
    return _change_all(args, lambda lib, ids: lib.delete_papers(ids), list(args.ids),
                       query=args.query)


def cmd_note(args: argparse.Namespace) -> int:
    clear = bool(getattr(args, "clear", False))
    append = bool(getattr(args, "append", False))
    if args.text is None:
        if not clear:  # no text: print the note
            with _open(args) as lib:
                note = lib.state(lib.resolve(args.id)).note
            if note:
                _emit(note)
            return 0
        return _change(args, lambda lib, pid: lib.set_note(pid, ""))
    if clear and append:
        raise ReaderError("note: --clear and --append do not go together; nothing was changed")
    try:
        text = sys.stdin.read() if args.text == "-" else args.text
    except UnicodeDecodeError:
        raise ReaderError("note: standard input is not UTF-8 text; nothing was changed") from None
    if clear and text.strip():
        raise ReaderError("note: --clear takes no note text; nothing was changed")
    if args.text == "-" and not text.strip() and not clear:
        raise ReaderError("note: standard input was empty; the note was kept "
                          "(to clear it: reader note ID --clear, or reader note ID '')")
    if append:
        return _change(args, lambda lib, pid: lib.append_note(pid, text))
    return _change(args, lambda lib, pid: lib.set_note(pid, text))


# --- export, related, stats, check ---------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    from reader.export.run import run_export

    if getattr(args, "watch", None):
        from reader.cli_keys import cmd_export_watch

        return cmd_export_watch(args)
    with _open(args) as lib:
        entries = lib.entries()
    return run_export(entries, fmt=args.format, status=args.status, query=args.query,
                      all_=args.all, output=Path(args.output) if args.output else None,
                      force=args.force)


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
