"""The `reader` commands that merge and sync libraries between machines: merge,
merge-driver (run by git), sync init / sync. `reader.cli` registers them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli_library import _db
from reader.errors import ReaderError
from reader.text import clean_line


def report_copies(library: object) -> None:
    """Merge the conflict copies a sync tool left beside the library; one line each."""
    from reader.store import Library
    from reader.sync.copies import merge_copies_quietly

    if isinstance(library, Library):
        for line in merge_copies_quietly(library):
            print(f"reader: {clean_line(line)}", file=sys.stderr)


def cmd_merge(args: argparse.Namespace) -> int:
    from reader.store import Library

    other = Path(args.file).expanduser()
    with Library.open(_db(args), create=True) as lib:
        report_copies(lib)
        report = lib.merge_file(other)
    what = "reading state" if report.kind == "state" else "catalogue"
    print(f"merged the {what} of {clean_line(str(other))}: {report.describe()}")
    return 0


def cmd_merge_driver(args: argparse.Namespace) -> int:
    """git's merge driver: merge %B into %A (the result stays in %A); %O is not needed
    (the merge is by stamps, not by a common ancestor). Non-zero: git keeps the
    conflict (and %A unchanged: never conflict markers)."""
    from reader.store.merging import merge_into

    try:
        merge_into(Path(args.current), Path(args.other))
    except ReaderError as exc:
        print(f"reader merge-driver: {clean_line(str(exc))}", file=sys.stderr)
        return 1
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from reader.sync import git

    db = _db(args)
    lines = git.init(db, args.remote) if args.action == "init" else git.sync(db)
    if any(line.startswith("merged the remote's changes") for line in lines):
        from reader.store import Library

        with Library.open(db, create=False) as lib:  # git merged each file alone
            joined = lib.join_aliases()
        if joined:
            lines.append(f"joined the reading state of {joined} paper"
                         f"{'s' if joined != 1 else ''} the other copy knows by another "
                         "id (committed at the next sync)")
    for line in lines:
        print(f"sync: {clean_line(line)}")
    return 0
