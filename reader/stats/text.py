"""`format_stats`: the plain-text report of `reader stats`."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from reader.stats.charts import hbar, spark

BAR = 30


def _cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` terminal cells: cut with … or padded with spaces."""
    used, out = 0, []
    if sum(_cells(c) for c in text) > width:
        width -= 1
        for char in text:
            if used + _cells(char) > width:
                break
            out.append(char)
            used += _cells(char)
        return "".join(out) + "…" + " " * (width - used)
    return text + " " * (width - sum(_cells(c) for c in text))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _shelves(stats: dict[str, Any]) -> list[str]:
    counts: dict[str, int] = stats["by_status"]
    top = max(counts.values(), default=0)
    lines = ["Shelves"]
    lines += [f"  {name:<8}{n:>7}  {hbar(n, top, BAR)}".rstrip() for name, n in counts.items()]
    return lines


def _ratings(stats: dict[str, Any]) -> list[str]:
    counts: dict[str, int] = stats["ratings"]
    rated = stats.get("rated", sum(counts.values()))
    head = f"Ratings ({rated} rated"
    if stats.get("average_rating") is not None:
        head += f", average {stats['average_rating']:.2f}"
    lines = [head + ")"]
    top = max(counts.values(), default=0)
    for stars in sorted(counts, reverse=True):
        n = counts[stars]
        lines.append(f"  {'★' * int(stars):<5}{n:>7}  {hbar(n, top, BAR)}".rstrip())
    return lines


def _weeks(stats: dict[str, Any]) -> list[str]:
    added = stats["added_per_week"]
    read = stats["read_per_week"]
    pile = stats["to_read_pile"]
    top = max((w["count"] for w in read), default=0)
    lines = ["Week of        added  to-read at end   read"]
    for a, r, p in zip(added, read, pile, strict=True):
        start = date.fromisoformat(a["week_start"]).strftime("%d %b %Y")
        lines.append(f"  {start}  {a['count']:>6}  {p['count']:>14} {r['count']:>6}  "
                     f"{hbar(r['count'], top, 20)}".rstrip())
    lines.append(f"  read per week  {spark([w['count'] for w in read])}")
    lines.append(f"  to-read pile   {spark([w['count'] for w in pile])}")
    return lines


def _tags(stats: dict[str, Any]) -> list[str]:
    tags: list[dict[str, Any]] = stats["top_tags"]
    if not tags:
        return ["Top tags", "  (no tags yet)"]
    width = min(24, max(sum(_cells(c) for c in t["tag"]) for t in tags))
    top = tags[0]["count"]
    lines = ["Top tags"]
    for t in tags:
        lines.append(f"  {_fit(t['tag'], width)} {t['count']:>5}  "
                     f"{hbar(t['count'], top, 20)}".rstrip())
    return lines


def _reading(stats: dict[str, Any]) -> list[str]:
    lines = ["Reading"]
    days = stats["oldest_unread_to_read_days"]
    if days is None:
        lines.append("  oldest to-read paper: none (the to-read shelf is empty)")
    else:
        title = (stats.get("oldest_unread_to_read") or {}).get("title", "")
        short = _fit(title, 50).rstrip()
        lines.append(f"  oldest to-read paper: {_plural(days, 'day')} ({short})")
    avg = stats["avg_days_to_read"]
    if avg is None:
        lines.append("  average time from to-read to read: no paper went through both yet")
    else:
        n = stats.get("avg_days_to_read_papers", 0)
        lines.append(f"  average time from to-read to read: {avg:.1f} days "
                     f"(over {_plural(n, 'paper')})")
    streak = f"  reading streak: {_plural(stats['streak_days'], 'day')}"
    streak += f", finished today: {stats['finished_today']}"
    goal = stats["daily_goal"]
    if goal:
        left = goal - stats["finished_today"]
        streak += f", daily goal: {goal} ({'met' if left <= 0 else f'{left} to go'})"
    lines.append(streak)
    return lines


def progress_text(streak: int, finished_today: int, daily_goal: int) -> str:
    """A short line for the footer or sidebar, e.g. "3-day streak · today 1/2";
    empty when the daily goal is off (0)."""
    if daily_goal <= 0:
        return ""
    today = (f"goal met ({finished_today}/{daily_goal})" if finished_today >= daily_goal
             else f"today {finished_today}/{daily_goal}")
    return f"{streak}-day streak · {today}"


def format_stats(stats: dict[str, Any]) -> str:
    """Human-readable text of `compute_stats` for `reader stats`."""
    head = f"Reader statistics: {_plural(stats.get('total', 0), 'paper')}"
    if stats.get("now"):
        head += f" on {stats['now'][:10]}"
    blocks = [[head], _shelves(stats), _ratings(stats), _weeks(stats), _tags(stats),
              _reading(stats)]
    return "\n\n".join("\n".join(block) for block in blocks)
