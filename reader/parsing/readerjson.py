"""Reader's own JSON export, read back losslessly ("reader-json").

The shape (written by reader/export/json.py)::

    {
      "format": "reader-library",
      "version": 1,
      "exported_at": "2026-11-28T18:30:00+00:00",
      "count": 2,                       # optional, informative
      "papers": [
        {<every Paper field: id, title, abstract, authors, year, published, arxiv_id,
          doi, urls, venue, source, added_at, key>,
         "state": {<ReadingState.to_dict(): paper_id, status, rating, tags, note,
                    history [{at, status, previous}], updated_at, queue_pos>}}
      ]
    }

Also accepted: the array printed by `reader list --json` (paper fields plus
`status`, `rating`, `tags`, `note`), so a script's output imports back too.
Ids are kept as written (never recomputed), so a round trip is exact. Text is
sanitized (control characters removed) but otherwise left as exported.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any

from reader.errors import ParseError
from reader.model import Paper, ReadingState, Status
from reader.parsing.base import ParseResult, register
from reader.parsing.jsonutil import head_json_start, load_json
from reader.text import json_strings_kept_as_is, kept_as_is, sanitize

FORMAT = "reader-library"
SUPPORTED_VERSION = 1
_TEXT_FIELDS = ("title", "published", "arxiv_id", "doi", "venue", "source", "added_at",
                "key")
_LIST_FIELDS = ("authors", "urls", "categories")


def _clean(data: dict[str, Any], clean: bool = False) -> dict[str, Any]:
    """Sanitize every string a paper record carries (shape checked by from_dict);
    `clean`: the document was found to hold no string that sanitize changes."""
    out = dict(data)
    lists = [out.get(key) for key in _LIST_FIELDS]
    for key, value in zip(_LIST_FIELDS, lists, strict=True):
        if value is not None and not isinstance(value, list):
            raise ValueError(f"{key} is not a list")
    if out.get("year") is not None and not isinstance(out["year"], int | str):
        raise ValueError("year is not a number")
    texts = [key for key in _TEXT_FIELDS if isinstance(out.get(key), str)]
    single = [out[key] for key in texts]
    for value in lists:
        single.extend(value or ())
    abstract = out.get("abstract")
    if all(map(isinstance, single, repeat(str))) and (clean or (
            kept_as_is(single) and (not isinstance(abstract, str)
                                    or kept_as_is([abstract], multiline=True)))):
        for key in texts:  # nothing to sanitize (most records): only the edges
            out[key] = out[key].strip()
        if isinstance(abstract, str):
            out["abstract"] = abstract.strip()
        for key, value in zip(_LIST_FIELDS, lists, strict=True):
            out[key] = list(map(str.strip, value or ()))
        return out
    for key in texts:
        out[key] = sanitize(out[key], multiline=False).strip()
    if isinstance(abstract, str):
        out["abstract"] = sanitize(abstract).strip()
    for key, value in zip(_LIST_FIELDS, lists, strict=True):
        out[key] = [sanitize(str(v), multiline=False).strip() for v in value or []]
    return out


def _is_default(raw: dict[str, Any]) -> bool:
    """`raw` reads as the default state (nothing recorded) whatever its paper id:
    what `_state` would find after building it (the shapes it refuses excluded)."""
    return (raw.get("status") in (None, "", "new") and not raw.get("rating")
            and raw.get("tags") in (None, []) and raw.get("note") in (None, "")
            and raw.get("history") in (None, []) and raw.get("queue_pos") is None)


def _state(raw: Any, paper_id: str) -> ReadingState | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("state is not an object")
    if _is_default(raw):  # (most papers of an export)
        return None
    data = dict(raw)
    data["paper_id"] = paper_id
    if isinstance(data.get("note"), str):
        data["note"] = sanitize(data["note"])
    if data.get("tags") is not None and not isinstance(data["tags"], list):
        raise ValueError("tags is not a list")
    data["tags"] = [sanitize(str(t), multiline=False).strip() for t in data.get("tags") or []]
    state = ReadingState.from_dict(data)
    if state.rating is not None and not 1 <= state.rating <= 5:
        raise ValueError(f"rating {state.rating} is not 1 to 5")
    return None if state.is_default else state


class ReaderJsonParser:
    name = "reader-json"

    def sniff(self, head: str) -> bool:
        start = head_json_start(head)
        if start == "{":
            return '"reader-library"' in head[:2000]
        if start == "[":
            return '"added_at"' in head and '"status"' in head and '"note"' in head
        return False

    def parse(self, text: str, source_name: str) -> ParseResult:
        doc = load_json(text, source_name)
        if isinstance(doc, dict):
            if doc.get("format") != FORMAT:
                raise ParseError(f'not a Reader export (no "format": "{FORMAT}")',
                                 path=source_name)
            version = doc.get("version")
            if not isinstance(version, int) or version > SUPPORTED_VERSION:
                raise ParseError(f"Reader export version {version!r} is not supported "
                                 f"(this Reader reads version {SUPPORTED_VERSION})",
                                 path=source_name)
            records = doc.get("papers")
            if not isinstance(records, list):
                raise ParseError('Reader export without a "papers" list', path=source_name)
        elif isinstance(doc, list):
            records = doc
        else:
            raise ParseError("JSON of the wrong shape for a Reader export", path=source_name)
        result = ParseResult(papers=[])
        seen: set[str] = set()
        clean = json_strings_kept_as_is(text)  # one pass, not one check per string
        for number, record in enumerate(records, 1):
            try:
                self._one(record, result, seen, clean)
            except (ValueError, TypeError, KeyError) as exc:
                label = record.get("id") if isinstance(record, dict) else None
                where = f"entry {number}" + (f" ({label})" if isinstance(label, str) else "")
                result.warnings.append(f"{source_name}: {where} skipped: {exc}")
        return result

    @staticmethod
    def _one(record: Any, result: ParseResult, seen: set[str], clean: bool) -> None:
        if not isinstance(record, dict):
            raise ValueError("not an object")
        if not isinstance(record.get("id"), str) or not record["id"].strip():
            raise ValueError("no id")
        if not isinstance(record.get("title"), str) or not record["title"].strip():
            raise ValueError("no title")
        paper = Paper.from_dict(_clean(record, clean))
        if paper.id in seen:
            raise ValueError(f"duplicate id {paper.id}")
        seen.add(paper.id)
        raw_state = record.get("state")
        if raw_state is None and "status" in record:  # `reader list --json` shape
            raw_state = {k: record.get(k) for k in ("status", "rating", "tags", "note")}
            Status(raw_state["status"])
        state = _state(raw_state, paper.id)
        result.papers.append(paper)
        if state is not None:
            result.states[paper.id] = state


register(ReaderJsonParser())
