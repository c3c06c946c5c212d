"""`reader export`: select, order, format, then write to stdout or a file."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import ExportError
from reader.export import get_exporter, select_entries, write_atomic
from reader.export.common import count_papers
from reader.model import Entry, Status
from reader.text import clean_line


def run_export(entries: list[Entry], *, fmt: str, status: Status | None, query: str | None,
               all_: bool, output: Path | None, force: bool,
               now: datetime | None = None) -> int:
    """Export the selection (default: the to-read shelf) as `fmt`.

    Without `output` (or with `-`) the text goes to standard output (CSV gets its byte order
    mark only when stdout is not a terminal, i.e. redirected to a file). With
    `output` the file is written atomically, never over an existing file unless
    `force`, and "wrote N papers to PATH" goes to stderr. Failures raise
    ExportError (one line; the CLI prints it and exits 1).
    """
    exporter = get_exporter(fmt)
    now = now or datetime.now(UTC)
    if output is not None and str(output) == "-":
        output = None  # the usual spelling of standard output
    if query is not None:
        from reader.search import parse_query

        parsed = parse_query(query)
        for problem in parsed.errors:
            print(f"reader: query: {clean_line(problem)}", file=sys.stderr)
        if parsed.errors and not parsed.filters_anything:
            # Dropping the bad parts left no filter: exporting everything would surprise.
            raise ExportError(f"nothing left of the query {query!r} to select papers by; "
                              "fix it, or use --all to export the whole library")
    chosen = select_entries(entries, status=status, query=query, all_=all_)
    text = exporter.dump(chosen, now)
    if output is None:
        if exporter.encoding == "utf-8-sig" and not sys.stdout.isatty():
            text = "\ufeff" + text
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    output = output.expanduser()
    write_atomic(output, text, overwrite=force, encoding=exporter.encoding)
    print(f"wrote {count_papers(len(chosen))} to {clean_line(str(output))}", file=sys.stderr)
    return 0
