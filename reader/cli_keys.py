"""The citation-key commands: `reader cite`, `reader rekey`, and the `.bib` the
config's `bib_export` keeps in sync after CLI changes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli_library import _open
from reader.errors import ReaderError
from reader.text import clean_line

if TYPE_CHECKING:
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


__all__ = ["cmd_cite", "cmd_rekey", "sync_bib_export"]
