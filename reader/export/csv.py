"""Spreadsheet-safe CSV: one row per paper, every field of the data model.

Cells that begin with `=`, `+`, `-`, `@`, tab, carriage return or NUL get a
leading `'` so Excel, LibreOffice and Google Sheets show them as text instead of
evaluating a formula (OWASP "CSV injection"). That changes the
data of such cells (a title "-Net" reads "'-Net"): the raw values are in the JSON
and BibTeX exports. Every cell is quoted; lists are joined with "; " (links with
spaces); files are written as UTF-8 with a byte order mark so Excel detects UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime

from reader.export.base import register
from reader.model import Entry

COLUMNS = [
    "id", "title", "authors", "year", "published", "arxiv_id", "doi", "urls", "venue",
    "status", "rating", "tags", "note", "abstract", "history", "updated_at", "queue_pos",
    "source", "added_at", "key",
]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralize(value: str) -> str:
    """The cell as a spreadsheet will show it literally (formula starts prefixed with ')."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _cell(value: object) -> str:
    if value is None:
        return ""
    return neutralize(str(value))


def row(entry: Entry) -> list[str]:
    p, s = entry.paper, entry.state
    history = "; ".join(
        f"{h.at} {h.previous.value + ' → ' if h.previous else ''}{h.status.value}"
        for h in s.history)
    values: dict[str, object] = {
        "id": p.id, "title": p.title, "authors": "; ".join(p.authors), "year": p.year,
        "published": p.published, "arxiv_id": p.arxiv_id, "doi": p.doi,
        "urls": " ".join(p.urls), "venue": p.venue, "status": s.status.value,
        "rating": s.rating, "tags": "; ".join(s.tags), "note": s.note,
        "abstract": p.abstract, "history": history, "updated_at": s.updated_at,
        "queue_pos": s.queue_pos, "source": p.source, "added_at": p.added_at,
        "key": p.key,
    }
    return [_cell(values[c]) for c in COLUMNS]


class CsvExporter:
    name = "csv"
    suffix = ".csv"
    encoding = "utf-8-sig"
    label = "CSV (spreadsheet-safe)"

    def dump(self, entries: Sequence[Entry], now: datetime) -> str:
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for entry in entries:
            writer.writerow(row(entry))
        return buf.getvalue()


register(CsvExporter())
