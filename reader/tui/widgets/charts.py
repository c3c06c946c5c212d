"""Charts of the stats screen that take the width they are given.

`BarChart`: one line per row (label, count, a bar of Unicode blocks); the bars
take the cells left after the labels and counts. `WeekChart`: a `Sparkline` of
weekly counts with the counts and dates beneath, a whole number of cells per
week so that each number sits under its own bar. Both lay out again when their
width changes (a resized terminal). Colours come from theme variables only;
labels are `Content` (user text is never markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from math import ceil
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Sparkline

from reader.stats import hbar

BarRow = tuple[Content, int, str]
"""(label, count, style of the bar)."""
DATE_WIDTH = len("07 Sep ")
"""Cells a week's date needs under the chart, with a space after it."""


def bars(rows: Sequence[BarRow], label_width: int, bar: int) -> Content:
    """One line per row: label, count, a bar in its style scaled to the largest count."""
    top = max((n for _, n, _ in rows), default=0)
    digits = len(str(top))
    lines = []
    for label, n, style in rows:
        lines.append(Content.assemble(
            label.pad_right(max(0, label_width - label.cell_length)), f"{n:>{digits}} ",
            (hbar(n, top, bar), style)))
    return Content("\n").join(lines)


class BarChart(Widget):
    """Horizontal bars as long as the widget's width allows (at least `min_bar`)."""

    DEFAULT_CSS = """
    BarChart { width: 1fr; height: auto; }
    """

    def __init__(self, rows: Sequence[BarRow], label_width: int, *, min_bar: int = 4,
                 widest: int | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = list(rows)
        self.label_width = label_width
        """Cells of the label column (a label and a space)."""
        self.widest = widest
        """When set, the label column grows up to this, or a third of the width, for
        longer labels; a label longer than its column is cut with …."""
        self.min_bar = min_bar

    def labels_width(self, width: int) -> int:
        """Cells of the label column in a chart `width` cells wide."""
        if self.widest is None:
            return self.label_width
        longest = max((label.cell_length + 1 for label, _, _ in self.rows), default=0)
        return max(self.label_width, min(longest, self.widest, width // 3))

    def bar_width(self, width: int) -> int:
        """Cells for the longest bar in a chart `width` cells wide."""
        digits = len(str(max((n for _, n, _ in self.rows), default=0)))
        return max(self.min_bar, width - self.labels_width(width) - digits - 1)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self.rows)

    def render(self) -> Content:
        width = self.size.width
        labels = self.labels_width(width)
        rows = [(label if label.cell_length < labels else label.truncate(labels - 1, ellipsis=True),
                 n, style) for label, n, style in self.rows]
        return bars(rows, labels, self.bar_width(width))


def week_axis(series: Sequence[dict[str, Any]], column: int) -> Content:
    """The counts under a weekly chart (`column` cells per week), each centred under
    its week, then the dates of the weeks that have room for one. When the columns
    are too narrow for every figure, every other (third...) week is labelled."""
    counts = [str(w["count"]) for w in series]
    every = max(1, ceil((max(map(len, counts), default=1) + 1) / column))
    line = [" "] * (column * len(series) + column * every)
    for i in range(0, len(counts), every):
        start = i * column + max(0, (column - len(counts[i])) // 2)
        line[start:start + len(counts[i])] = counts[i]
    step = max(1, ceil(DATE_WIDTH / column))
    dates = "".join(f"{date.fromisoformat(w['week_start']).strftime('%d %b'):<{column * step}}"
                    for w in series[::step])
    return Content.assemble(("".join(line).rstrip(), "bold"), "\n",
                            (dates.rstrip(), "$text-muted"))


class WeekAxis(Widget):
    """The counts and dates under a `WeekChart`, as wide as the chart above."""

    DEFAULT_CSS = """
    WeekAxis { width: 1fr; height: 2; }
    """

    def __init__(self, series: Sequence[dict[str, Any]]) -> None:
        super().__init__(classes="stats-axis")
        self.series = list(series)

    def render(self) -> Content:
        return week_axis(self.series, week_column(self.size.width, len(self.series)))


def week_column(width: int, weeks: int) -> int:
    """Cells per week for a chart of `weeks` weeks in `width` cells (at least one)."""
    return max(1, width // max(1, weeks))


class WeekChart(Vertical):
    """A sparkline of weekly counts over the counts and dates; the sparkline is a
    whole number of cells per week wide, so every week's figures sit under it."""

    DEFAULT_CSS = """
    WeekChart { width: 1fr; height: auto; }
    WeekChart > Sparkline { height: 3; margin-top: 1; }
    """

    def __init__(self, series: Sequence[dict[str, Any]], spark_id: str) -> None:
        super().__init__()
        self.series = list(series)
        self.spark_id = spark_id

    def compose(self) -> ComposeResult:
        yield Sparkline([w["count"] for w in self.series], id=self.spark_id)
        yield WeekAxis(self.series)

    def on_resize(self, event: events.Resize) -> None:
        weeks = len(self.series)
        width = week_column(event.size.width, weeks) * max(1, weeks)
        spark = self.query_one(Sparkline)
        if spark.styles.width is None or spark.styles.width.cells != width:
            spark.styles.width = width
