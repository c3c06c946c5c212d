"""The `reader` argument parser: every command, its options and its help text.
`reader.cli.main` parses with it and calls the handler it names."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from reader.cli_app import cmd_app, cmd_demo
from reader.cli_export import cmd_export
from reader.cli_keys import cmd_cite, cmd_rekey
from reader.cli_library import (
    cmd_check,
    cmd_import,
    cmd_list,
    cmd_related,
    cmd_show,
    cmd_stats,
)
from reader.cli_net import cmd_add, cmd_fetch, cmd_resolve
from reader.cli_sync import cmd_merge, cmd_merge_driver, cmd_sync
from reader.cli_triage import cmd_delete, cmd_mark, cmd_note, cmd_rate, cmd_tag
from reader.model import Status

Handler = Callable[[argparse.Namespace], int]


def _status_arg(text: str) -> Status:
    try:
        return Status.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _rating_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 5:
        raise argparse.ArgumentTypeError(f"rating must be 0 to 5 (0 clears), not {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="library file (default: $READER_DB or the user data dir)")
    parser = argparse.ArgumentParser(
        prog="reader", parents=[common],
        description="A terminal reading companion for research papers.")
    parser.add_argument("--theme", metavar="NAME", help="theme for the app (remembered)")
    parser.add_argument("--version", action="version",
                        version=f"reader {__import__('reader').__version__}")
    # No `db` default here: set_defaults would also reach the `--db` action shared with
    # every subcommand (argparse parents share actions) and reset `reader --db X cmd`.
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def add(name: str, func: Handler, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("demo", cmd_demo, "open the app on a throwaway copy of the demo library")
    p.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS)
    p.add_argument("--print", dest="print_only", action="store_true",
                   help="print the demo library instead of opening the app")

    p = add("import", cmd_import, "add papers from listings (format detected from content)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", metavar="NAME", help="force a format (see README)")

    p = add("add", cmd_add, "add papers by arXiv id or link, DOI or Hugging Face paper "
            "link (metadata fetched)")
    p.add_argument("refs", nargs="+", metavar="ID_OR_LINK")

    p = add("fetch", cmd_fetch, "fetch new papers into the Inbox: `hf-daily [--date D]`, "
            "`arxiv CATEGORY [--days N]` or `arxiv --query Q`")
    p.add_argument("source", choices=["hf-daily", "arxiv"])
    p.add_argument("category", nargs="?", help="an arXiv category (cs.LG, hep-th...)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="hf-daily: that day's papers")
    p.add_argument("--days", type=int, metavar="N", help="arxiv: papers of the last N days")
    p.add_argument("--query", "-q", help="arxiv: a search (words, or arXiv syntax: ti:, au:)")
    p.add_argument("--max", type=int, default=200, metavar="N",
                   help="arxiv: at most N papers (default 200)")

    p = add("resolve", cmd_resolve, "find the arXiv record of papers known only by title "
            "(a pasted page): all of them, or the IDs given")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--all", action="store_true", help="every paper without an arXiv id or "
                   "DOI (the default)")

    p = add("list", cmd_list, "list papers")
    p.add_argument("--status", type=_status_arg)
    p.add_argument("--tag")
    p.add_argument("--query", "-q")
    p.add_argument("--json", action="store_true")

    p = add("show", cmd_show, "show one paper")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    p = add("mark", cmd_mark, "set the status of papers: ID... STATUS (one write)")
    p.add_argument("words", nargs="+", metavar="ID... STATUS",
                   help="paper ids (any unique prefix), then the status")
    p.add_argument("--query", "-q", help="every paper the search query matches, "
                   "instead of ids")

    p = add("rate", cmd_rate, "rate a paper 1 to 5 (0 clears)")
    p.add_argument("id")
    p.add_argument("rating", type=_rating_arg)

    p = add("tag", cmd_tag, "add (or --remove) tags: ID... TAG... (one write)")
    p.add_argument("words", nargs="+", metavar="ID... TAG",
                   help="paper ids (the leading words that name papers), then the tags")
    p.add_argument("--query", "-q", help="every paper the search query matches; all the "
                   "words are tags")
    p.add_argument("--remove", action="store_true")

    p = add("delete", cmd_delete, "delete papers (their reading state stays in the "
            "state file's backups)")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--query", "-q", help="every paper the search query matches")

    p = add("note", cmd_note, "set a paper's note ('-' reads standard input; "
            "no text prints it)")
    p.add_argument("id")
    p.add_argument("text", nargs="?", help="the note; '-' reads standard input, which "
                   "must not be empty unless --clear is given")
    p.add_argument("--clear", action="store_true",
                   help="clear the note (also allows an empty standard input)")
    p.add_argument("--append", action="store_true",
                   help="add the text after the note instead of replacing it")

    p = add("export", cmd_export, "export the to-read list (default) or a selection, "
            "in queue order, then rating, then date added")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--status", type=_status_arg, help="papers with this status")
    group.add_argument("--query", "-q", help="papers the search query matches")
    group.add_argument("--all", action="store_true", help="every paper")
    p.add_argument("--format", "-f", default="md",
                   choices=["md", "csv", "bib", "json", "org", "html", "csl", "ris"],
                   help="md checklist (default), spreadsheet-safe csv, bib, json "
                        "(everything, re-importable), org, html (printable page), csl "
                        "(CSL-JSON), ris")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write FILE atomically (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p.add_argument("--watch", metavar="PATH",
                   help="keep PATH equal to the export: rewritten atomically whenever the "
                        "library changes, until Ctrl-C (every paper unless --status or "
                        "--query; e.g. --format bib for a LaTeX project)")
    p.add_argument("--every", type=float, default=1.0, metavar="SECONDS",
                   help=argparse.SUPPRESS)  # how often --watch looks at the library

    p = add("cite", cmd_cite, "print the citation of papers (by id, key or prefix)")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--format", "-f", choices=["latex", "pandoc", "typst", "org"],
                   help="latex \\cite{a,b}, pandoc [@a; @b], typst @a @b, org [cite:@a;@b] "
                        "(default: cite_format in the config, else latex)")

    p = add("rekey", cmd_rekey, "give a paper a new citation key")
    p.add_argument("id")
    p.add_argument("key")

    p = add("related", cmd_related, "papers related to one paper")
    p.add_argument("id")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--json", action="store_true")

    p = add("stats", cmd_stats, "reading statistics")
    p.add_argument("--json", action="store_true")

    p = add("check", cmd_check, "verify a library file, report problems, fix file modes")
    p.add_argument("--restore", type=int, metavar="N",
                   help="replace the reading state with backup N (1 = newest); the current "
                        "state is saved as a backup first")

    p = add("merge", cmd_merge, "merge another copy of this library's reading-state or "
            "catalogue file into it (field by field; nothing is lost)")
    p.add_argument("file", metavar="OTHER_FILE")

    p = add("sync", cmd_sync, "sync the library through git: `sync init [REMOTE]` sets the "
            "folder up, `sync` commits, pulls, merges and pushes")
    p.add_argument("action", nargs="?", choices=["init"], help="init: set the folder up")
    p.add_argument("remote", nargs="?", metavar="REMOTE", help="a git remote (URL or path)")

    p = sub.add_parser("merge-driver", parents=[common],
                       help="(run by git) merge the library files; set up by `sync init`",
                       description="git's merge driver for the library files (%%O %%A %%B)")
    p.set_defaults(func=cmd_merge_driver)
    p.add_argument("ancestor")
    p.add_argument("current")
    p.add_argument("other")

    from reader.cli_read import add_read_parser

    add_read_parser(add)
    return parser
