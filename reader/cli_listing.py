"""What `reader list` prints: a line per paper, or `--json`, for tens of thousands
of papers at once (a query matching half of a 100k library).

The lines of the papers in the default state (most of a big library) are made in
one pass, their ids and titles cleaned by C-level passes over many at once
(clean_lines); the quick path gives the ids, titles and years from the derived
index without building papers. `--json` is the text of `json.dumps(indent=2)` of
every Entry.to_dict, written by orjson a slice at a time.
"""

from __future__ import annotations

import json
import sys
from itertools import chain, repeat
from typing import Any

from reader.model import STATUS_GLYPHS, Entry, Paper, ReadingState, Status
from reader.text import clean_lines

__all__ = ["entry_lines", "lines", "lines_at", "papers_at", "print_json"]

JSON_SLICE = 1000
"""Papers written by one orjson call."""


def line(pid: str, year: int | None, title: str, state: ReadingState) -> str:
    """The status glyph, id, year, title, stars and #tags, the empty ones left out (the
    id and title cleaned already)."""
    parts = [STATUS_GLYPHS[state.status], pid]
    if year:
        parts.append(str(year))
    parts.append(title)
    if state.rating and state.rating > 0:
        parts.append("★" * state.rating)
    if state.tags:
        parts.append(" ".join(f"#{t}" for t in state.tags))
    return "  ".join(filter(None, parts))


def lines(ids: list[str], years: list[int | None], titles: list[str],
          states: dict[int, ReadingState]) -> list[str]:
    """A `line` per paper; `states`: the reading states, by line, of the papers not in
    the default state (the others' lines are made in one pass)."""
    ids, titles = clean_lines(ids), clean_lines(titles)
    new = STATUS_GLYPHS[Status.NEW]
    if all(ids) and all(titles):
        out = [f"{new}  {pid}  {year}  {title}" if year else f"{new}  {pid}  {title}"
               for pid, year, title in zip(ids, years, titles, strict=True)]
    else:
        out = ["  ".join(filter(None, (new, pid, str(year) if year else "", title)))
               for pid, year, title in zip(ids, years, titles, strict=True)]
    for k, state in states.items():
        out[k] = line(ids[k], years[k], titles[k], state)
    return out


def entry_lines(entries: list[Entry]) -> list[str]:
    return lines([e.paper.id for e in entries], [e.paper.year for e in entries],
                 [e.paper.title for e in entries],
                 {k: e.state for k, e in enumerate(entries)
                  if e.state.status is not Status.NEW or e.state.rating or e.state.tags})


def lines_at(lib: Any, rows: list[int]) -> list[str] | None:
    """The lines of the papers at `rows` (catalogue positions) of a QuickLibrary, from
    its derived index and stored reading states alone; None when the index cannot."""
    columns = lib.columns_at(rows, ("title", "year"))
    if columns is None:
        return None
    stored = lib.states_by_row()
    states = {k: stored[row] for k, row in enumerate(rows) if row in stored} if stored else {}
    return lines(columns["id"], columns["year"], columns["title"], states)


def papers_at(lib: Any, rows: list[int]) -> tuple[list[Paper], list[ReadingState]] | None:
    """The whole papers at `rows` (catalogue positions) of a QuickLibrary and their
    reading states; None when the catalogue read is not the one searched."""
    from reader.quick_search.listing import whole_papers

    papers = whole_papers(lib, rows)
    if papers is None:
        return None
    stored, default = lib.states_by_row(), ReadingState("")
    return papers, [stored.get(row, default) for row in rows]


def print_json(papers: list[Paper], states: list[ReadingState]) -> None:
    """Write `json.dumps([Entry(p, s).to_dict() ...], ensure_ascii=False, indent=2)`
    and a line break, a slice at a time (json.dumps of a big listing takes seconds)."""
    if not papers:
        sys.stdout.write("[]\n")
        return
    sys.stdout.write("[\n")
    for start in range(0, len(papers), JSON_SLICE):
        some, theirs = papers[start:start + JSON_SLICE], states[start:start + JSON_SLICE]
        try:
            text = _json_items(some, theirs)
        except (TypeError, ValueError):  # a number beyond 64 bits, a lone surrogate
            text = json.dumps([Entry(p, s).to_dict() for p, s in zip(some, theirs, strict=True)],
                              ensure_ascii=False, indent=2)[2:-2]
        sys.stdout.write((",\n" if start else "") + text)
    sys.stdout.write("\n]\n")


def _json_items(papers: list[Paper], states: list[ReadingState]) -> str:
    """The items of `json.dumps([Entry(p, s).to_dict() ...], indent=2)` (its text
    without the brackets), by orjson. The papers are written as dataclasses (their
    fields in order, as to_dict), then each one's state fields are put before its
    closing brace: the only "\\n  }" in its text (a line break in a string is
    written as the two characters \\n)."""
    import orjson

    parts = orjson.dumps(papers, option=orjson.OPT_INDENT_2).split(b"\n  }")
    if len(parts) != len(papers) + 1:
        raise ValueError("not one closing brace per paper")
    plain = _state_json(ReadingState(""))
    fields = [_state_json(s) if s.status is not Status.NEW or s.rating is not None or s.tags
              or s.note else plain for s in states]
    # (zip ends with the last paper's brace: the list's closing bracket is left out)
    return b"".join(chain.from_iterable(zip(parts, fields, repeat(b"\n  }")))).decode()[2:]


def _state_json(state: ReadingState) -> bytes:
    """The reading-state fields of Entry.to_dict as they follow a paper's fields."""
    import orjson

    data = orjson.dumps({"status": state.status.value, "rating": state.rating,
                         "tags": state.tags, "note": state.note}, option=orjson.OPT_INDENT_2)
    return b",\n  " + data[2:-2].replace(b"\n", b"\n  ")  # one level deeper, no braces
