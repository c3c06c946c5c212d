"""`reader` without a command (the app on the library) and `reader demo`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.cli_library import _db, cmd_list
from reader.errors import ReaderError
from reader.text import clean_line


def cmd_app(args: argparse.Namespace) -> int:
    from reader.tui import run_app

    db = _db(args)
    if not db.exists() and (getattr(args, "db", None) or os.environ.get("READER_DB")):
        _confirm_new_library(db)  # a mistyped --db must not become an empty library
    run_app(db, theme=args.theme)
    return 0


def _confirm_new_library(db: Path) -> None:
    """Ask before the app creates a library at a path given by hand (no terminal
    to ask on: refuse)."""
    shown = clean_line(str(db))
    if not sys.stdin.isatty():
        raise ReaderError(f"no library at {shown} (reader import FILE creates one)")
    try:
        answer = input(f"No library at {shown}. Create one there? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        raise ReaderError(f"no library at {shown}; nothing was created")


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
