"""Reader's own JSON: every paper field and the whole reading state.

The shape (read back by `reader import`, reader/parsing/readerjson.py)::

    {
      "format": "reader-library",
      "version": 1,
      "exported_at": "2026-11-28T18:30:00+00:00",
      "count": 2,
      "papers": [
        {<every Paper field: id, title, abstract, authors, year, published, arxiv_id,
          doi, urls, venue, source, added_at, key>,
         "state": {<ReadingState.to_dict(): paper_id, status, rating, tags, note,
                    history [{at, status, previous}], updated_at, queue_pos>}}
      ]
    }

Nothing is altered or escaped beyond JSON string escaping, so importing this
file into an empty library and exporting again gives the same papers and state.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import orjson

from reader.export.base import register
from reader.model import Entry

FORMAT = "reader-library"
VERSION = 1


def entry_record(entry: Entry) -> dict[str, Any]:
    record = entry.paper.to_dict()
    record["state"] = entry.state.to_dict()
    return record


class JsonExporter:
    name = "json"
    suffix = ".json"
    encoding = "utf-8"
    label = "JSON (everything)"

    def dump(self, entries: Sequence[Entry], now: datetime) -> str:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": now.isoformat(timespec="seconds"),
            "count": len(entries),
            "papers": [entry_record(e) for e in entries],
        }
        try:  # orjson: the stdlib's indented dump is the slow part of a big export
            return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
        except TypeError:  # text orjson refuses (lone surrogates): the stdlib copes
            return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


register(JsonExporter())
