"""Exporter contract, the registry, selection and ordering, atomic writes.

Every format is one module with one object that has `name` (what `--format`
takes), `suffix` (file extension), `encoding` (how the text goes to a file)
and `dump(entries, now) -> str`. Modules register themselves on import;
`reader.export` imports all of them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from reader.atomicfile import replace_file
from reader.errors import ExportError
from reader.model import Entry, Status


class Exporter(Protocol):
    name: str
    suffix: str
    """File extension with the dot, e.g. `.md`."""
    encoding: str
    """`utf-8`, or `utf-8-sig` (CSV: the BOM makes Excel read UTF-8)."""
    label: str
    """Human name shown in the app, e.g. `Markdown checklist`."""

    def dump(self, entries: Sequence[Entry], now: datetime) -> str: ...


EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add a format to the registry (called once by each format module)."""
    EXPORTERS[exporter.name] = exporter
    return exporter


# --- selection and ordering ----------------------------------------------------------

def order_key(entry: Entry) -> tuple[int, float, int, str]:
    """To-read queue position (unset last), then rating (high first), then date added."""
    pos = entry.state.queue_pos
    return (
        1 if pos is None else 0,
        0.0 if pos is None else float(pos),
        -(entry.state.rating or 0),
        entry.paper.added_at,
    )


def order_entries(entries: Sequence[Entry]) -> list[Entry]:
    """`entries` in export order (stable: equal keys keep the library's order)."""
    return sorted(entries, key=order_key)


def select_entries(entries: Sequence[Entry], *, status: Status | None = None,
                   query: str | None = None, all_: bool = False) -> list[Entry]:
    """Default (nothing given) = the to-read shelf. Ordered: queue, rating, added.

    `status` keeps one shelf, `query` keeps what the search language matches
    (reader.search), `all_` keeps everything. The order is the same for every
    selection so that an export reads like the to-read queue.
    """
    if all_:
        chosen = list(entries)
    elif query is not None and query.strip():
        from reader.search import SearchIndex, parse_query

        ids = set(SearchIndex(entries).search(parse_query(query)))
        chosen = [e for e in entries if e.paper.id in ids]
    else:
        wanted = status or Status.TO_READ
        chosen = [e for e in entries if e.state.status is wanted]
    return order_entries(chosen)


# --- writing -------------------------------------------------------------------------

def _check_target(path: Path, overwrite: bool) -> None:
    folder = path.parent
    if not folder.exists():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: {folder} is not a folder")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    if path.exists() and not overwrite:
        raise ExportError(f"{path} already exists (use --force to overwrite)")


def _write_into(path: Path, data: bytes) -> None:
    """Write to a pipe, a terminal or a device by opening it. Replacing it (a new file
    renamed over it) would turn /dev/null or a FIFO into a regular file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc} (it is not a "
                          "regular file)") from None
    try:
        with open(fd, "wb", closefd=False) as handle:
            handle.write(data)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str, *, overwrite: bool = True,
                 encoding: str = "utf-8") -> None:
    """Temp file in the same folder, fsync, rename. ExportError on failure.

    With `overwrite=False` an existing file is never replaced, not even one
    created by someone else while we were writing (hard link, not rename). A
    target that is not a regular file (a FIFO, /dev/null, a terminal, a link to
    one) is written by opening it, never replaced; a link to a regular file
    gets the file it points to replaced, and stays a link.
    The new file gets the usual permissions (0666 minus umask), or keeps those
    of the file it replaces. Nothing is left behind on failure.
    """
    path = Path(path)
    data = text.encode(encoding, errors="replace")  # lone surrogates only
    try:
        st: os.stat_result | None = os.stat(path)  # through symbolic links
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        _write_into(path, data)
        return
    if st is not None and path.is_symlink():  # replace the file it points to, not the link
        path = Path(os.path.realpath(path))
    _check_target(path, overwrite)
    try:
        replace_file(path, data, overwrite=overwrite)
    except FileExistsError:
        raise ExportError(f"{path} already exists (use --force to overwrite)") from None
    except PermissionError:
        raise ExportError(f"cannot write {path}: permission denied") from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def export_to_file(entries: Sequence[Entry], fmt: str, path: Path, now: datetime, *,
                   overwrite: bool = False) -> int:
    """Dump `entries` (already selected and ordered) as `fmt` into `path`; the count."""
    exporter = get_exporter(fmt)
    write_atomic(path, exporter.dump(entries, now), overwrite=overwrite,
                 encoding=exporter.encoding)
    return len(entries)


def default_export_dir() -> Path:
    """Where the app proposes to save: ~/Documents when it exists, else the current folder."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.cwd()


def default_filename(fmt: str, day: date) -> str:
    """`reading-list-2026-11-28.md`: the suffix follows the format."""
    return f"reading-list-{day.isoformat()}{get_exporter(fmt).suffix}"


def get_exporter(fmt: str) -> Exporter:
    """The exporter for `fmt`, or a one-line ExportError listing the formats."""
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r} (choose from {', '.join(EXPORTERS)})") from None
