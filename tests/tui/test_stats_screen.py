"""The stats screen: figures with pictures, in a dark and a light theme, at 80x24."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Sparkline, Static

from reader.model import Entry, HistoryEntry, Paper, ReadingState, Status
from reader.tui.screens.stats import StatsScreen
from reader.tui.themes import register_themes, variable_defaults
from reader.tui.widgets.charts import BarChart, WeekAxis

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
S = Status


def _entry(pid: str, status: Status, added: str, history: Sequence[tuple[str, Status]] = (),
           rating: int | None = None, tags: Sequence[str] = (), title: str = "") -> Entry:
    hist, previous = [], Status.NEW
    for at, new in history:
        hist.append(HistoryEntry(at=at, status=new, previous=previous))
        previous = new
    return Entry(Paper(id=pid, title=title or f"Paper {pid}", added_at=added),
                 ReadingState(paper_id=pid, status=status, rating=rating, tags=list(tags),
                              history=hist))


READS = [0, 1, 0, 2, 1, 3, 0, 2, 4, 1, 2, 3]
"""Papers finished in each of the twelve weeks (Mondays 2026-09-07 ... 2026-11-23)."""


def library() -> list[Entry]:
    """Each week some papers are queued on Monday and read on Wednesday (today, in the
    last week); plus a to-read pile, one being read, one skipped and an inbox."""
    entries = []
    for week, reads in enumerate(READS):
        monday = datetime(2026, 9, 7, 9, tzinfo=UTC) + timedelta(weeks=week)
        for i in range(reads):
            finish = monday + timedelta(days=2)
            if week == len(READS) - 1:  # the last three days in a row: a streak of 3
                finish = NOW - timedelta(days=reads - 1 - i, hours=1)
            entries.append(_entry(
                f"w{week}-{i}", S.READ, monday.isoformat(),
                [(monday.isoformat(), S.TO_READ), (finish.isoformat(), S.READ)],
                rating=1 + (week + i) % 5, tags=["ml", "vision", "rl"][: 1 + (week + i) % 3]))
    entries += [
        _entry("q1", S.TO_READ, "2026-09-10T08:00:00Z", [("2026-09-20T08:00:00Z", S.TO_READ)],
               tags=["[bold]not markup[/]"],
               title="Attention [MASK] Is All You Need, a title long enough to be cut " * 3),
        _entry("q2", S.TO_READ, "2026-10-12T08:00:00Z", rating=5, tags=["ml"]),
        _entry("q3", S.TO_READ, "2026-11-02T08:00:00Z", [("2026-11-03T08:00:00Z", S.TO_READ)]),
        _entry("r1", S.READING, "2026-10-01T08:00:00Z", [("2026-10-02T08:00:00Z", S.READING)]),
        _entry("s1", S.SKIPPED, "2026-09-15T08:00:00Z", [("2026-09-16T08:00:00Z", S.SKIPPED)],
               rating=1),
        *[_entry(f"n{i}", S.NEW, f"2026-{9 + i % 3}-{10 + i:02d}T08:00:00Z") for i in range(9)],
    ]
    return entries


class StatsHost(App[None]):
    """A bare app holding the stats screen, with Reader's themes registered."""

    def __init__(self, entries: list[Entry], theme: str, daily_goal: int = 0) -> None:
        super().__init__()
        register_themes(self)
        self.entries, self.wanted_theme, self.daily_goal = entries, theme, daily_goal

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme)

    def on_mount(self) -> None:
        self.theme = self.wanted_theme
        self.push_screen(StatsScreen(self.entries, NOW, daily_goal=self.daily_goal))


def _text(app: App[Any]) -> str:
    widgets = [*app.screen.query(Static), *app.screen.query(BarChart),
               *app.screen.query(WeekAxis)]
    return "\n".join(str(w.render()) for w in widgets)


# --- behaviour ------------------------------------------------------------------

async def test_keys_close_the_screen() -> None:
    for key in ("escape", "q", "s"):
        app = StatsHost(library(), "reader-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StatsScreen)
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, StatsScreen), key


