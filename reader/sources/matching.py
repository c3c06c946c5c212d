"""Is an arXiv record the paper a pasted page lists? Titles are compared after
normalisation (case, accents, punctuation and spacing ignored). A record is
accepted when its title is the same; or very close (a typo, a dropped word) and
the abstracts agree too. Several records fitting equally is ambiguous: listed,
never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from reader.model import Paper
from reader.text import fold, normalize_title

__all__ = ["CLOSE_TITLE", "SAME_ABSTRACT", "Match", "match"]

CLOSE_TITLE = 0.9
"""Similarity (difflib ratio of the normalised titles) of a very close title."""
SAME_ABSTRACT = 0.6
"""Share of words (Jaccard) two abstracts need to be the same text."""


@dataclass(slots=True)
class Match:
    kind: str
    """exact | close | ambiguous | none"""
    records: list[Paper] = field(default_factory=list)
    """The record accepted (one) or the candidates when ambiguous."""

    @property
    def record(self) -> Paper | None:
        return self.records[0] if self.kind in ("exact", "close") else None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) > 2}


def abstracts_agree(a: str, b: str) -> bool:
    left, right = _words(a), _words(b)
    if not left or not right:
        return False
    return len(left & right) / len(left | right) >= SAME_ABSTRACT


def _distinct(records: list[Paper]) -> list[Paper]:
    seen: dict[str, Paper] = {}
    for record in records:
        seen.setdefault(record.arxiv_id or record.id, record)
    return list(seen.values())


def _one(paper: Paper, records: list[Paper], kind: str) -> Match:
    if len(records) == 1:
        return Match(kind, records)
    agreeing = [r for r in records if abstracts_agree(paper.abstract, r.abstract)]
    if len(agreeing) == 1:
        return Match(kind, agreeing)
    return Match("ambiguous", records)


def match(paper: Paper, records: list[Paper]) -> Match:
    """The record among `records` that is `paper` (see the module docstring)."""
    target = normalize_title(paper.title)
    if not target:
        return Match("none")
    records = _distinct(records)
    titled = [(r, normalize_title(r.title)) for r in records]
    exact = [r for r, title in titled if title == target]
    if exact:
        return _one(paper, exact, "exact")
    close = []
    for record, title in titled:
        matcher = SequenceMatcher(None, target, title, autojunk=False)
        if matcher.quick_ratio() >= CLOSE_TITLE and matcher.ratio() >= CLOSE_TITLE:
            close.append(record)
    close = [r for r in close if abstracts_agree(paper.abstract, r.abstract)]
    if not close:
        return Match("none")
    return _one(paper, close, "close")
