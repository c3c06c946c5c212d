"""`reader import`: parse files, merge them into the library, say what happened.

Each file is parsed completely before anything is stored, so a file that
fails imports nothing, and the other files of the same command still import.
One line per file on stdout ("243 added, 0 updated, 0 unchanged from x.txt");
errors and skipped entries on stderr, one line each. A progress bar is shown
on stderr only when it is a terminal and the file is large.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader.errors import ReaderError
from reader.parsing import formats, parse_file
from reader.parsing.base import paused_gc
from reader.text import clean_line

if TYPE_CHECKING:
    from reader.store import Library

PROGRESS_MIN_PAPERS = 5000
"""Below this many papers an import is quick enough to need no progress bar."""
STATUS_MIN_BYTES = 4_000_000
"""Files larger than this show a "reading" spinner while they are parsed."""
MAX_WARNINGS = 20
"""Warnings printed per file; the rest are counted in one line."""

Progress = Callable[[int, int], None]


@contextmanager
def _progress_bar(label: str, total: int, stream: TextIO) -> Iterator[Progress | None]:
    """A rich progress bar on `stream` when it is a terminal and `total` is large."""
    if total < PROGRESS_MIN_PAPERS or not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=stream)
    # markup=False: the label holds a file name, which may contain "[bold]" and the like.
    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  MofNCompleteColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(clean_line(label), total=total)

        def update(done: int, _total: int) -> None:
            bar.update(task, completed=done)

        yield update
        bar.update(task, completed=total)


@contextmanager
def _reading(path: Path, stream: TextIO) -> Iterator[None]:
    """A spinner on `stream` while a large file is read, when it is a terminal."""
    try:
        large = path.is_file() and path.stat().st_size >= STATUS_MIN_BYTES
    except OSError:
        large = False
    if not large or not stream.isatty():
        yield
        return
    from rich.console import Console
    from rich.text import Text

    # A Text, not a str: rich would read a file name like "[bold]x.txt" as markup.
    with Console(file=stream).status(Text(f"reading {clean_line(path.name)}")):
        yield


def _warn(lines: list[str], stream: TextIO, kind: str = "warning",
          more: str = "skipped entries") -> None:
    for line in lines[:MAX_WARNINGS]:
        print(f"reader: {kind}: {clean_line(line)}", file=stream)
    if len(lines) > MAX_WARNINGS:
        print(f"reader: {kind}: ... and {len(lines) - MAX_WARNINGS} more {more}",
              file=stream)


def import_files(db_path: Path, files: list[Path], fmt: str | None = None,
                 *, stdout: TextIO | None = None, stderr: TextIO | None = None,
                 after: Callable[[Library], None] | None = None) -> int:
    """Import each file; one line per file on stdout; errors one line on stderr.
    Returns the exit status (1 if any file failed, 2 for an unknown --format).

    `after`, when some file was imported, gets the library, still open, once the
    last file is in (the app's first-screen cache is made from it)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if fmt is not None and fmt.strip().lower() not in formats():
        print(f"reader: unknown format {fmt!r} (known formats: {', '.join(formats())})",
              file=err)
        return 2  # a usage error, like argparse's
    status = 0
    library: Library | None = None
    try:
        for path in files:
            try:
                with _reading(path, err):
                    result = parse_file(path, fmt)
            except ReaderError as exc:
                print(f"reader: {clean_line(str(exc))}", file=err)
                status = 1
                continue
            _warn(result.warnings, err)
            if library is None:  # opened only once a file parsed: failures leave no trace
                from reader.store import Library

                created = not db_path.exists()
                library = Library.open(db_path, create=True)
                if created:
                    print(f"created a new library at {clean_line(str(db_path))}", file=err)
                if library.skipped:
                    print(f"reader: warning: {clean_line(library.skipped)}", file=err)
                from reader.cli_sync import report_copies

                report_copies(library)
            with (_progress_bar(f"importing {path.name}", len(result.papers), err) as progress,
                  paused_gc()):
                report = library.add_papers(result.papers, states=result.states or None,
                                            progress=progress)
            print(f"{report.added} added, {report.updated} updated, {report.unchanged} "
                  f"unchanged from {clean_line(path.name)}", file=out, flush=True)
            _warn(report.keys, err, "key", "citation key notes")
        if library is not None and after is not None:
            after(library)
    finally:
        if library is not None:
            library.close()
    return status


__all__ = ["import_files"]
