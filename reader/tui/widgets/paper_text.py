"""The paper's text, drawn line by line (Textual's Line API): only the lines on
screen are styled, so a 40-page paper opens and scrolls as fast as a short one.

The widget owns the laid-out text, the cursor line, the search hits and the
library status of each reference; it posts `CursorMoved` when the cursor line
changes. The text keeps a comfortable measure (at most MEASURE columns), centred.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.fulltext.flow import Flow
from reader.fulltext.layout import Line, layout
from reader.fulltext.pieces import Hit, LineMap, find_hits, pieces

MEASURE = 100
"""The widest the text gets, in columns, however wide the terminal."""
LOADING_DELAY = 0.3
SETTLE = 1.0
"""Seconds the cursor stays on a line before `Settled` (the place worth saving)."""

_COMPONENTS = ("title", "heading1", "heading2", "heading3", "heading4", "heading", "em",
               "strong", "code", "math", "cite", "note", "muted", "warning", "table", "hit",
               "current-hit", "cursor", "in-library", "addable", "lead")


class PaperText(ScrollView, can_focus=True):
    """The laid-out paper; j/k move a cursor line, space pages, g/G go to the ends."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"paper-text--{c}" for c in _COMPONENTS}
    DEFAULT_CSS = """
    PaperText { background: $surface; scrollbar-gutter: stable; }
    PaperText > .paper-text--title { text-style: bold; color: $text-accent; }
    PaperText > .paper-text--heading1 { text-style: bold; color: $text-primary; }
    PaperText > .paper-text--heading2 { text-style: bold; color: $text-primary; }
    PaperText > .paper-text--heading3 { text-style: bold italic; }
    PaperText > .paper-text--heading4 { text-style: italic; }
    PaperText > .paper-text--heading { text-style: bold; }
    PaperText > .paper-text--em { text-style: italic; }
    PaperText > .paper-text--strong { text-style: bold; }
    PaperText > .paper-text--code { color: $text-secondary; }
    PaperText > .paper-text--math { color: $text-secondary; }
    PaperText > .paper-text--cite { color: $text-primary; text-style: underline; }
    PaperText > .paper-text--note { color: $text-accent; }
    PaperText > .paper-text--muted { color: $text-muted; }
    PaperText > .paper-text--warning { color: $text-warning; text-style: bold; }
    PaperText > .paper-text--table { }
    PaperText > .paper-text--hit { background: $warning-muted; text-style: bold; }
    PaperText > .paper-text--current-hit { background: $warning; color: $text; }
    PaperText > .paper-text--cursor { background: $primary-muted; }
    PaperText > .paper-text--in-library { color: $text-success; text-style: bold; }
    PaperText > .paper-text--addable { color: $text-muted; }
    PaperText > .paper-text--lead { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Down", show=False, id="reading.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="reading.up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="reading.page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="reading.page_up"),
        Binding("g,home", "ends(0)", "Top", show=False, id="reading.top"),
        Binding("G,end", "ends(1)", "Bottom", show=False, id="reading.bottom"),
    ]

    class CursorMoved(Message):
        """The cursor line changed: it shows `flow` (an index of the flows)."""

        def __init__(self, text: PaperText, flow: int) -> None:
            super().__init__()
            self.text = text
            self.flow = flow

    class Settled(Message):
        """The cursor stayed on `flow` for SETTLE seconds."""

        def __init__(self, text: PaperText, flow: int) -> None:
            super().__init__()
            self.text = text
            self.flow = flow

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.flows: list[Flow] = []
        self.lines: list[Line] = []
        self.map = LineMap([])
        self.cursor = 0
        self.hits: list[Hit] = []
        self.current_hit = -1
        self._hits_by_flow: dict[int, list[tuple[int, int, int]]] = {}
        self.reference_marks: dict[int, bool] = {}
        """Reference index -> True when the cited paper is in the library."""
        self._width = 0
        self._loading: Timer | None = None
        self._settle: Timer | None = None
        self._start: int | None = None
        """The flow to open at, until the widget has a size to lay the text out in."""

    # content -----------------------------------------------------------------------
    def wait(self) -> None:
        """The text is coming: a loading indicator if it takes more than LOADING_DELAY
        (a paper in the cache opens before it; its animation would only slow that)."""
        self._loading = self.set_timer(LOADING_DELAY, lambda: setattr(self, "loading", True))

    def stop_waiting(self) -> None:
        if self._loading is not None:
            self._loading.stop()
        self.loading = False

    def show_flows(self, flows: list[Flow], flow: int = 0) -> None:
        """Show a document's flows with the cursor on `flow` (at the top of the view)."""
        self.stop_waiting()
        self.flows = flows
        self.hits, self.current_hit, self._hits_by_flow = [], -1, {}
        self._width, self.lines, self._start = 0, [], flow
        if self.scrollable_content_region.width:  # else when the widget gets its size
            self._place()

    def _place(self) -> None:
        """Lay the text out at the width there is, the cursor on the starting flow."""
        self._relayout()
        self.cursor = self.map.line_of(self._start or 0)
        self._start = None
        self.scroll_to(y=self.cursor, animate=False, immediate=True)
        self._moved()

    def measure(self) -> int:
        return max(20, min(MEASURE, self.scrollable_content_region.width - 2))

    def _relayout(self) -> None:
        width = self.measure()
        if width == self._width and self.lines:
            return
        keep = self.lines[self.cursor] if self.lines and self.cursor < len(self.lines) else None
        self._width = width
        self.lines = layout(self.flows, width)
        self.map = LineMap(self.lines)
        if keep is not None:
            self.cursor = self.map.line_of(keep.flow, keep.start)
        self.virtual_size = Size(width, len(self.lines))
        self.refresh()

    def on_resize(self) -> None:
        if self._start is not None and self.flows:
            self._place()
        elif self.flows:
            self._relayout()
            self._keep_cursor_visible()

    @property
    def cursor_flow(self) -> int:
        return self.lines[self.cursor].flow if self.lines else 0

    @property
    def cursor_line(self) -> Line | None:
        return self.lines[self.cursor] if self.lines else None

    def set_reference_marks(self, marks: dict[int, bool]) -> None:
        self.reference_marks = marks
        self.refresh()

    # moving ----------------------------------------------------------------------
    def move_to(self, line: int, *, top: bool = False) -> None:
        if not self.lines:
            return
        line = max(0, min(line, len(self.lines) - 1))
        changed = line != self.cursor
        self.cursor = line
        if top:
            self.scroll_to(y=line, animate=False, immediate=True)
        else:
            self._keep_cursor_visible()
        self.refresh()
        if changed or top:
            self._moved()

    def go_to_flow(self, flow: int, offset: int = 0) -> None:
        self.move_to(self.map.line_of(flow, offset), top=True)

    def _keep_cursor_visible(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, delta: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=max(0, round(self.scroll_y) + delta * height), animate=False,
                       immediate=True)
        self.move_to(self.cursor + delta * height)

    def action_ends(self, end: int) -> None:
        self.move_to(len(self.lines) - 1 if end else 0, top=not end)

    # search ------------------------------------------------------------------------
    def search(self, query: str) -> int:
        """Highlight every hit of `query` and go to the first one after the cursor."""
        self.hits = find_hits(self.flows, query)
        self._hits_by_flow = {}
        for n, hit in enumerate(self.hits):
            self._hits_by_flow.setdefault(hit.flow, []).append((hit.start, hit.end, n))
        self.current_hit = -1
        if self.hits:
            here = self.cursor_flow
            after = next((n for n, h in enumerate(self.hits) if h.flow >= here), 0)
            self._go_to_hit(after)
        self.refresh()
        return len(self.hits)

    def next_hit(self, delta: int) -> bool:
        if not self.hits:
            return False
        self._go_to_hit((self.current_hit + delta) % len(self.hits))
        return True

    def _go_to_hit(self, n: int) -> None:
        self.current_hit = n
        hit = self.hits[n]
        line = self.map.line_of(hit.flow, hit.start)
        height = max(1, self.scrollable_content_region.height)
        self.cursor = line
        self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)
        self.refresh()
        self._moved()

    # drawing -----------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        number = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if number >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[number]
        flow = self.flows[line.flow]
        style_of = self._style
        if number == self.cursor and self.has_focus:
            base = base + style_of("cursor")
        left = max(0, (width - self._width) // 2)
        segments = [Segment(" " * left, base)]
        lead = line.lead
        if flow.reference >= 0 and line.start == 0 and len(lead) >= 2:
            known = self.reference_marks.get(flow.reference)
            mark = ("✓ ", style_of("in-library")) if known else ("+ ", style_of("addable"))
            segments.append(Segment(mark[0], base + mark[1]))
            segments.append(Segment(lead[2:], base + style_of("lead")))
        elif lead:
            segments.append(Segment(lead, base + style_of("lead")))
        marks = [(a, b, "current-hit" if n == self.current_hit else "hit")
                 for a, b, n in self._hits_by_flow.get(line.flow, ())]
        for text, names in pieces(flow, line, marks):
            style = base
            for name in names:
                style += style_of(name)
            segments.append(Segment(text, style))
        return Strip(segments).crop_extend(0, width, base)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"paper-text--{name}", partial=True,
                                             default=Style.null())

    def _moved(self) -> None:
        """Say the cursor moved, and where it settles once it stays SETTLE seconds."""
        self.post_message(self.CursorMoved(self, self.cursor_flow))
        if self._settle is not None:
            self._settle.stop()
        self._settle = self.set_timer(
            SETTLE, lambda: self.post_message(self.Settled(self, self.cursor_flow)))

    def on_focus(self) -> None:
        self.refresh()  # the cursor line shows only while the text has the focus

    def on_blur(self) -> None:
        self.refresh()
