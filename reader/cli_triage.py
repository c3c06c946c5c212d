"""The `reader` commands that change reading state (mark, rate, tag, delete, note):
one lock and one write for all the papers given, then the app's first-screen cache and
the config's `bib_export` refreshed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from reader.cli_library import _db, _emit, _open
from reader.errors import ReaderError
from reader.model import Entry
from reader.text import clean_line


def _change(args: argparse.Namespace, apply: Callable[[Any, str], Any]) -> int:
    return _change_all(args, lambda lib, ids: apply(lib, ids[0]), [args.id])


def _change_all(args: argparse.Namespace, apply: Callable[[Any, list[str]], Any],
                given: list[str], *, query: str | None = None,
                pick: Callable[[Any], list[str]] | None = None) -> int:
    """Apply one change to the papers `given` (ids or prefixes), those `query`
    matches, or those `pick(library)` names: one lock, one write. One paper: its
    line; several: the count."""
    from reader.store import first_screen

    db = _db(args)
    with _open(args, create=True) as lib:
        if query is not None:
            ids = _matching(lib.entries(), query)
            if not ids:
                raise ReaderError(f"no paper matches {query!r}; nothing changed")
        elif pick is not None:
            ids = pick(lib)
        else:
            ids = [lib.resolve(text) for text in given]
        change = apply(lib, ids)
        if len(change.each) == 1:
            print(clean_line(f"{change.paper_id}: {change.description}"), flush=True)
        else:
            print(clean_line(change.description), flush=True)
        if first_screen.worth_refreshing(db):  # the app's next start shows it at once
            first_screen.remember(db, lib)
        from reader.cli_keys import sync_bib_export

        sync_bib_export(lib)
    return 0


def _matching(entries: list[Entry], query: str) -> list[str]:
    from reader.search import SearchIndex, parse_query

    parsed = parse_query(query)
    if parsed.errors:
        raise ReaderError(f"query: {parsed.errors[0]}; nothing changed")
    return SearchIndex(entries).search(parsed)


def _split_ids(lib: Any, words: list[str], *, rest_needed: bool) -> tuple[list[str], list[str]]:
    """`ID... VALUE...`: the leading words that name papers, and the rest (at
    least the last word). The first word must name a paper."""
    last = len(words) - 1 if rest_needed else len(words)
    ids: list[str] = []
    for i, word in enumerate(words[:last]):
        try:
            ids.append(lib.resolve(word))
        except ReaderError:
            if i == 0:
                raise
            return ids, words[i:]
    return ids, words[last:]


def cmd_mark(args: argparse.Namespace) -> int:
    from reader.model import Status

    words = list(args.words)
    if not words:
        raise ReaderError("mark: give the paper ids (or --query Q), then the status")
    try:
        status = Status.parse(words.pop())
    except ValueError as exc:  # a usage error, as argparse reports them
        print(f"reader mark: error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if args.query is None and not words:
        raise ReaderError("mark: give the paper ids (or --query Q) before the status")
    if args.query is not None and words:
        raise ReaderError("mark: give paper ids or --query, not both")
    return _change_all(args, lambda lib, ids: lib.set_status_many(ids, status), words,
                       query=args.query)


def cmd_rate(args: argparse.Namespace) -> int:
    return _change(args, lambda lib, pid: lib.set_rating(pid, args.rating or None))


def cmd_tag(args: argparse.Namespace) -> int:
    words: list[str] = list(args.words)
    tags: list[str] = words if args.query is not None else []

    def pick(lib: Any) -> list[str]:
        given, rest = _split_ids(lib, words, rest_needed=True)
        tags.extend(rest)
        return [lib.resolve(text) for text in given]

    def apply(lib: Any, ids: list[str]) -> Any:
        if not tags:
            raise ReaderError("tag: give the paper ids (or --query Q), then the tags")
        return (lib.remove_tags_many if args.remove else lib.add_tags_many)(ids, tags)

    return _change_all(args, apply, [], query=args.query,
                       pick=None if args.query is not None else pick)


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete papers; their reading state stays in the state file's backups."""
    if args.query is None and not args.ids:
        raise ReaderError("delete: give the paper ids (or --query Q)")
    if args.query is not None and args.ids:
        raise ReaderError("delete: give paper ids or --query, not both")
    return _change_all(args, lambda lib, ids: lib.delete_papers(ids), list(args.ids),
                       query=args.query)


def cmd_note(args: argparse.Namespace) -> int:
    clear = bool(getattr(args, "clear", False))
    append = bool(getattr(args, "append", False))
    if args.text is None:
        if not clear:  # no text: print the note
            with _open(args) as lib:
                note = lib.state(lib.resolve(args.id)).note
            if note:
                _emit(note)
            return 0
        return _change(args, lambda lib, pid: lib.set_note(pid, ""))
    if clear and append:
        raise ReaderError("note: --clear and --append do not go together; nothing was changed")
    try:
        text = sys.stdin.read() if args.text == "-" else args.text
    except UnicodeDecodeError:
        raise ReaderError("note: standard input is not UTF-8 text; nothing was changed") from None
    if clear and text.strip():
        raise ReaderError("note: --clear takes no note text; nothing was changed")
    if args.text == "-" and not text.strip() and not clear:
        raise ReaderError("note: standard input was empty; the note was kept "
                          "(to clear it: reader note ID --clear, or reader note ID '')")
    if append:
        return _change(args, lambda lib, pid: lib.append_note(pid, text))
    return _change(args, lambda lib, pid: lib.set_note(pid, text))
