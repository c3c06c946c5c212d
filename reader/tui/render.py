"""How papers look on screen: safe text, list rows, highlights.

Every piece of user text passes through `safe()` (sanitize, defensively, even
though ingestion already did) and becomes `Content`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content, Span

from reader.model import STATUS_GLYPHS, Entry, Status
from reader.text import clean_line, sanitize

STATUS_STYLE: dict[Status, str] = {
    Status.NEW: "bold $status-new",
    Status.TO_READ: "bold $status-to-read",
    Status.READING: "bold $status-reading",
    Status.READ: "$status-read",
    Status.SKIPPED: "$status-skipped",
}
STATUS_LABEL: dict[Status, str] = {
    Status.NEW: "Inbox",
    Status.TO_READ: "To read",
    Status.READING: "Reading",
    Status.READ: "Read",
    Status.SKIPPED: "Skipped",
}
HIGHLIGHT = "bold $search-highlight-foreground on $search-highlight-background"
MAX_TITLE = 400
"""Longer titles are cut before layout (a 3,000-character title stays one row)."""
TAG_COLUMN = 20
"""Most cells for the tags column (shown when some row of the list has tags)."""


SHOWN_LINE = 2_000
SHOWN_TEXT = 100_000
"""The most of one line (a title) and of a text (an abstract, a note) ever laid out:
more than any screen shows. A library edited by hand may hold a 10 MB title, and
laying it out froze the app for half a minute."""


def safe(text: str, *, multiline: bool = False) -> str:
    """Text fit for display: no control characters or escape sequences, and no longer
    than SHOWN_LINE / SHOWN_TEXT characters."""
    if multiline:
        return sanitize(text[:SHOWN_TEXT])
    return clean_line(text[:SHOWN_LINE])


def plain(text: str, style: str = "") -> Content:
    """User text as Content: brackets stay literal, nothing is interpreted."""
    return Content.styled(safe(text), style) if style else Content(safe(text))


def stars(rating: int | None) -> str:
    return "★" * rating + "☆" * (5 - rating) if rating else "     "


def fit(text: str, width: int) -> str:
    """Cut `text` to `width` cells with an ellipsis, or pad it to exactly `width`."""
    if width <= 0:
        return ""
    if text.isascii():  # one cell per character (controls are gone): the fast path
        return text[: width - 1] + "…" if len(text) > width else text.ljust(width)
    return Content(text).truncate(width, ellipsis=True, pad=True).plain


def tag_column(width: int) -> int:
    """Cells for the tags column in a row `width` cells wide (the title keeps the most)."""
    return min(TAG_COLUMN, max(8, width // 5))


def paper_row(entry: Entry, width: int, *, year_column: bool = True,
              tag_width: int | None = None, rating_column: bool = True) -> Content:
    """One line of the paper list: glyph, rating, title, year, tags.

    `year_column=False` drops the year column (no paper of the list has a year),
    `rating_column=False` the stars (no paper of the list is rated: the title
    gets those cells); `tag_width` is the tags column (0: none; None:
    `tag_column(width)` when this paper has tags). Every row of a list gets the
    same columns, so they align.
    """
    state = entry.state
    title = safe(entry.paper.title[:MAX_TITLE]) or "(untitled)"
    year = str(entry.paper.year) if entry.paper.year else ""
    tags = " ".join("#" + safe(t) for t in state.tags)
    if tag_width is None:
        tag_width = tag_column(width) if tags else 0
    # glyph (1) space [stars (5) space] title [space year (4)] [space tags]
    fixed = (8 if rating_column else 2) + (5 if year_column else 0) \
        + (tag_width + 1 if tag_width else 0)
    title_width = max(8, width - fixed)
    spans = [Span(0, 1, STATUS_STYLE[state.status])]
    if rating_column:
        text = f"{STATUS_GLYPHS[state.status]} {stars(state.rating)} {fit(title, title_width)}"
        spans.append(Span(2, 7, "$rating-star"))
    else:
        text = f"{STATUS_GLYPHS[state.status]} {fit(title, title_width)}"
    if year_column:
        spans.append(Span(len(text) + 1, len(text) + 5, "$text-muted"))
        text += f" {year:>4}"
    if tag_width:
        shown = fit(tags, tag_width)
        if tags:
            spans.append(Span(len(text) + 1, len(text) + 1 + len(shown.rstrip()),
                              "$tag-foreground"))
        text += " " + shown
    return Content(text, spans)


def highlighted(text: str, spans: Sequence[tuple[int, int]],
                style: str = HIGHLIGHT) -> Content:
    """`text` (already safe) with the character ranges `spans` styled."""
    content = Content(text)
    for start, end in spans:
        if 0 <= start < end <= len(text):
            content = content.stylize(style, start, end)
    return content


def naive_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of each term (fallback highlighter)."""
    lower = text.casefold()
    spans: list[tuple[int, int]] = []
    if len(lower) != len(text):  # casefold changed lengths: offsets would drift
        lower = text.lower()
        if len(lower) != len(text):
            return spans
    for term in terms:
        needle = term.casefold().strip()
        if len(needle) < 2:
            continue
        start = lower.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = lower.find(needle, start + len(needle))
    return sorted(spans)


def paper_links(entry: Entry) -> list[str]:
    """Links worth opening, best first: arXiv page, DOI, then the recorded urls."""
    paper = entry.paper
    links: list[str] = []
    if paper.arxiv_id:
        links.append(f"https://arxiv.org/abs/{paper.arxiv_id}")
    if paper.doi:
        links.append(f"https://doi.org/{paper.doi}")
    seen = {_link_key(link) for link in links}
    for url in paper.urls:
        url = clean_line(url)
        if url and _link_key(url) not in seen:
            seen.add(_link_key(url))
            links.append(url)
    return links


_DOI_HOSTS = ("dx.doi.org/", "www.doi.org/")


def _link_key(url: str) -> str:
    """What makes two links the same target: no scheme, and DOI links (any host spelling)
    compared without case, as DOIs are (https://doi.org/10.1/AB = http://dx.doi.org/10.1/ab)."""
    rest = url.split("://", 1)[-1]
    for host in _DOI_HOSTS:
        if rest.lower().startswith(host):
            rest = "doi.org/" + rest[len(host):]
    return rest.lower() if rest.lower().startswith("doi.org/") else rest


def is_web_url(url: str) -> bool:
    """Only http(s) links are ever handed to the browser."""
    return url.lower().startswith(("https://", "http://"))
