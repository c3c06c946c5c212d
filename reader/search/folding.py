"""Each paper's catalogue text folded into one byte string, for scan.py and the word index.

Layout of one paper (see `encode`): title, body fields, authors, separated by
control-character markers, every token between single or repeated spaces:
` title \x02 abstract \x01 venue \x01 ids \x03 author \x01 author `. Letters are
lower-cased, accents folded, every other character a space. So `b" bott"` finds a
word starting with "bott", and nothing spans two fields.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.model import Entry
from reader.search.tokens import byte_table
from reader.text import fold

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NON_WORD = re.compile(r"[\W_]+")
_TEXT_TABLE = byte_table(b"\x01", high=True)
"""The separator `\x01` stays, and the UTF-8 sequences of folded word characters."""


@lru_cache(maxsize=4096)
def _fold_chars(chars: str) -> str:
    return _NON_WORD.sub(" ", fold(chars))


def _fold_run(match: re.Match[str]) -> str:
    """A non-ASCII run folded, its non-word characters made spaces (ASCII is translated)."""
    return _fold_chars(match.group())


def _folded(text: str) -> str:
    return text if text.isascii() else _NON_ASCII.sub(_fold_run, text)


_NAMES: dict[str, str] = {}
"""Author name -> `_folded(name)`: names recur across a library, and one with an accent
costs a regex pass (the larger part of folding a library's text, without this)."""


def _folded_authors(names: list[str]) -> str:
    """`_folded(" \x01 ".join(names))` (the separator is ASCII: runs never span names)."""
    if len(_NAMES) > 200_000:
        _NAMES.clear()
    get = _NAMES.get
    out = []
    for name in names:
        folded = get(name)
        if folded is None:
            folded = _NAMES[name] = _folded(name)
        out.append(folded)
    return " \x01 ".join(out)


def encode(entry: Entry) -> tuple[bytes, int, int]:
    """(paper bytes, end of the title, start of the authors).

    ` title \x02 abstract \x01 venue \x01 ids \x03 author \x01 author `, folded, every
    non-word run a space (several in the ASCII case). The field markers are put in
    here, between parts translated apart: a `\x02` or `\x03` in the paper's own text
    becomes a space, so every paper has exactly one of each (word_build.py needs it).
    """
    p = entry.paper
    title = p.title if p.title.isascii() else _folded(p.title)
    head = f" {title} ".encode().translate(_TEXT_TABLE)
    body = f" {_body(entry)} ".encode().translate(_TEXT_TABLE)
    tail = f" {_folded_authors(p.authors)} ".encode().translate(_TEXT_TABLE)
    title_end = len(head)
    return b"".join((head, b"\x02", body, b"\x03", tail)), title_end, title_end + len(body) + 2


def _body(entry: Entry) -> str:
    """Abstract, venue and ids, folded, between field markers."""
    p = entry.paper
    if not (p.venue or p.arxiv_id or p.doi):
        return _folded(p.abstract)
    return " \x01 ".join([_folded(x) for x in (p.abstract, p.venue, p.arxiv_id, p.doi) if x])
