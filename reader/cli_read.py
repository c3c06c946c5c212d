"""`reader read ID`: a paper's full text as Markdown or plain text (through $PAGER on
a terminal, plain when piped). The work is in `reader.fulltext`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.errors import ReaderError, UnknownPaperError
from reader.model import Paper

if TYPE_CHECKING:  # (every command builds the parser, which imports this module)
    from reader.fulltext.document import Document

TEXT_WIDTH = 100


def _paper(args: argparse.Namespace) -> Paper:
    """The library's paper for ID; an arXiv id or link not in the library is read too."""
    from reader.cli_library import _db
    from reader.ids import ARXIV_ID_RE

    path = _db(args)
    if path.exists():
        from reader.store.quick import QuickLibrary  # one paper: no need to parse them all

        with QuickLibrary.open(path) as lib:
            try:
                return lib.paper(lib.resolve(args.id))
            except UnknownPaperError:
                pass
    found = ARXIV_ID_RE.search(args.id.removeprefix("arxiv:"))
    if found is None:
        raise UnknownPaperError(f"no paper {args.id!r} in the library (an arXiv id also works)")
    return Paper(id=f"arxiv:{found.group(1)}", title=f"arXiv:{found.group(1)}",
                 arxiv_id=found.group(1))


def _section(doc: Document, wanted: str) -> int:
    key = wanted.strip().lower().rstrip(".")
    for index, section in enumerate(doc.sections):
        if section.number.lower() == key:
            return index
    for index, section in enumerate(doc.sections):
        if section.title.lower().startswith(key):
            return index
    numbers = ", ".join(s.number or s.title for s in doc.sections if s.level == 1)
    raise ReaderError(f"no section {wanted!r} in this paper (sections: {numbers})")


def render(doc: Document, fmt: str, section: int | None, width: int) -> str:
    if fmt == "md":
        from reader.fulltext.markdown import to_markdown

        return to_markdown(doc, section=section)
    from reader.fulltext.flow import flows
    from reader.fulltext.layout import as_text
    from reader.fulltext.markdown import section_range

    all_flows = flows(doc)
    if section is not None:
        keep = set(section_range(doc, section))
        all_flows = [f for f in all_flows if f.section in keep]
    return as_text(all_flows, width)


def cmd_read(args: argparse.Namespace) -> int:
    import shlex
    import shutil
    import subprocess

    from reader.fulltext.loader import load_document

    paper = _paper(args)
    doc = load_document(paper)
    section = _section(doc, args.section) if args.section else None
    tty = sys.stdout.isatty()
    width = min(TEXT_WIDTH, shutil.get_terminal_size((TEXT_WIDTH, 24)).columns) if tty \
        else TEXT_WIDTH
    text = render(doc, args.format, section, width)
    for warning in doc.warnings:
        print(f"reader: {warning}", file=sys.stderr)
    pager = os.environ.get("PAGER", "").strip()
    if tty and pager:
        try:
            subprocess.run(shlex.split(pager), input=text.encode("utf-8"), check=False)
            return 0
        except (OSError, ValueError):
            pass  # a PAGER that does not run: print instead
    sys.stdout.write(text)
    return 0


def add_read_parser(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Register `reader read` (called by reader.cli.build_parser)."""
    p = add("read", cmd_read,
                                     "print a paper's full text (arXiv HTML, else its PDF)")
    p.add_argument("id", help="a paper of the library (any unique prefix), or an arXiv id")
    p.add_argument("--format", "-f", choices=["md", "text"], default="md",
                   help="Markdown (default) or plain text wrapped at 100 columns")
    p.add_argument("--section", "-s", metavar="N",
                   help="only this section (its number, e.g. 3 or 2.1 or A, or a title)")
