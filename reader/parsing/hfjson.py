"""The Hugging Face daily-papers API JSON ("hf-json").

`https://huggingface.co/api/daily_papers` returns an array of
`{paper: {id, title, summary, authors[{name, hidden}], publishedAt, githubRepo?,
projectPage?, ...}, title, summary, publishedAt, ...}`. Also accepted: a bare
array of `paper` objects and a single object (`/api/papers/<id>`).

- `paper.id` is a bare arXiv id; the paper link is built from it.
- Title and summary are taken from `paper`, falling back to the top level;
  old responses kept arXiv's `\\n  ` wraps, so all whitespace is collapsed.
- Authors with `"hidden": true` are left out (the page does not show them).
"""

from __future__ import annotations

import re
from typing import Any

from reader.ids import ARXIV_ID_RE, paper_id, split_arxiv_version
from reader.model import Paper
from reader.parsing.base import ParseResult, register
from reader.parsing.jsonutil import head_json_start, iso_date, load_json, parse_items, text_field
from reader.parsing.links import extract_urls, merge_urls

_SIGNS = ('"summary"', '"publishedAt"', '"upvotes"', '"submittedOnDailyAt"', '"paper"')


def _arxiv(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return split_arxiv_version(value)[0]
    except ValueError:
        m = ARXIV_ID_RE.search(value)
        return m.group(1) if m else None


def _link(value: Any) -> list[str]:
    if isinstance(value, str) and re.match(r"https?://", value.strip()):
        return extract_urls(value.strip())
    return []


class HfJsonParser:
    name = "hf-json"

    def sniff(self, head: str) -> bool:
        if head_json_start(head) not in ("[", "{"):
            return False
        return sum(sign in head for sign in _SIGNS) >= 2

    def parse(self, text: str, source_name: str) -> ParseResult:
        return parse_items(load_json(text, source_name), source_name, self._paper,
                           shape="expected an array of papers")

    @staticmethod
    def _paper(item: Any) -> Paper:
        if not isinstance(item, dict):
            raise ValueError("not an object")
        inner = item.get("paper")
        paper: dict[str, Any] = inner if isinstance(inner, dict) else item
        title = text_field(paper.get("title")) or text_field(item.get("title"))
        if not title:
            raise ValueError("no title")
        abstract = text_field(paper.get("summary")) or text_field(item.get("summary"))
        arxiv_id = _arxiv(paper.get("id"))
        authors_raw = paper.get("authors")
        authors = [text_field(a.get("name")) for a in authors_raw or []
                   if isinstance(a, dict) and not a.get("hidden")] \
            if isinstance(authors_raw, list) else []
        published, year = iso_date(paper.get("publishedAt") or item.get("publishedAt"))
        own = [f"https://arxiv.org/abs/{arxiv_id}"] if arxiv_id else []
        urls = merge_urls(own, _link(paper.get("githubRepo")), _link(paper.get("projectPage")),
                          extract_urls(abstract))
        return Paper(id=paper_id(arxiv_id, None, title), title=title, abstract=abstract,
                     authors=[a for a in authors if a], year=year, published=published,
                     arxiv_id=arxiv_id, urls=urls)


register(HfJsonParser())
