"""One self-contained HTML page: no scripts, no external assets, good on paper.

Every piece of user text goes through `html.escape` (quotes included); links are
http(s) only. A Content-Security-Policy forbids scripts and remote loads, so even
a mistake in escaping could not run code or phone home.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from reader.export.base import register
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

CSS = """
:root { color-scheme: light; }
body { font: 15px/1.45 Georgia, 'Times New Roman', serif; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; color: #1d1d1d; background: #fff; }
header h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
header p { margin: 0 0 1.5rem; color: #555; }
ol { padding-left: 1.6rem; }
li { margin: 0 0 1.1rem; break-inside: avoid; page-break-inside: avoid; }
.title { font-weight: bold; font-size: 1.05rem; }
a { color: #0b4f9c; text-decoration: none; }
.meta { color: #444; font-size: .92rem; }
.status { font: .75rem/1 system-ui, sans-serif; text-transform: uppercase;
          letter-spacing: .04em; border: 1px solid #999; border-radius: 3px;
          padding: 1px 4px; margin-right: .3rem; color: #333; vertical-align: 1px; }
.status.read { border-color: #2e7d32; color: #2e7d32; }
.stars { color: #b8860b; letter-spacing: .05em; }
.tags span { font-size: .85rem; background: #eee; border-radius: 3px; padding: 0 4px;
             margin-right: 3px; }
.note { white-space: pre-wrap; margin: .3rem 0 0; padding-left: .6rem;
        border-left: 3px solid #ccc; color: #333; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; }
  a[href]::after { content: " <" attr(href) ">"; font-size: 8pt; color: #555;
                   word-break: break-all; }
  .tags span { background: none; border: 1px solid #bbb; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _item(entry: Entry) -> str:
    paper, state = entry.paper, entry.state
    title = esc(one_line(paper.title) or paper.id)
    link = best_link(paper)
    head = f'<a href="{esc(link)}">{title}</a>' if link else title
    meta = [esc(part) for part in (short_authors(paper.authors),
                                   str(paper.year) if paper.year else "") if part]
    status_class = "status read" if state.status is Status.READ else "status"
    parts = [
        f'<span class="{status_class}">{esc(state.status.value)}</span>'
        f'<span class="title">{head}</span>',
    ]
    if meta or state.rating:
        stars_html = f' <span class="stars">{stars(state.rating)}</span>' if state.rating else ""
        parts.append(f'<div class="meta">{" · ".join(meta)}{stars_html}</div>')
    if state.tags:
        tags = "".join(f"<span>{esc(t)}</span>" for t in state.tags)
        parts.append(f'<div class="tags">{tags}</div>')
    lines = note_excerpt(state.note, max_lines=12)
    if lines:
        parts.append(f'<p class="note">{esc(chr(10).join(lines))}</p>')
    return "<li>" + "\n".join(parts) + "</li>"


class HtmlExporter:
    name = "html"
    suffix = ".html"
    encoding = "utf-8"
    label = "HTML (printable page)"

    def dump(self, entries: Sequence[Entry], now: datetime) -> str:
        items = "\n".join(_item(e) for e in entries)
        day = local_day(now).isoformat()
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Reader">
<title>Reading list {day}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>Reading list</h1><p>{day} · {count_papers(len(entries))}</p></header>
<ol>
{items}
</ol>
</body>
</html>
"""


register(HtmlExporter())
