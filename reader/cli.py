"""The command line: thin, scriptable, and how tests drive Reader.

Exit status: 0 success, 1 bad input or unknown id, 2 usage error.
Every user-facing failure is one line on stderr; a traceback only with READER_DEBUG=1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.model import Entry, Status
from reader.paths import default_db_path
from reader.text import clean_line

Handler = Callable[[argparse.Namespace], int]


def _db(args: argparse.Namespace) -> Path:
    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else default_db_path()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _status_arg(text: str) -> Status:
    try:
        return Status.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _rating_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 5:
        raise argparse.ArgumentTypeError(f"rating must be 0 to 5 (0 clears), not {text!r}")
    return value


# --- the app ------------------------------------------------------------------

def cmd_app(args: argparse.Namespace) -> int:
    from reader.tui import run_app

    run_app(_db(args), theme=args.theme)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import tempfile

    from reader.demo import build_demo_library
    from reader.tui import run_app

    with tempfile.TemporaryDirectory(prefix="reader-demo-") as tmp:
        path = Path(tmp) / "library.json"
        build_demo_library(path)
        if args.print_only:
            args.db = str(path)
            args.status, args.tag, args.query, args.json = None, None, None, False
            return cmd_list(args)
        run_app(path, theme=args.theme, demo=True)
    return 0


# --- import -------------------------------------------------------------------

def cmd_import(args: argparse.Namespace) -> int:
    from reader.importer import import_files

    return import_files(_db(args), [Path(f) for f in args.files], fmt=args.format)


# --- reading the library back -----------------------------------------------------

def _open(args: argparse.Namespace, *, create: bool = False) -> Any:
    from reader.store import Library

    return Library.open(_db(args), create=create)


def _filtered(entries: list[Entry], args: argparse.Namespace) -> list[Entry]:
    if getattr(args, "status", None):
        entries = [e for e in entries if e.state.status is args.status]
    if getattr(args, "tag", None):
        entries = [e for e in entries if args.tag in e.state.tags]
    if getattr(args, "query", None):
        from reader.search import SearchIndex, parse_query

        query = parse_query(args.query)
        for problem in query.errors:
            print(f"reader: query: {problem}", file=sys.stderr)
        by_id = {e.paper.id: e for e in entries}
        entries = [by_id[i] for i in SearchIndex(entries).search(query) if i in by_id]
    return entries


def _line(entry: Entry) -> str:
    from reader.model import STATUS_GLYPHS

    rating = "★" * (entry.state.rating or 0)
    year = str(entry.paper.year or "")
    tags = " ".join(f"#{t}" for t in entry.state.tags)
    parts = [STATUS_GLYPHS[entry.state.status], entry.paper.id, year, entry.paper.title, rating,
             tags]
    return "  ".join(p for p in parts if p)


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        entries = _filtered(lib.entries(), args)
    if args.json:
        _print_json([e.to_dict() for e in entries])
    else:
        for entry in entries:
            print(_line(entry))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        entry = lib.entry(lib.resolve(args.id))
    if args.json:
        _print_json(entry.to_dict())
        return 0
    p, s = entry.paper, entry.state
    rows = [
        ("id", p.id), ("title", p.title), ("authors", ", ".join(p.authors)),
        ("year", str(p.year or "")), ("published", p.published or ""),
        ("arxiv", p.arxiv_id or ""), ("doi", p.doi or ""), ("venue", p.venue or ""),
        ("links", "\n       ".join(p.urls)), ("status", s.status.value),
        ("rating", str(s.rating or "")), ("tags", ", ".join(s.tags)), ("source", p.source),
    ]
    for key, value in rows:
        if value:
            print(f"{key:<7}{value}")
    if p.abstract:
        print(f"\n{p.abstract}")
    if s.note:
        print(f"\nnote:\n{s.note}")
    return 0


# --- changing reading state -------------------------------------------------------

def _change(args: argparse.Namespace, apply: Callable[[Any, str], Any]) -> int:
    with _open(args, create=True) as lib:
        pid = lib.resolve(args.id)
        change = apply(lib, pid)
    print(f"{change.paper_id}: {change.description}")
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    return _change(args, lambda lib, pid: lib.set_status(pid, args.status))


def cmd_rate(args: argparse.Namespace) -> int:
    return _change(args, lambda lib, pid: lib.set_rating(pid, args.rating or None))


def cmd_tag(args: argparse.Namespace) -> int:
    if args.remove:
        return _change(args, lambda lib, pid: lib.remove_tags(pid, args.tags))
    return _change(args, lambda lib, pid: lib.add_tags(pid, args.tags))


def cmd_note(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.text == "-" else args.text
    except UnicodeDecodeError:
        raise ReaderError("note: standard input is not UTF-8 text; nothing was changed") from None
    return _change(args, lambda lib, pid: lib.set_note(pid, text))


# --- export, related, stats, check ---------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    from reader.export.run import run_export

    with _open(args) as lib:
        entries = lib.entries()
    return run_export(entries, fmt=args.format, status=args.status, query=args.query,
                      all_=args.all, output=Path(args.output) if args.output else None,
                      force=args.force)


def cmd_related(args: argparse.Namespace) -> int:
    from reader.search import SearchIndex

    with _open(args) as lib:
        pid = lib.resolve(args.id)
        entries = lib.entries()
    by_id = {e.paper.id: e for e in entries}
    related = SearchIndex(entries).related(pid, k=args.k)
    if args.json:
        _print_json([by_id[i].to_dict() | {"score": round(score, 4)} for i, score in related])
    else:
        for i, score in related:
            print(f"{score:.3f}  {i}  {by_id[i].paper.title}")
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
        entries = lib.entries()
    stats = compute_stats(entries, _now(), daily_goal=Config.load().daily_goal)
    if args.json:
        _print_json(stats)
    else:
        print(format_stats(stats))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from reader.store import Library

    path = _db(args)
    problems = Library.check(path)
    for line in problems:
        print(line)
    return 1 if any(line.startswith("error") for line in problems) else 0


# --- the parser -------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="library file (default: $READER_DB or the user data dir)")
    parser = argparse.ArgumentParser(
        prog="reader", parents=[common],
        description="A terminal reading companion for research papers.")
    parser.add_argument("--theme", metavar="NAME", help="theme for the app (remembered)")
    parser.add_argument("--version", action="version",
                        version=f"reader {__import__('reader').__version__}")
    # No `db` default here: set_defaults would also reach the `--db` action shared with
    # every subcommand (argparse parents share actions) and reset `reader --db X cmd`.
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def add(name: str, func: Handler, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("demo", cmd_demo, "open the app on a throwaway copy of the demo library")
    p.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS)
    p.add_argument("--print", dest="print_only", action="store_true",
                   help="print the demo library instead of opening the app")

    p = add("import", cmd_import, "add papers from listings (format detected from content)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", metavar="NAME", help="force a format (see README)")

    p = add("list", cmd_list, "list papers")
    p.add_argument("--status", type=_status_arg)
    p.add_argument("--tag")
    p.add_argument("--query", "-q")
    p.add_argument("--json", action="store_true")

    p = add("show", cmd_show, "show one paper")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    p = add("mark", cmd_mark, "set a paper's status")
    p.add_argument("id")
    p.add_argument("status", type=_status_arg)

    p = add("rate", cmd_rate, "rate a paper 1 to 5 (0 clears)")
    p.add_argument("id")
    p.add_argument("rating", type=_rating_arg)

    p = add("tag", cmd_tag, "add (or --remove) tags")
    p.add_argument("id")
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.add_argument("--remove", action="store_true")

    p = add("note", cmd_note, "set a paper's note ('-' reads standard input)")
    p.add_argument("id")
    p.add_argument("text")

    p = add("export", cmd_export, "export the to-read list (default) or a selection, "
            "in queue order, then rating, then date added")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--status", type=_status_arg, help="papers with this status")
    group.add_argument("--query", "-q", help="papers the search query matches")
    group.add_argument("--all", action="store_true", help="every paper")
    p.add_argument("--format", "-f", default="md",
                   choices=["md", "csv", "bib", "json", "org", "html"],
                   help="md checklist (default), spreadsheet-safe csv, bib, json "
                        "(everything, re-importable), org, html (printable page)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write FILE atomically (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = add("related", cmd_related, "papers related to one paper")
    p.add_argument("id")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--json", action="store_true")

    p = add("stats", cmd_stats, "reading statistics")
    p.add_argument("--json", action="store_true")

    add("check", cmd_check, "verify a library file and report problems")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
        return result
    except ReaderError as exc:
        # Messages can quote file names and file content: no escape sequence reaches the terminal.
        print(f"reader: {clean_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("READER_DEBUG"):
            raise
        print(f"reader: internal error: {type(exc).__name__}: {clean_line(str(exc))} "
              "(set READER_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
