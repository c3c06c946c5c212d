"""The schema of each stored record, checked when a library is read.

One function per record kind, `paper_problems(doc)`, `state_problems(doc)` and
`search_problems(doc)`: the list of what is wrong with one document, each naming
the field ("'urls' is a number, expected a list of texts"); empty when the
document is valid. The store skips an invalid record (and keeps it in the file
as it is), `reader check` names every one. Everything that reads records relies
on these types, so a new field is added here, in the table of its record.

`valid_columns(column, PAPER_FIELDS)` answers the same question for a whole table
at once, column by column (checking each record of a big library would cost a
large part of opening it); when it says no, the caller
checks record by record to learn which.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import chain
from typing import Any

from reader.model import Status
from reader.store import mergeable

Check = Callable[[Any], bool]
STATUSES = frozenset(s.value for s in Status)


def _is_str(value: Any) -> bool:
    return type(value) is str


def _is_opt_str(value: Any) -> bool:
    return value is None or type(value) is str


def _is_str_list(value: Any) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


def _is_year(value: Any) -> bool:
    return value is None or (type(value) is int and 1 <= value <= 9999)


def _is_id(value: Any) -> bool:
    return type(value) is str and bool(value.strip())


def _is_status(value: Any) -> bool:
    return value is None or (type(value) is str and value in STATUSES)


def _is_rating(value: Any) -> bool:
    return value is None or (type(value) is int and 0 <= value <= 5)


def _is_position(value: Any) -> bool:
    return value is None or (type(value) in (int, float) and math.isfinite(value))


def _is_sync(value: Any) -> bool:
    try:
        mergeable.check_meta(value)
    except ValueError:
        return False
    return True


def _is_history(value: Any) -> bool:
    return type(value) is list and all(
        type(h) is dict and type(h.get("at")) is str and type(h.get("status")) is str
        and h["status"] in STATUSES and (h.get("previous") is None or (
            type(h.get("previous")) is str and h["previous"] in STATUSES))
        for h in value)


# name -> (check, what a valid value is, required)
Field = tuple[Check, str, bool]
PAPER_FIELDS: dict[str, Field] = {
    "id": (_is_id, "a non-empty text", True),
    "title": (_is_str, "a text", False),
    "abstract": (_is_str, "a text", False),
    "authors": (_is_str_list, "a list of texts", False),
    "year": (_is_year, "a whole number from 1 to 9999, or null", False),
    "published": (_is_opt_str, "a text or null", False),
    "arxiv_id": (_is_opt_str, "a text or null", False),
    "doi": (_is_opt_str, "a text or null", False),
    "urls": (_is_str_list, "a list of texts", False),
    "venue": (_is_opt_str, "a text or null", False),
    "source": (_is_str, "a text", False),
    "added_at": (_is_str, "a text (an ISO time)", False),
    "key": (_is_str, "a text (a citation key)", False),
    "categories": (_is_str_list, "a list of texts (arXiv categories)", False),
}
STATE_FIELDS: dict[str, Field] = {
    "paper_id": (_is_id, "a non-empty text", True),
    "status": (_is_status, "one of " + ", ".join(s.value for s in Status), False),
    "rating": (_is_rating, "a whole number from 1 to 5, or null", False),
    "tags": (_is_str_list, "a list of texts", False),
    "note": (_is_str, "a text", False),
    "history": (_is_history, "a list of {at, status, previous} with known statuses",
                False),
    "updated_at": (_is_opt_str, "a text (an ISO time) or null", False),
    "queue_pos": (_is_position, "a number or null", False),
    "sync": (_is_sync, "an object of sync stamps {at, tags, gone, note}", False),
}
SEARCH_FIELDS: dict[str, Field] = {
    "name": (_is_id, "a non-empty text", True),
    "query": (_is_str, "a text", False),
    "at": (_is_str, "a text (a sync stamp)", False),
    "gone": (_is_str, "a text (a sync stamp)", False),
}


def _kind(value: Any) -> str:
    """How a wrong value is described: its JSON type, and a short excerpt."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "a text",
             list: "a list", dict: "an object", type(None): "null"}
    name = names.get(type(value), type(value).__name__)
    shown = repr(value)
    return f"{name} ({shown[:27]}…)" if len(shown) > 30 else f"{name} ({shown})"


def problems(doc: Any, fields: dict[str, Field]) -> list[str]:
    """What is wrong with one stored document, one line per field; [] when valid."""
    if type(doc) is not dict:
        return [f"the record is {_kind(doc)}, not an object"]
    out: list[str] = []
    for name, (check, wanted, required) in fields.items():
        if name not in doc:
            if required:
                out.append(f"{name!r} is missing")
            continue
        if not check(doc[name]):
            out.append(f"{name!r} is {_kind(doc[name])}, expected {wanted}")
    return out


def unknown_fields(doc: dict[str, Any], fields: dict[str, Field]) -> list[str]:
    """Fields this Reader does not know (ignored when read; `check` mentions them)."""
    return [k for k in doc if k not in fields]


def paper_problems(doc: Any) -> list[str]:
    return problems(doc, PAPER_FIELDS)


def state_problems(doc: Any) -> list[str]:
    return problems(doc, STATE_FIELDS)


def search_problems(doc: Any) -> list[str]:
    """A saved search has its query; a deleted one (mergeable_searches) its stamp."""
    wrong = problems(doc, SEARCH_FIELDS)
    if not wrong and "query" not in doc and "gone" not in doc:
        wrong.append("'query' is missing")
    return wrong


# --- the whole table at once ----------------------------------------------------------
_COLUMN_TYPES: dict[Check, tuple[set[type], bool]] = {
    _is_str: ({str}, False), _is_opt_str: ({str, type(None)}, False),
    _is_id: ({str}, False), _is_str_list: ({list}, True),
}


def valid_columns(column_of: Callable[[str], list[Any]], fields: dict[str, Field]) -> bool:
    """True only if `problems` would find nothing in any record of a table whose
    values of field `name` are `column_of(name)` (every field present, e.g. taken
    from objects built with the defaults). One C-level pass per column; a field
    with another kind of check is checked value by value."""
    for name, (check, _, _) in fields.items():
        column: list[Any] = column_of(name)
        simple = _COLUMN_TYPES.get(check)
        if simple is None:
            if not all(map(check, column)):
                return False
            continue
        types, is_list = simple
        if not set(map(type, column)) <= types:
            return False
        if is_list and not set(map(type, chain.from_iterable(column))) <= {str}:
            return False
        if check is _is_id and not all(map(str.strip, column)):
            return False
    return True


def doc_id_problem(doc_id: str) -> str | None:
    """TinyDB's document ids are whole numbers (as texts in the file)."""
    return None if doc_id.isdigit() else f"its id {doc_id!r} is not a whole number"


def summary(skipped: list[str], path: object) -> str:
    """The one warning line a command prints when records were skipped."""
    first = skipped[0]
    more = f" and {len(skipped) - 1} more" if len(skipped) > 1 else ""
    return (f"{path}: skipped {len(skipped)} invalid record{'s' if len(skipped) > 1 else ''} "
            f"({first}{more}); `reader check` names them all, the file was left as it is")


__all__ = ["PAPER_FIELDS", "SEARCH_FIELDS", "STATE_FIELDS", "doc_id_problem",
           "paper_problems", "problems", "search_problems", "state_problems", "summary",
           "unknown_fields", "valid_columns"]
