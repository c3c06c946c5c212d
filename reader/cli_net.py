"""The commands that reach papers over the network: `reader add`, `reader fetch`,
`reader resolve`. One line per paper on stdout; the number of requests and the time
they took on stderr; a fault is one line, exit status 1, and what was fetched
before it is kept (resolve says how to go on)."""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reader.cli_library import _db
from reader.errors import ReaderError
from reader.text import clean_line, sanitize

if TYPE_CHECKING:
    from reader.net import Client
    from reader.store import Library

__all__ = ["cmd_add", "cmd_fetch", "cmd_resolve"]


def _say(line: str) -> None:
    print(sanitize(line, multiline=False), flush=True)


def _warn(line: str) -> None:
    print(f"reader: {clean_line(line)}", file=sys.stderr, flush=True)


@contextmanager
def _session(args: argparse.Namespace) -> Iterator[tuple[Library, Client]]:
    """The library (created if needed) and a client; the request count and time on
    stderr at the end, and the first-screen cache refreshed for the app."""
    from reader.cli_keys import sync_bib_export
    from reader.net import Client
    from reader.store import Library
    from reader.store.first_screen import remember

    started = time.monotonic()
    from reader.cli_sync import report_copies

    with Client() as http, Library.open(_db(args), create=True) as library:
        report_copies(library)  # conflict copies left by Syncthing or Dropbox
        try:
            yield library, http
        finally:
            seconds = time.monotonic() - started
            plural = "" if http.requests == 1 else "s"
            print(f"reader: {http.requests} request{plural} in {seconds:.1f} s",
                  file=sys.stderr, flush=True)
        remember(_db(args), library)
        sync_bib_export(library)


@contextmanager
def _bar(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr when it is a terminal; `advance(n)` moves it."""
    if not sys.stderr.isatty() or total < 2:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  MofNCompleteColumn(), console=Console(file=sys.stderr),
                  transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def cmd_add(args: argparse.Namespace) -> int:
    from reader.ids import parse_ref
    from reader.sources.adding import add_refs

    if not any(parse_ref(text) for text in args.refs):  # nothing to fetch: no library
        for text in args.refs:
            _warn(f"not an id: {text!r} (expected an arXiv id or link, a DOI or a Hugging "
                  "Face paper link)")
        return 1
    with _session(args) as (library, http):
        results = add_refs(library, http, list(args.refs))
    for result in results:
        (_warn if result.failed else _say)(result.line())
    return 1 if any(r.failed for r in results) else 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from reader.sources import arxiv
    from reader.sources.listing import Fetched, fetch_arxiv, fetch_hf_daily, since_days

    if args.source == "hf-daily":
        if args.category or args.query or args.days is not None:
            _warn("fetch hf-daily takes only --date")
            return 2
        if args.date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
            _warn(f"not a date: {args.date!r} (use YYYY-MM-DD)")
            return 2
        with _session(args) as (library, http):
            done = fetch_hf_daily(library, http, args.date)
        what = f"Hugging Face daily papers ({args.date or 'latest'})"
    else:
        if args.date or bool(args.category) == bool(args.query):
            _warn("fetch arxiv takes a CATEGORY or --query Q (and --days, --max)")
            return 2
        try:
            query = arxiv.category_query(args.category) if args.category else \
                arxiv.user_query(args.query)
        except ValueError as exc:
            _warn(str(exc))
            return 2
        since = since_days(args.days) if args.days is not None else None
        with _session(args) as (library, http), _bar(args.max, "fetching") as advance:
            seen = [0]

            def page(so_far: Fetched, _total: int | None) -> None:
                got = so_far.added + so_far.updated + so_far.unchanged
                if advance is not None:
                    advance(got - seen[0])
                seen[0] = got

            done = fetch_arxiv(library, http, query, limit=args.max, since=since,
                               progress=page)
        what = f"arXiv {args.category or args.query}"
    for warning in done.warnings[:20]:
        _warn(f"warning: {warning}")
    _say(done.line(what))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from reader.net import FetchCancelled
    from reader.sources.resolving import Resolved, pending, resolve

    if args.ids and args.all:
        _warn("give paper ids or --all, not both")
        return 2
    counts: dict[str, int] = {}

    def summary() -> str:
        return ", ".join(f"{n} {what}" for what, n in counts.items()) or "nothing"

    with _session(args) as (library, http):
        papers = pending(library, args.ids or None)
        if not papers:
            _say("nothing to resolve (every paper has an arXiv id or a DOI)")
            return 0
        with _bar(len(papers), "resolving titles") as advance:
            def report(batch: list[Resolved]) -> None:
                for result in batch:
                    counts[result.outcome] = counts.get(result.outcome, 0) + 1
                    _say(result.line())
                if advance is not None:
                    advance(len(batch))
            try:
                resolve(library, http, papers, report=report)
            except (ReaderError, KeyboardInterrupt) as exc:
                stopped = ("interrupted" if isinstance(exc, KeyboardInterrupt | FetchCancelled)
                           else str(exc))
                _warn(f"{stopped}; kept: {summary()} of {len(papers)}; `reader resolve` "
                      "goes on with the rest")
                return 130 if isinstance(exc, KeyboardInterrupt) else 1
    _say(f"{summary()} of {len(papers)}")
    return 0
