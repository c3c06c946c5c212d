"""BibTeX for Zotero, JabRef and LaTeX.

- Keys are the papers' citation keys (`vaswani2017attention`, or the key of the
  file the paper came from), so a manuscript's `\\cite{...}` keeps working after
  any re-export. They hold none of the characters BibTeX reads as syntax (spaces,
  braces, commas, quotes, `%`, `#`); a paper without one (entries built outside a
  library) gets the generated `familyYEARword`, suffixed a, b, ... when taken.
- arXiv papers are `@misc` with `eprint`, `archivePrefix` (and `primaryClass`,
  the primary arXiv category, when known); papers with a venue are `@inproceedings` (conference
  names) or `@article`; the rest `@misc`.
- `url` and `doi` stay verbatim (only `\\ { }` and spaces percent-encoded), as
  Zotero does: LaTeX reads them verbatim, so `\\_` would break the link.
- Every other value is escaped with a map that leaves no user brace in the output
  (`{` -> `\\textbraceleft{}`): BibTeX counts braces even after a backslash, so
  `\\{` would still let a title swallow the entry. Acronyms and
  mixed-case words in titles are then protected with braces (`{BERT}`), the only
  braces besides the field delimiters. Newlines become spaces.
- The reading note goes to `annote` (Zotero imports it as a note, JabRef shows
  it, bibliography styles do not print it); tags go to `keywords`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from reader.citekeys import base_key, clean_key, fold_key, unique_key
from reader.export.base import register
from reader.export.common import best_link, local_day, one_line
from reader.model import Entry, Paper

HEADER = "% Exported by Reader"
"""How every BibTeX export starts (`--watch` overwrites such a file without --force)."""

ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "^": r"\^{}",
    "~": r"\~{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
_ESCAPE_TABLE = str.maketrans(ESCAPES)
_WORD = re.compile(r"[^\W_][\w'’-]*")
_CONFERENCE = re.compile(
    r"conference|proceedings|workshop|symposium|\b(neurips|nips|icml|iclr|cvpr|iccv|eccv|"
    r"acl|emnlp|naacl|coling|aaai|ijcai|kdd|sigir|www|interspeech|icassp|miccai)\b", re.I)
_ARXIV_CATEGORY = re.compile(r"^([a-z][a-z\-]+(?:\.[A-Za-z\-]+)?)/\d{7}$")


def bib_escape(text: str) -> str:
    """One line of text as a safe BibTeX/LaTeX value: no user brace survives."""
    return one_line(text).translate(_ESCAPE_TABLE)


def bib_verbatim(text: str) -> str:
    """A `url` or `doi` value: left as is (LaTeX's \\url and biblatex read these fields
    verbatim, so `\\_` would show as a backslash and break the link); only what would
    upset BibTeX's brace counting, and spaces, are percent-encoded."""
    return (one_line(text).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
            .replace(" ", "%20"))


def protect_case(escaped: str) -> str:
    """Wrap words with a capital after their first letter (BERT, ImageNet, LLMs) in
    braces so styles that lowercase titles keep them. Runs on escaped text: LaTeX
    commands from the escape map are lower-case and never wrapped."""
    def wrap(m: re.Match[str]) -> str:
        word = m.group(0)
        rest = word[1:]
        return "{" + word + "}" if rest != rest.lower() else word
    return _WORD.sub(wrap, escaped)


def entry_keys(entries: Sequence[Entry]) -> list[str]:
    """The citation key of each entry: its own (clean, unique in a library), else the
    generated one; any repeat (entries not from one library) suffixed a, b, ..."""
    taken: set[str] = set()
    tried: dict[str, int] = {}
    out: list[str] = []
    for entry in entries:
        key = unique_key(clean_key(entry.paper.key) or base_key(entry.paper), taken, tried)
        taken.add(fold_key(key))
        out.append(key)
    return out


def _author(name: str) -> str:
    value = bib_escape(name)
    # " and " inside one name (an organisation) would split it into two authors.
    if re.search(r"\band\b", value, re.I) or not value:
        return "{" + value + "}"
    return value


def _entry_type(paper: Paper) -> tuple[str, str | None]:
    if paper.arxiv_id:
        return "misc", None
    if paper.venue:
        return ("inproceedings", "booktitle") if _CONFERENCE.search(paper.venue) \
            else ("article", "journal")
    return "misc", None


def fields(entry: Entry) -> list[tuple[str, str]]:
    """The (name, already-escaped value) pairs of one entry, in output order."""
    paper, state = entry.paper, entry.state
    out: list[tuple[str, str]] = [
        ("title", protect_case(bib_escape(one_line(paper.title) or paper.id))),
    ]
    if paper.authors:
        out.append(("author", " and ".join(_author(a) for a in paper.authors)))
    if paper.year:
        out.append(("year", str(paper.year)))
    if paper.published:
        out.append(("date", bib_escape(paper.published)))
    _, venue_field = _entry_type(paper)
    if venue_field and paper.venue:
        out.append((venue_field, bib_escape(paper.venue)))
    elif paper.venue:
        out.append(("howpublished", bib_escape(paper.venue)))
    if paper.arxiv_id:
        out.append(("eprint", bib_escape(paper.arxiv_id)))
        out.append(("archivePrefix", "arXiv"))
        m = _ARXIV_CATEGORY.match(paper.arxiv_id)
        primary = paper.categories[0] if paper.categories else m.group(1) if m else ""
        if primary:
            out.append(("primaryClass", bib_escape(primary)))
    if paper.doi:
        out.append(("doi", bib_verbatim(paper.doi)))
    url = best_link(paper)
    if url and not url.startswith("https://doi.org/"):
        out.append(("url", bib_verbatim(url)))
    if paper.abstract:
        out.append(("abstract", bib_escape(paper.abstract)))
    if state.tags:
        out.append(("keywords", ", ".join(bib_escape(t) for t in state.tags)))
    if state.note.strip():
        out.append(("annote", bib_escape(state.note)))
    return out


class BibtexExporter:
    name = "bib"
    suffix = ".bib"
    encoding = "utf-8"
    label = "BibTeX (Zotero, JabRef)"

    def dump(self, entries: Sequence[Entry], now: datetime) -> str:
        blocks = [f"{HEADER} on {local_day(now)}: {len(entries)} entries\n"]
        for entry, key in zip(entries, entry_keys(entries), strict=True):
            kind, _ = _entry_type(entry.paper)
            body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields(entry))
            blocks.append(f"@{kind}{{{key},\n{body}\n}}\n")
        return "\n".join(blocks)


register(BibtexExporter())
