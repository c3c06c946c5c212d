"""CSL-JSON for pandoc, Quarto, Zotero and citeproc: one item per paper, `id` = key.

    [{"id": "vaswani2017attention", "type": "article", "title": "...",
      "author": [{"family": "Vaswani", "given": "Ashish"}], "issued": {"date-parts":
      [[2017, 6, 12]]}, "URL": "https://arxiv.org/abs/1706.03762", "number":
      "1706.03762", "publisher": "arXiv", ...}]

The item `id` is the paper's citation key, so `[@key]` in a pandoc manuscript
resolves against this file exactly as `\\cite{key}` does against the BibTeX export.
arXiv preprints are `article` (CSL's type for preprints) with the arXiv id in
`number` and `publisher: arXiv`, as Zotero and Manubot write them. Values are
JSON strings: nothing to escape beyond JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reader.export.base import register
from reader.export.bibtex import entry_keys
from reader.export.common import best_link, split_name
from reader.model import Entry

_CONFERENCE = re.compile(r"conference|proceedings|workshop|symposium", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _author(name: str) -> dict[str, str]:
    given, family = split_name(name)
    if not given:
        return {"literal": family}
    return {"family": family, "given": given}


def _issued(entry: Entry) -> dict[str, Any] | None:
    paper = entry.paper
    m = _ISO.fullmatch(paper.published or "")
    if m:
        return {"date-parts": [[int(m.group(1)), int(m.group(2)), int(m.group(3))]]}
    if paper.year:
        return {"date-parts": [[paper.year]]}
    return None


def item(entry: Entry, key: str) -> dict[str, Any]:
    """The CSL-JSON item of one paper."""
    paper, state = entry.paper, entry.state
    kind = "article"  # a preprint, or a paper of unknown venue
    if paper.venue and not paper.arxiv_id:
        kind = "paper-conference" if _CONFERENCE.search(paper.venue) else "article-journal"
    out: dict[str, Any] = {"id": key, "type": kind, "title": paper.title}
    if paper.authors:
        out["author"] = [_author(a) for a in paper.authors]
    issued = _issued(entry)
    if issued:
        out["issued"] = issued
    if paper.venue:
        out["container-title"] = paper.venue
    if paper.arxiv_id:
        out["number"] = paper.arxiv_id
        out["publisher"] = "arXiv"
    if paper.doi:
        out["DOI"] = paper.doi
    url = best_link(paper)
    if url:
        out["URL"] = url
    if paper.abstract:
        out["abstract"] = paper.abstract
    keywords = list(dict.fromkeys([*state.tags, *paper.categories]))  # arXiv's too
    if keywords:
        out["keyword"] = ", ".join(keywords)
    if state.note.strip():
        out["note"] = state.note
    return out


class CslJsonExporter:
    name = "csl"
    suffix = ".json"
    encoding = "utf-8"
    label = "CSL-JSON (pandoc, Quarto, Zotero)"

    def dump(self, entries: Sequence[Entry], now: datetime) -> str:
        items = [item(e, k) for e, k in zip(entries, entry_keys(entries), strict=True)]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


register(CslJsonExporter())
