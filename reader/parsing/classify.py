"""Line classification for the plain-text page copy: chrome, counts, metadata, text.

Pure and fast (the plain-text parser reads whole 100k-paper listings): long lines are text
without a regex; short lines are tested against a few anchored patterns.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from reader.text import has_controls, sanitize

TEXT, CHROME, COUNT, META, SKIP_NEXT = "text", "chrome", "count", "meta", "skip"
SHORT = 200
"""Lines longer than this are always text (abstracts)."""

_NAV = [
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!", "by AK and the research community",
    "Hugging Face", "Subscribe", "Models", "Datasets", "Spaces", "Community",
    "Docs", "Enterprise", "Pricing", "Log In", "Login", "Sign Up", "Posts", "Papers",
    "Collections", "Search", "new", "Daily", "Weekly", "Monthly", "Trending", "Previous",
    "Next", "Upvote", "Upvoted", "Submit paper", "Submit", "View all", "Show more",
    "Load more", "Paper page", "arXiv page", "Website", "Tasks", "Learn", "Forum",
    "Discord", "Blog", "Solutions", "Resources", "Changelog", "Status", "About", "Careers",
    "Terms of Service", "Privacy", "Copyright", "Home", "Back to", "Browse", "Sort by",
    "Most recent", "Most upvoted", "Relevance", "Hot", "Today", "This week", "This month",
    "Open menu", "Close", "Menu", "≡", "☰", "🤗", "AI-generated summary", "Abstract",
    "View arXiv page", "View PDF", "Add to collection", "Models citing this paper",
    "Datasets citing this paper", "Spaces citing this paper",
    "Collections including this paper",
]
_NAV_RE = re.compile(
    "(?:(?:" + "|".join(re.escape(p) for p in sorted(_NAV, key=len, reverse=True))
    + r")[\s·•|,:/\d]*)+", re.IGNORECASE)
"""A line made only of navigation words (glued or separated, counts allowed)."""
_GLUED = ("Get trending papers in your email inbox once a day!",
          "Get trending papers in your email inbox!", "by AK and the research community",
          "Daily Papers", "Subscribe")
_COUNT_RE = re.compile(r"(?:upvotes?\s*)?(?:\d[\d,.]*\s*[kK]?|[-–—])(?:\s+(?:comments?|upvotes?))?",
                       re.IGNORECASE)
_AUTHORS_RE = re.compile(r"(?:by\s+)?(\d+)\s+authors?", re.IGNORECASE)
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
        r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_RE = re.compile(
    r"(?:(?:published|submitted|updated|added)(?:\s+on)?\s*:?\s*)?(?:"
    rf"{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+{_MON.replace('mon>', 'mon2>')}(?:,?\s+(?P<year2>\d{{4}}))?"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"|\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|yesterday|today)",
    re.IGNORECASE)
_SUBMITTED_RE = re.compile(r"submitted\s+by\b\s*:?\s*(?P<who>.*)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_META_STARTS = frozenset(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                          "nov", "dec", "pub", "sub", "upd", "add", "yes", "tod", "by "])
_NAV_STARTS = frozenset(p[:3].lower() for p in _NAV)
_AUTHORS_DATE = re.compile(r"\d+ authors? · ([A-Za-z]{3,9})\.? (\d{1,2})(?:, (\d{4}))?")
_SIMPLE_DATE = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:, (\d{4}))?")
_SEPS = ("·", "•")


@dataclass(slots=True)
class Line:
    number: int
    """1-based line number in the file."""
    kind: str
    text: str
    published: str | None = None
    year: int | None = None


def today() -> date:
    """The local date (tests replace this function)."""
    return date.today()


_today: date = date(2000, 1, 1)
"""`today()`, read once per parse by `classify_lines`."""


def _this_year(month: int, day: int) -> tuple[bool, str | None, int | None]:
    """The page leaves out the current year ("May 30"): the latest such date that is
    not in the future (a copy saved on Jan 2 shows "Dec 30" of last year)."""
    for year in (_today.year, _today.year - 1):
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if when <= _today + timedelta(days=1):
            return True, when.isoformat(), year
    return 1 <= day <= 31, None, None


def parse_date(text: str) -> tuple[bool, str | None, int | None]:
    """(is a date, ISO date when the year is known or implied, year)."""
    simple = _SIMPLE_DATE.fullmatch(text)
    if simple and simple.group(1)[:3].lower() in _MONTHS:
        month, day = _MONTHS[simple.group(1)[:3].lower()], int(simple.group(2))
        if simple.group(3) is None:
            return _this_year(month, day)
        year = int(simple.group(3))
        if 1 <= day <= 31:
            return True, f"{year:04d}-{month:02d}-{day:02d}", year
    m = _DATE_RE.fullmatch(text)
    if not m:
        return False, None, None
    if m.group("iy"):
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        mon = m.group("mon") or m.group("mon2")
        if mon is None:
            return True, None, None  # "3 days ago"
        month = _MONTHS[mon[:3].lower()]
        day = int(m.group("day") or m.group("day2"))
        raw_year = m.group("year") or m.group("year2")
        if raw_year is None:
            return _this_year(month, day)
        year = int(raw_year)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False, None, None
    return True, f"{year:04d}-{month:02d}-{day:02d}", year


def _meta(text: str) -> Line | None:
    """A metadata line: a date, `N authors`, or parts of those joined by `·`."""
    common = _AUTHORS_DATE.fullmatch(text)  # "5 authors · Mar 8, 2024": one regex, no split
    if common:
        mon, day, year_text = common.groups()
        month = _MONTHS.get(mon[:3].lower())
        if month and len(day) <= 2 and day != "0" and int(day) <= 31:
            if year_text is None:
                _, implied, implied_year = _this_year(month, int(day))
                return Line(0, META, text, implied, implied_year)
            return Line(0, META, text, f"{year_text}-{month:02d}-{int(day):02d}",
                        int(year_text))
    parts = [p.strip() for p in text.replace("•", "·").split("·")]
    known = False
    published: str | None = None
    year: int | None = None
    for part in parts:
        if not part:
            continue
        if _AUTHORS_RE.fullmatch(part) or _COUNT_RE.fullmatch(part):
            known = True
            continue
        is_date, iso, y = parse_date(part)
        if is_date:
            known = True
            published, year = published or iso, year or y
        elif len(parts) == 1 or len(part) > 80 or part.endswith("."):
            return None  # prose, not an organisation name
    if known or all(not p for p in parts):
        return Line(0, META, text, published, year)
    return None


def _strip_glued(text: str, in_header: bool) -> str:
    """Cut chrome glued to the start of a title ("SubscribePrincipled Training...")."""
    changed = True
    while changed:
        changed = False
        for phrase in _GLUED:
            if text.startswith(phrase) and len(text) > len(phrase):
                rest = text[len(phrase):]
                if in_header or not rest[0].islower():
                    text = rest.lstrip()
                    changed = True
    return text


def classify(text: str, in_header: bool) -> Line:
    """One stripped, non-empty line; `number` is filled by the caller."""
    if len(text) > SHORT:
        return Line(0, TEXT, text)
    first = text[0]
    if text.isdigit() or text == "-":
        return Line(0, COUNT, text)
    dotted = "·" in text or "•" in text
    if (not dotted and (first.isdigit() or first in "-–—") and len(text) < 30
            and _COUNT_RE.fullmatch(text)):
        return Line(0, COUNT, text)
    start = text[:3].lower()
    if dotted or first.isdigit() or start in _META_STARTS:
        meta = _meta(text)
        if meta is not None:
            return meta
        m = _SUBMITTED_RE.fullmatch(text)
        if m:
            return Line(0, SKIP_NEXT if not m.group("who") else CHROME, text)
    if (start in _NAV_STARTS or first in "≡☰🤗") and _NAV_RE.fullmatch(text):
        return Line(0, CHROME, text)
    if in_header:
        stripped = _strip_glued(text, in_header)
        if stripped != text:
            return classify(stripped, in_header) if stripped else Line(0, CHROME, text)
    return Line(0, TEXT, text)


def classify_lines(text: str) -> list[Line]:
    """Every non-blank line of `text`, cleaned (controls, CRLF, runs of spaces) and classified."""
    global _today
    _today = today()
    if has_controls(text):
        text = sanitize(text)
    out: list[Line] = []
    append, new = out.append, Line  # locals: this loop runs once per line of the file
    in_header = True
    skip_next = False
    odd_spaces = "  " in text or "\t" in text or "\xa0" in text  # one scan, not one per line
    number = 0
    for raw in text.splitlines():
        number += 1
        s = raw.strip()
        if not s:
            continue
        if odd_spaces and ("  " in s or "\t" in s or "\xa0" in s):
            s = _SPACES.sub(" ", s)
        if skip_next:  # the user name after a bare "Submitted by"
            skip_next = False
            append(new(number, CHROME, s))
            continue
        if len(s) > SHORT:
            append(new(number, TEXT, s))
            in_header = False
            continue
        if s.isdigit() or s == "-":  # upvote and comment counts: half of all short lines
            append(new(number, COUNT, s))
            continue
        line = classify(s, in_header)
        line.number = number
        kind = line.kind
        if kind == TEXT:
            in_header = False
        elif kind == META:
            if out and line.text.startswith(_SEPS):
                _organisation(out)
            elif out and line.published is not None:
                _organisation(out, after_abstract=True)
        elif kind == SKIP_NEXT:
            skip_next = True
        elif kind == CHROME:
            in_header = True  # e.g. a second page pasted below the first: its chrome again
        append(line)
    return out


def _organisation(out: list[Line], after_abstract: bool = False) -> None:
    """A short text line right before a `· date` line is an organisation, not a title."""
    prev = out[-1]
    if prev.kind != TEXT or len(prev.text) > 80 or prev.text.endswith("."):
        return
    if after_abstract and not (len(out) >= 2 and out[-2].kind == TEXT
                               and len(out[-2].text) > SHORT):
        return
    prev.kind = META


def looks_like_listing(head: str) -> bool:
    """True when `head` reads like a copied papers page: chrome, metadata, or
    a title line followed by a long abstract line."""
    stripped = head.lstrip()
    if stripped[:1] in ("<", "{", "[", "@"):
        return False
    first = stripped.split("\n", 1)[0]
    if first.count(",") >= 2 and " " not in first.strip():
        return False  # a CSV header
    lines = classify_lines(head)
    signals = sum(1 for ln in lines if ln.kind == META and "·" in ln.text)
    if any(ln.kind == CHROME and ("Papers" in ln.text or "trending" in ln.text)
           for ln in lines):
        signals += 2
    for prev, cur in itertools.pairwise(lines):
        if (prev.kind == TEXT and cur.kind == TEXT and len(prev.text) <= 300
                and len(cur.text) >= 250 and not prev.text.endswith(".")
                and prev.text[:1] not in "#*->|`" and " " in cur.text):
            signals += 1
    return signals >= 1
