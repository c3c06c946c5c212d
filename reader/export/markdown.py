"""Markdown checklist to paste into a chat, an issue or a notes app.

    # Reading list
    2026-11-28 · 3 papers

    - [ ] [Attention Is All You Need](https://arxiv.org/abs/1706.03762) — A. Vaswani et al.
      (2017) ★★★★★ #nlp [@vaswani2017attention]   (one line in the output)
      > first lines of the note

Each paper ends with its citation key as pandoc cites it (`[@key]`), so the list
can be pasted into a manuscript. Every piece of user text is escaped (CommonMark
backslash escapes) so a title cannot close its link, start a heading or smuggle
raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from reader.export.base import register
from reader.export.bibtex import entry_keys
from reader.export.cite import cite
from reader.export.common import (
    best_link,
    count_papers,
    local_day,
    note_excerpt,
    one_line,
    short_authors,
    stars,
)
from reader.model import Entry, Status

# Punctuation with an inline meaning in CommonMark or GFM (emphasis, code, links,
# raw HTML and entities, tables, strikethrough, math).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$])")
# What starts a block when it opens a line: heading, list, quote, rule, ordered list.
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Literal inline text in Markdown: meaningful punctuation backslash-escaped."""
    return _INLINE.sub(r"\\\1", text)


def md_escape_line(text: str) -> str:
    """Like md_escape, and the line cannot start a heading, list or quote."""
    text = md_escape(text.strip())
    return _BLOCK_START.sub(lambda m: m.group(1) + _escape_lead(m.group(2)), text, count=1)


def _escape_lead(lead: str) -> str:
    return lead + "\\" if lead.isdigit() else "\\" + lead


def _item(entry: Entry, key: str) -> list[str]:
    paper, state = entry.paper, entry.state
    box = "[x]" if state.status is Status.READ else "[ ]"
    title = md_escape(one_line(paper.title) or paper.id)
    link = best_link(paper)
    head = f"[{title}]({link})" if link else f"**{title}**"
    details = []
    authors = short_authors(paper.authors)
    if authors:
        details.append(md_escape(authors))
    if paper.year:
        details.append(f"({paper.year})")
    if state.rating:
        details.append(stars(state.rating))
    if state.tags:
        details.append(" ".join(md_escape(f"#{one_line(t)}") for t in state.tags))
    line = f"- {box} {head}"
    if details:
        line += " — " + " ".join(details)
    if key:
        line += " " + cite([key], "pandoc")
    lines = [line]
    lines += [f"  > {md_escape_line(n)}" for n in note_excerpt(state.note)]
    return lines


class MarkdownExporter:
    name = "md"
    suffix = ".md"
    encoding = "utf-8"
    label = "Markdown checklist"

    def dump(self, entries: Sequence[Entry], now: datetime) -> str:
        out = ["# Reading list", "", f"{local_day(now)} · {count_papers(len(entries))}", ""]
        for entry, key in zip(entries, entry_keys(entries), strict=True):
            out.extend(_item(entry, key))
        return "\n".join(out) + "\n"


register(MarkdownExporter())
