"""`reader export`: the selection written once (to a file or standard output), or kept
equal to a file with --watch."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli_library import _open
from reader.errors import ReaderError
from reader.model import Entry
from reader.text import clean_line

if TYPE_CHECKING:
    from reader.export.watch import Select


def cmd_export(args: argparse.Namespace) -> int:
    from reader.export.run import run_export

    if getattr(args, "watch", None):
        return cmd_export_watch(args)
    with _open(args) as lib:
        entries = lib.entries()
    return run_export(entries, fmt=args.format, status=args.status, query=args.query,
                      all_=args.all, output=Path(args.output) if args.output else None,
                      force=args.force)


def _selection(args: argparse.Namespace) -> Select:
    """What the watched file holds: every paper in library order (citations must not
    vanish from a manuscript's .bib when a paper is marked read), unless --status or
    --query narrow it (then in export order)."""
    from reader.export import select_entries

    if args.status is None and args.query is None:
        return list

    def select(entries: Sequence[Entry]) -> list[Entry]:
        return select_entries(entries, status=args.status, query=args.query)
    return select


def cmd_export_watch(args: argparse.Namespace) -> int:
    from reader.export.watch import ExportFile, watch, written_by_reader

    path = Path(args.watch).expanduser()
    if args.output:
        raise ReaderError("export: give the file once, with --watch PATH (not also -o)")
    if path.exists() and not args.force and not written_by_reader(path):
        raise ReaderError(f"{path} already exists and was not written by Reader's export "
                          "(use --force to let the watch replace it)")
    target = ExportFile(path, args.format, _selection(args))

    def report(line: str) -> None:
        print(clean_line(line), file=sys.stderr, flush=True)

    with _open(args) as lib:
        try:
            watch(target, changed=lib.reload_if_changed, entries=lib.entries, report=report,
                  every=args.every)
        except KeyboardInterrupt:
            report(f"stopped watching; {path} is up to date")
    return 0


__all__ = ["cmd_export", "cmd_export_watch"]
