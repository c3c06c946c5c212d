"""Ranking without per-paper scores: papers fall into tiers by where each word matched.

A word gives each matching paper a bonus by field (title > author or tag > note
> abstract only), weighted by how rare the word is among the papers in play.
A paper's score is the sum over the words, so papers with the same fields
matched form one tier: tiers are masks, intersected word by word, and the
result is the tiers best first, each in library order (ties by import order).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.search import bits

Tiers = list[tuple[float, int]]
"""(bonus, mask) pairs partitioning the matching papers for one word."""

MAX_TIERS = 512
"""Past this many distinct tiers, later words stop splitting them (rare: 5+ words)."""


def partition(mask: int, parts: list[tuple[float, int]]) -> Tiers:
    """Tiers of `mask` from best-first (bonus, mask) parts; the rest gets bonus 0."""
    tiers: Tiers = []
    rest = mask
    for bonus, part in parts:
        part &= rest
        if part:
            tiers.append((bonus, part))
            rest &= ~part
    if rest:
        tiers.append((0.0, rest))
    return tiers


def ranked(items: list[str], mask: int, words: list[tuple[float, Tiers]]) -> list[str]:
    """`items` at the positions of `mask`, best tier first, each tier in library order.

    `words` = (weight, tiers) per query word; no words = library order.
    """
    groups: dict[float, int] = {0.0: mask}
    for weight, tiers in words:
        if len(groups) * len(tiers) > MAX_TIERS:
            break
        split: dict[float, int] = {}
        for score, group in groups.items():
            for bonus, tier in tiers:
                part = group & tier
                if part:
                    key = round(score + weight * bonus, 9)
                    split[key] = split.get(key, 0) | part
        groups = split
    out: list[str] = []
    for score in sorted(groups, reverse=True):
        out.extend(bits.select(items, groups[score]))
    return out


def sort_by(positions: list[int], key: Callable[[int], Any], *, descending: bool) -> list[int]:
    """Ascending `positions` sorted by `key`, ties in library order; falsy keys go last."""
    with_value = [p for p in positions if key(p)]
    without = [p for p in positions if not key(p)]
    with_value.sort(key=key, reverse=descending)  # stable: ties keep library order
    return with_value + without
