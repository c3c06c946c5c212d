"""What `y` and `Y` copy: the citation keys of papers, or their citation in the
configured format (`\\cite{a,b}`, `[@a; @b]`, ...), and the notice that shows it
(a terminal without OSC 52 copies nothing: the notice lets the user copy it by hand)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.citekeys import base_key
from reader.export.cite import cite
from reader.model import Entry

NOTICE_CHARS = 200
"""Longest text a notice shows whole."""


def keys_of(entries: Sequence[Entry]) -> list[str]:
    """The citation keys of `entries` (a paper read before keys existed: its generated
    key, as the store would give it)."""
    return [e.paper.key or base_key(e.paper) for e in entries]


def clipboard_text(entries: Sequence[Entry], fmt: str | None) -> str:
    """`y` (fmt None): the keys, comma-separated as `\\cite{}` takes them; `Y`: the
    citation in `fmt`."""
    keys = keys_of(entries)
    return ",".join(keys) if fmt is None else cite(keys, fmt)


def notice(text: str, count: int) -> str:
    """The notification of a copy: the text itself (cut when very long)."""
    shown = text if len(text) <= NOTICE_CHARS else text[:NOTICE_CHARS - 1] + "…"
    papers = "" if count == 1 else f" ({count} papers)"
    return f"Copied{papers}: {shown}"


__all__ = ["clipboard_text", "keys_of", "notice"]
