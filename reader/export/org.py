"""Org mode for Emacs users: one heading per paper, the status as a TODO keyword.

    #+TITLE: Reading list
    #+TODO: NEW TODO READING | DONE SKIPPED
    * TODO Attention Is All You Need                     :nlp:
      :PROPERTIES:
      :ID:       arxiv:1706.03762
      :KEY:      vaswani2017attention
      ...
      :END:
      [cite:@vaswani2017attention] [[https://arxiv.org/abs/1706.03762][arXiv:1706.03762]]
      #+begin_example
      the note, verbatim
      #+end_example

Org has no escape for text, so user text is kept out of places where it could
act: titles get a zero-width space inside `[[`/`]]` (no link can form), at a
trailing `:word:` (no fake tags) and after `src`/`call` before `_` (inline Babel
code such as `src_emacs-lisp{...}` or `call_name()` runs when Org exports the
file); notes go in an example block where Org's own comma escape protects lines
starting with `*` or `#+`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from reader.export.base import register
from reader.export.bibtex import entry_keys
from reader.export.cite import cite
from reader.export.common import best_link, count_papers, local_day, one_line, org_day
from reader.model import Entry, Status

KEYWORDS = {
    Status.NEW: "NEW",
    Status.TO_READ: "TODO",
    Status.READING: "READING",
    Status.READ: "DONE",
    Status.SKIPPED: "SKIPPED",
}
ZWSP = "\u200b"
_TAG_OK = re.compile(r"[^\w@#%]")
_BABEL = re.compile(r"(src|call)(_)", re.IGNORECASE)


def org_text(text: str) -> str:
    """One line of user text that Org shows literally in a heading or property."""
    text = one_line(text)
    text = text.replace("[[", f"[{ZWSP}[").replace("]]", f"]{ZWSP}]")
    text = _BABEL.sub(f"\\1{ZWSP}\\2", text)
    if re.search(r":\S+:$", text):
        text += ZWSP
    return text


def org_tag(tag: str) -> str:
    """Org tags allow letters, digits, `_@#%`: anything else becomes `_`."""
    return _TAG_OK.sub("_", one_line(tag))


def _block_line(line: str) -> str:
    # Org's example-block escape: a comma before `*` or `#+` at the start of a line.
    return re.sub(r"^(\s*)(,*(?:\*|#\+))", r"\1,\2", line)


def _link(url: str, label: str) -> str:
    target = url.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[[{target}][{label}]]"


def _heading(entry: Entry, key: str) -> list[str]:
    paper, state = entry.paper, entry.state
    head = f"* {KEYWORDS[state.status]} "
    if state.rating:
        head += f"[#{'ABCDE'[5 - state.rating]}] " if state.rating >= 3 else ""
    head += org_text(one_line(paper.title) or paper.id)
    tags = [t for t in (org_tag(t) for t in state.tags) if t]
    if tags:
        head += "  :" + ":".join(tags) + ":"
    props = [("ID", paper.id), ("KEY", key), ("AUTHORS", ", ".join(paper.authors)),
             ("YEAR", str(paper.year or "")), ("RATING", str(state.rating or "")),
             ("ARXIV", paper.arxiv_id or ""), ("DOI", paper.doi or ""),
             ("VENUE", paper.venue or ""), ("ADDED", paper.added_at)]
    lines = [head, "  :PROPERTIES:"]
    lines += [f"  :{k}: {org_text(v)}" for k, v in props if v]
    lines.append("  :END:")
    link = best_link(paper)
    cited = cite([key], "org")  # org-cite's form of pandoc's [@key]
    if link:
        label = org_text(f"arXiv:{paper.arxiv_id}") if paper.arxiv_id else "link"
        lines.append(f"  {cited} {_link(link, label)}")
    else:
        lines.append(f"  {cited}")
    if state.note.strip():
        lines.append("  #+begin_example")
        lines += [f"  {_block_line(line)}".rstrip() for line in state.note.splitlines()]
        lines.append("  #+end_example")
    return lines


class OrgExporter:
    name = "org"
    suffix = ".org"
    encoding = "utf-8"
    label = "Org mode (Emacs)"

    def dump(self, entries: Sequence[Entry], now: datetime) -> str:
        out = [
            "#+TITLE: Reading list",
            f"#+DATE: [{org_day(local_day(now))}]",
            "#+TODO: NEW TODO READING | DONE SKIPPED",
            f"# {count_papers(len(entries))} exported by Reader",
            "",
        ]
        for entry, key in zip(entries, entry_keys(entries), strict=True):
            out.extend(_heading(entry, key))
        return "\n".join(out) + "\n"


register(OrgExporter())
