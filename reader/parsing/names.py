"""Author lists -> "Given Family" display names (BibTeX and RIS).

BibTeX names are `Last, First`, `von Last, Jr, First` or `First Last`, joined
by ` and ` outside braces. A fully braced name (`{ATLAS Collaboration}`) is a
corporate author and is kept whole. `and others` is dropped (the list is simply
shorter: no "et al." entry pretends to be a person). ADS ties (`M.~N.`) become
spaces and `{Surname}` braces go. Pure functions, no I/O.
"""

from __future__ import annotations

import re

from reader.parsing.latex import latex_to_text
from reader.text import clean_line

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_OTHERS = {"others", "et al.", "et al", "al."}


def _split_top(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split on `sep` where it is not inside braces."""
    if "{" not in text:
        return sep.split(text)
    parts: list[str] = []
    depth = 0
    start = 0
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = sep.match(text, pos)
            if m and m.end() > pos:
                parts.append(text[start:pos])
                start = pos = m.end()
                continue
        pos += 1
    parts.append(text[start:])
    return parts


_COMMA = re.compile(r",")


def _wrapped(text: str) -> bool:
    """True when the whole text is one brace group: `{ATLAS Collaboration}`."""
    if not text.startswith("{"):
        return False
    depth = 0
    for pos, char in enumerate(text):
        depth += (char == "{") - (char == "}")
        if depth == 0:
            return pos == len(text) - 1
    return False


def _display(text: str) -> str:
    return clean_line(latex_to_text(text))


def bibtex_name(raw: str) -> str:
    """One BibTeX name -> "First von Last Jr" display form ("" when nothing is left)."""
    raw = clean_line(raw)
    if not raw:
        return ""
    if _wrapped(raw):
        return _display(raw[1:-1])  # corporate: {ATLAS Collaboration}
    parts = [p.strip() for p in _split_top(raw, _COMMA)]
    parts = [p for p in parts if p]
    if len(parts) == 2:
        last, first = parts
        name = f"{first} {last}"
    elif len(parts) >= 3:
        last, jr, first = parts[0], parts[1], " ".join(parts[2:])
        name = f"{first} {last} {jr}"
    else:
        name = parts[0] if parts else ""
    return _display(name)


def bibtex_authors(raw: str) -> list[str]:
    """A BibTeX `author` value -> display names, in order, `and others` dropped."""
    names: list[str] = []
    for part in _split_top(raw, _AND):
        if part.strip().lower() in _OTHERS:
            continue
        name = bibtex_name(part)
        if any(c.isalnum() for c in name) and name.lower() not in _OTHERS:
            names.append(name)
    return names


def invert_name(raw: str) -> str:
    """RIS/CSL style `Family, Given[, Suffix]` -> "Given Family Suffix"."""
    parts = [p.strip() for p in clean_line(raw).split(",")]
    parts = [p for p in parts if p]
    if len(parts) == 2:
        return f"{parts[1]} {parts[0]}"
    if len(parts) >= 3:
        return f"{parts[1]} {parts[0]} {' '.join(parts[2:])}"
    return parts[0] if parts else ""


__all__ = ["bibtex_authors", "bibtex_name", "invert_name"]
