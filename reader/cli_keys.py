"""The citation-key commands: `reader cite`, `reader rekey`, `reader export --watch`,
and the `.bib` the config's `bib_export` keeps in sync after CLI changes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli_commands import _open
from reader.errors import ReaderError
from reader.model import Entry
from reader.text import clean_line

if TYPE_CHECKING:
    from reader.export.watch import Select
    from reader.store import Library


def cmd_cite(args: argparse.Namespace) -> int:
    from reader.config import Config
    from reader.export.cite import cite

    fmt = args.format or Config.load().cite_format
    with _open(args) as lib:
        keys = [lib.paper(lib.resolve(given)).key for given in args.ids]
    print(cite(keys, fmt))
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    with _open(args, create=True) as lib:
        pid = lib.resolve(args.id)
        old = lib.set_key(pid, args.key)
        new = lib.paper(pid).key
        if old == new:
            print(f"{pid}: key {new} (unchanged)")
        else:
            print(f"{pid}: key {old} → {new}")
        sync_bib_export(lib)
    return 0


def sync_bib_export(lib: Library) -> None:
    """Rewrite the config's `bib_export` file if the library's BibTeX changed (after a
    CLI change; the app does the same while it runs). A failure is one warning line:
    the change itself is saved."""
    from reader.config import Config

    path = Config.load().bib_export
    if not path:
        return
    from reader.export.watch import ExportFile

    try:
        ExportFile(Path(path), "bib").refresh(lib.entries())
    except ReaderError as exc:
        print(f"reader: warning: bib_export: {clean_line(str(exc))}", file=sys.stderr)


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


__all__ = ["cmd_cite", "cmd_export_watch", "cmd_rekey", "sync_bib_export"]
