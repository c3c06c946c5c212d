"""The stats screen: the figures of `reader stats`, with pictures.

Papers read per week and the to-read pile over twelve weeks are Textual
`Sparkline`s with the counts and dates beneath; shelves, ratings and tags are
bars of Unicode blocks. Charts take the width of the terminal and follow it
when it is resized (reader.tui.widgets.charts). Colours come from theme
variables only; tags (user text) are `Content`, never markup. `escape`, `q` or
`s` closes the screen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, LoadingIndicator, Static

from reader.model import Entry, Status
from reader.stats import compute_stats
from reader.text import clean_line
from reader.tui.dismissal import dismiss_once
from reader.tui.widgets.charts import BarChart, WeekChart

STATUS_NAMES = {Status.NEW: "Inbox", Status.TO_READ: "To read", Status.READING: "Reading",
                Status.READ: "Read", Status.SKIPPED: "Skipped"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _fit(text: str, width: int) -> str:
    """User text cut to `width` cells (wide characters counted), ending in … when cut."""
    text = clean_line(text)
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


def _shelves(s: dict[str, Any]) -> BarChart:
    counts = s["by_status"]
    rows = [(Content(STATUS_NAMES[st]), counts[st.value], f"$status-{st.value}")
            for st in Status]
    return BarChart(rows, 9, id="shelf-bars")


def _ratings(s: dict[str, Any]) -> BarChart:
    counts = s["ratings"]
    rows = [(Content.styled("★" * r, "$rating-star"), counts[str(r)], "$rating-star")
            for r in range(5, 0, -1)]
    return BarChart(rows, 7, id="rating-bars")


def _ratings_subtitle(s: dict[str, Any]) -> str:
    if not s["rated"]:
        return "none rated yet"
    return f"{s['rated']} rated · average {s['average_rating']:.2f}"


def _tags(s: dict[str, Any]) -> Widget:
    tags = s["top_tags"]
    if not tags:
        return Static(Content.styled("No tags yet: press + on a paper to add one.",
                                     "$text-muted"))
    rows = [(Content.styled(_fit(t["tag"], 40), "$tag-foreground"), t["count"], "$primary")
            for t in tags]
    return BarChart(rows, 13, widest=25, id="tag-bars")


def _streak(s: dict[str, Any]) -> Content:
    lines: list[Content] = []

    def row(label: str, value: Content | str) -> None:
        lines.append(Content.assemble((f"{label:<16}", "$text-muted"), value))

    row("Reading streak", Content.styled(_plural(s["streak_days"], "day"), "bold $text-success"))
    row("Finished today", str(s["finished_today"]))
    goal = s["daily_goal"]
    if goal:
        done = s["finished_today"]
        meter = ("●" * min(done, goal) + "○" * max(0, goal - done)) if goal <= 10 else (
            f"{min(done, goal)}/{goal}")
        left = goal - done
        row("Daily goal", Content.assemble(
            (meter, "$text-success"), f"  {'met' if left <= 0 else f'{left} to go'}"))
    else:
        row("Daily goal", Content.styled("off (config file)", "$text-muted"))
    days = s["oldest_unread_to_read_days"]
    row("Oldest to-read", "none" if days is None else _plural(days, "day"))
    if days is not None and s["oldest_unread_to_read"]:
        lines.append(Content.styled("  " + _fit(s["oldest_unread_to_read"]["title"], 32),
                                    "italic"))
    avg = s["avg_days_to_read"]
    row("To-read → read", "no data yet" if avg is None else
        f"{avg:.1f} days avg ({s['avg_days_to_read_papers']})")
    return Content("\n").join(lines)


class StatsScreen(Screen[None]):
    """Reading statistics for `entries` as of `now` (its time zone gives the days)."""

    DEFAULT_CSS = """
    StatsScreen { background: $background; }
    StatsScreen #stats-title {
        dock: top; height: 1; padding: 0 1;
        background: $panel; color: $foreground; text-style: bold;
    }
    StatsScreen VerticalScroll { padding: 0 1; }
    StatsScreen .stats-row { height: auto; }
    StatsScreen .stats-panel {
        height: auto; width: 1fr; padding: 0 1;
        border: round $primary 60%; border-title-color: $primary;
        border-title-style: bold; border-subtitle-color: $text-muted;
    }
    StatsScreen .stats-panel.-half { min-width: 36; }
    StatsScreen #read-spark > .sparkline--max-color { color: $success; }
    StatsScreen #read-spark > .sparkline--min-color { color: $success 50%; }
    StatsScreen #pile-spark > .sparkline--max-color { color: $warning; }
    StatsScreen #pile-spark > .sparkline--min-color { color: $warning 50%; }
    StatsScreen #added-spark { height: 2; }
    StatsScreen #added-spark > .sparkline--max-color { color: $primary; }
    StatsScreen #added-spark > .sparkline--min-color { color: $primary 50%; }
    StatsScreen .stats-panel Static { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,s", "close", "Close", id="stats.close"),
    ]

    SYNC_LIMIT: ClassVar[int] = 10_000
    """Up to this many papers the figures are computed at once (about 60 ms at 10k,
    bench/bench_stats.py); above it, in a thread while a loading indicator shows."""

    def __init__(self, entries: list[Entry], now: datetime, daily_goal: int = 0) -> None:
        super().__init__()
        self._source = (entries, now, daily_goal)
        self.stats: dict[str, Any] | None = None
        if len(entries) <= self.SYNC_LIMIT:
            self.stats = compute_stats(entries, now, daily_goal=daily_goal)

    def action_close(self) -> None:
        dismiss_once(self, None)

    # composition ---------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="stats-title")
        with VerticalScroll(id="stats-body"):
            if self.stats is None:
                yield LoadingIndicator()
            else:
                yield from self._panels(self.stats)
        yield Footer()

    def on_mount(self) -> None:
        if self.stats is None:
            self._compute()

    class StatsComputed(Message, bubble=False):
        """The figures counted in the background (a large library)."""

        def __init__(self, stats: dict[str, Any]) -> None:
            super().__init__()
            self.stats = stats

    @work(thread=True, exclusive=True, name="stats")
    def _compute(self) -> None:
        entries, now, goal = self._source
        self.post_message(self.StatsComputed(compute_stats(entries, now, daily_goal=goal)))

    @on(StatsComputed)
    def _show(self, event: StatsComputed) -> None:
        if not self.is_attached:
            return  # closed while counting
        self.stats = event.stats
        self.query_one("#stats-title", Static).update(self._title())
        body = self.query_one("#stats-body", VerticalScroll)
        body.remove_children()
        body.mount_all(self._panels(event.stats))

    def _title(self) -> Content:
        s = self.stats
        if s is None:
            return Content(f"Reading statistics · counting {len(self._source[0]):,} papers…")
        return Content(f"Reading statistics · {_plural(s['total'], 'paper')} · {s['now'][:10]}")

    def _panels(self, s: dict[str, Any]) -> list[Widget]:
        return [
            Horizontal(self._panel("Shelves", _shelves(s), half=True),
                       self._panel("Ratings", _ratings(s), half=True,
                                   subtitle=_ratings_subtitle(s)), classes="stats-row"),
            self._series_panel("Papers read per week", "read-spark", s["read_per_week"]),
            self._series_panel("To-read pile at the end of each week", "pile-spark",
                               s["to_read_pile"]),
            Horizontal(self._panel("Streak and goal", _streak(s), half=True),
                       self._panel("Top tags", _tags(s), half=True), classes="stats-row"),
            self._series_panel("Papers added per week", "added-spark", s["added_per_week"]),
        ]

    def _panel(self, title: str, body: Content | Widget, *, half: bool = False,
               subtitle: str = "") -> Vertical:
        child = body if isinstance(body, Widget) else Static(body)
        panel = Vertical(child, classes="stats-panel -half" if half else "stats-panel")
        panel.border_title = title
        panel.border_subtitle = subtitle
        return panel

    def _series_panel(self, title: str, spark_id: str, series: list[dict[str, Any]]) -> Vertical:
        counts = [w["count"] for w in series]
        panel = Vertical(WeekChart(series, spark_id), classes="stats-panel")
        panel.border_title = title
        if spark_id == "pile-spark":
            panel.border_subtitle = f"now {counts[-1]} · low {min(counts)} · high {max(counts)}"
        else:
            panel.border_subtitle = f"{sum(counts)} in 12 weeks · most {max(counts)}"
        return panel
