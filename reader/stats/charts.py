"""Tiny text charts with Unicode blocks, shared by `reader stats` and the stats screen."""

from __future__ import annotations

from collections.abc import Sequence

EIGHTHS = " ▏▎▍▌▋▊▉"
SPARKS = "▁▂▃▄▅▆▇█"


def hbar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of at most `width` cells, in eighths of a cell.

    Zero is empty; any positive value shows at least a sliver.
    """
    if value <= 0 or maximum <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value, maximum) / maximum * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def spark(values: Sequence[float]) -> str:
    """One character per value, from zero (▁) to the maximum (█)."""
    top = max(values, default=0)
    if top <= 0:
        return SPARKS[0] * len(values)
    last = len(SPARKS) - 1
    return "".join(SPARKS[round(max(v, 0) / top * last)] for v in values)
