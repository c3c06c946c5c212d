"""A small arXiv API of our own for the local server: it answers `id_list`,
`search_query` with `ti:"..."` phrases joined by OR, and `cat:` listings, from
records the test gives, as Atom; and it counts the requests."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from werkzeug import Request, Response

from reader.text import normalize_title

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
        'xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
        "<title>arXiv Query</title>\n<opensearch:totalResults>{total}"
        "</opensearch:totalResults>\n")


@dataclass
class Record:
    arxiv_id: str
    title: str
    authors: list[str]
    published: str
    abstract: str = "An abstract."
    category: str = "cs.LG"

    def entry(self) -> str:
        authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in self.authors)
        return (f"<entry><id>http://arxiv.org/abs/{self.arxiv_id}v1</id>"
                f"<published>{self.published}T12:00:00Z</published>"
                f"<updated>{self.published}T12:00:00Z</updated>"
                f"<title>{escape(self.title)}</title><summary>{escape(self.abstract)}"
                f"</summary>{authors}"
                f'<link href="http://arxiv.org/abs/{self.arxiv_id}v1" rel="alternate" '
                f'type="text/html"/><link title="pdf" href="http://arxiv.org/pdf/'
                f'{self.arxiv_id}v1" rel="related" type="application/pdf"/>'
                f'<arxiv:primary_category term="{self.category}"/>'
                f'<category term="{self.category}"/></entry>\n')


def feed(records: list[Record], total: int | None = None) -> str:
    head = HEAD.format(total=len(records) if total is None else total)
    return head + "".join(r.entry() for r in records) + "</feed>\n"


@dataclass
class FakeArxiv:
    records: list[Record] = field(default_factory=list)
    requests: list[dict[str, str]] = field(default_factory=list)
    before_answer: threading.Event | None = None
    """When set by a test, each answer waits for it (a server that is slow to answer)."""

    def handler(self, request: Request) -> Response:
        args = {k: v for k, v in request.args.items()}
        self.requests.append(args)
        if "id_list" in args:
            wanted = args["id_list"].split(",")
            found = [r for r in self.records if r.arxiv_id in wanted]
        elif args.get("search_query", "").startswith("cat:"):
            category = args["search_query"][4:]
            found = sorted((r for r in self.records if r.category == category),
                           key=lambda r: r.published, reverse=True)
        else:
            phrases = re.findall(r'ti:"([^"]*)"', args.get("search_query", ""))
            found = [r for r in self.records
                     if any(p in normalize_title(r.title) for p in phrases)]
        start = int(args.get("start", 0))
        size = int(args.get("max_results", 10))
        page = found[start:start + size]
        return Response(feed(page, len(found)), content_type="application/atom+xml")


_ENTRY = re.compile(r"<entry>.*?</entry>", re.DOTALL)
_ENTRY_ID = re.compile(r"<id>https?://arxiv\.org/abs/(.+?)(?:v\d+)?</id>")


class CorpusArxiv:
    """The real arXiv API responses of the corpus, entry by entry: an `id_list` request
    gets the real entries of the ids it names (both dialects) in one feed."""

    def __init__(self, atom_dir: object) -> None:
        from pathlib import Path

        self.entries: dict[str, str] = {}
        for path in sorted(Path(str(atom_dir)).iterdir()):
            for entry in _ENTRY.findall(path.read_text(encoding="utf-8")):
                m = _ENTRY_ID.search(entry)
                if m:
                    self.entries.setdefault(m.group(1), entry)
        self.requests: list[dict[str, str]] = []

    def handler(self, request: Request) -> Response:
        args = {k: v for k, v in request.args.items()}
        self.requests.append(args)
        wanted = [i for i in args.get("id_list", "").split(",") if i in self.entries]
        body = HEAD.format(total=len(wanted)) + "".join(self.entries[i] for i in wanted)
        return Response(body + "</feed>\n", content_type="application/atom+xml")
