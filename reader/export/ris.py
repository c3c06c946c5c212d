"""RIS for EndNote, Zotero, Mendeley and reference managers: `ID` = citation key.

    TY  - JOUR
    ID  - vaswani2017attention
    TI  - Attention Is All You Need
    AU  - Vaswani, Ashish
    PY  - 2017
    ...
    ER  -

One tag per line: every value is one line (newlines in notes and abstracts
become spaces, so no line of user text can pass for a tag of its own). arXiv
preprints are `TY  - GEN` with their arXiv link in `UR` and `N1  - arXiv:ID`,
where Zotero puts them and Reader finds them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reader.export.base import register
from reader.export.bibtex import entry_keys
from reader.export.common import best_link, one_line, split_name
from reader.model import Entry

_CONFERENCE = ("conference", "proceedings", "workshop", "symposium")


def _name(name: str) -> str:
    given, family = split_name(name)
    return f"{family}, {given}" if given else family


def _type(entry: Entry) -> str:
    venue = (entry.paper.venue or "").lower()
    if entry.paper.arxiv_id or not venue:
        return "GEN"
    return "CONF" if any(w in venue for w in _CONFERENCE) else "JOUR"


def record(entry: Entry, key: str) -> list[str]:
    """The lines of one RIS record."""
    paper, state = entry.paper, entry.state
    tags: list[tuple[str, str]] = [("TY", _type(entry)), ("ID", key),
                                   ("TI", paper.title)]
    tags += [("AU", _name(a)) for a in paper.authors]
    if paper.year:
        tags.append(("PY", str(paper.year)))
    if paper.published:
        tags.append(("DA", paper.published.replace("-", "/") + "/"))
    if paper.venue:
        tags.append(("T2", paper.venue))
    if paper.doi:
        tags.append(("DO", paper.doi))
    url = best_link(paper)
    if url:
        tags.append(("UR", url))
    if paper.arxiv_id:
        tags.append(("N1", f"arXiv:{paper.arxiv_id}"))
    if paper.abstract:
        tags.append(("AB", paper.abstract))
    tags += [("KW", t) for t in state.tags]
    if state.note.strip():
        tags.append(("N1", state.note))
    lines = [f"{tag}  - {one_line(value)}" for tag, value in tags if one_line(value)]
    return [*lines, "ER  - "]


class RisExporter:
    name = "ris"
    suffix = ".ris"
    encoding = "utf-8"
    label = "RIS (EndNote, Mendeley)"

    def dump(self, entries: Sequence[Entry], now: datetime) -> str:
        out: list[str] = []
        for entry, key in zip(entries, entry_keys(entries), strict=True):
            out += [*record(entry, key), ""]
        return "\n".join(out)


register(RisExporter())