async def test_charts_hold_the_weekly_figures() -> None:
    app = StatsHost(library(), "reader-dark", daily_goal=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        read = app.screen.query_one("#read-spark", Sparkline)
        assert list(read.data or []) == READS
        pile = app.screen.query_one("#pile-spark", Sparkline)
        # q1 joins the pile on 09-20, q2 when added on 10-12, q3 on 11-03; the papers read
        # each week were queued and finished within it.
        assert list(pile.data or []) == [0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3]
        text = _text(app)
        assert "3 days" in text  # the streak: 11-26, 11-27, 11-28
        assert "1 to go" in text
        assert "[bold]not m" in text  # a tag shown literally, not as markup
        assert "Attention [MASK]" in text


async def test_tag_names_take_the_room_a_wide_screen_has() -> None:
    for size, shown in (((80, 24), "[bold]not m…"), ((160, 45), "[bold]not markup[/]")):
        app = StatsHost(library(), "reader-dark")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            lines = str(app.screen.query_one("#tag-bars", BarChart).render()).splitlines()
            assert any(line.startswith(shown + " ") for line in lines), (size, lines)


async def test_a_large_library_is_counted_in_the_background(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StatsScreen, "SYNC_LIMIT", 5)
    app = StatsHost(library(), "reader-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert list(app.screen.query_one("#read-spark", Sparkline).data or []) == READS
        assert "33 papers" in _text(app)


async def test_closing_while_counting_is_harmless(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StatsScreen, "SYNC_LIMIT", 5)
    app = StatsHost(library(), "reader-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)


async def test_empty_library_and_goal_off() -> None:
    app = StatsHost([], "reader-light")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = _text(app)
        assert "0 papers" in text
        assert "No tags yet" in text
        assert "off" in text


def _axis_lines(app: App[Any], spark_id: str) -> list[str]:
    chart = app.screen.query_one(f"#{spark_id}", Sparkline).parent
    assert chart is not None
    return chart.query_one(WeekAxis).render().plain.split("\n")


async def test_charts_take_the_width_and_follow_a_resize() -> None:
    app = StatsHost(library(), "reader-dark", daily_goal=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        spark = app.screen.query_one("#read-spark", Sparkline)
        shelves = app.screen.query_one("#shelf-bars", BarChart)
        narrow_spark, narrow_bar = spark.size.width, shelves.bar_width(shelves.size.width)
        assert narrow_spark == 72  # 6 cells a week fit in 80 columns
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        await pilot.pause()
        panel = spark.parent
        assert panel is not None
        room = panel.size.width
        assert spark.size.width % 12 == 0 and room - 12 < spark.size.width <= room
        assert spark.size.width >= 2 * narrow_spark - 12
        assert shelves.bar_width(shelves.size.width) > 2 * narrow_bar
        # the longest bar (Read, 19) spans the chart's width after its label and count
        read_line = shelves.render().plain.split("\n")[3]
        assert read_line.rstrip().endswith("█") and len(read_line.rstrip()) == shelves.size.width
        # each week's count sits under that week's columns, and every week has a date
        column = spark.size.width // 12
        counts, dates = _axis_lines(app, "read-spark")
        for week, n in enumerate(READS):
            assert counts[week * column:(week + 1) * column].strip() == str(n)
        assert len(dates.split()) == 2 * 12  # "07 Sep" is two words
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert spark.size.width == narrow_spark


async def test_narrow_terminal_does_not_crash() -> None:
    app = StatsHost(library(), "textual-dark")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


# --- snapshots (80x24 and one wide; look at them before updating) --------------------

def test_snapshot_dark(snap_compare: Any) -> None:
    assert snap_compare(StatsHost(library(), "reader-dark", daily_goal=2),
                        terminal_size=(80, 24))


def test_snapshot_light(snap_compare: Any) -> None:
    assert snap_compare(StatsHost(library(), "reader-light", daily_goal=2),
                        terminal_size=(80, 24))


def test_snapshot_light_scrolled_to_the_end(snap_compare: Any) -> None:
    assert snap_compare(StatsHost(library(), "reader-light", daily_goal=2),
                        terminal_size=(80, 24), press=["end"])


def test_snapshot_dark_scrolled_to_the_end(snap_compare: Any) -> None:
    assert snap_compare(StatsHost(library(), "reader-dark"), terminal_size=(80, 24),
                        press=["end"])


def test_snapshot_dark_160x45(snap_compare: Any) -> None:
    assert snap_compare(StatsHost(library(), "reader-dark", daily_goal=2),
                        terminal_size=(160, 45))
