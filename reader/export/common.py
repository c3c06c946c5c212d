"""Small helpers shared by the text formats: links, author names, notes, stars."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote, urlsplit

from reader.model import Paper

_SAFE_SCHEMES = ("http", "https")
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le",
              "ten", "ter", "dos", "das", "bin", "al"}


def safe_url(url: str) -> str | None:
    """`url` if it is an http(s) link with a host, percent-encoding anything that could
    end a Markdown/Org/HTML link early (spaces, brackets, quotes, angle brackets)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return quote(url, safe="/:?#=&%+,;@!$*~.-_")


def best_link(paper: Paper) -> str | None:
    """The arXiv abstract page, else the first http(s) link, else the DOI resolver."""
    if paper.arxiv_id:
        return safe_url(f"https://arxiv.org/abs/{paper.arxiv_id}")
    for url in paper.urls:
        link = safe_url(url)
        if link:
            return link
    if paper.doi:
        return safe_url(f"https://doi.org/{paper.doi}")
    return None


def split_name(name: str) -> tuple[str, str]:
    """("Given names", "Family") from "Given Family" or "Family, Given".

    Lower-case particles before the last word (van, de, ...) stay with the family
    name; a one-word name (or an organisation) is all family.
    """
    name = " ".join(name.split())
    if "," in name:
        family, _, given = name.partition(",")
        return given.strip(), family.strip()
    words = name.split(" ")
    if len(words) == 1:
        return "", name
    cut = len(words) - 1
    while cut > 1 and words[cut - 1] in _PARTICLES:
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def initials(given: str) -> str:
    """"Alice Mary" -> "A. M.", "Jean-Pierre" -> "J.-P."."""
    out = []
    for word in given.split():
        parts = [p for p in word.split("-") if p]
        if parts and all(p[0].isalpha() for p in parts):
            out.append("-".join(f"{p[0]}." for p in parts))
        elif word:
            out.append(word)
    return " ".join(out)


def short_name(name: str) -> str:
    given, family = split_name(name)
    first = initials(given)
    return f"{first} {family}".strip()


def short_authors(authors: list[str]) -> str:
    """"A. Smith", "A. Smith and B. Jones", or "A. Smith et al." for three or more."""
    present = [a for a in authors if a.strip()]
    if not present:
        return ""
    if len(present) == 1:
        return short_name(present[0])
    if len(present) == 2:
        return f"{short_name(present[0])} and {short_name(present[1])}"
    return f"{short_name(present[0])} et al."


def stars(rating: int | None) -> str:
    return "★" * rating if rating else ""


def note_excerpt(note: str, max_lines: int = 3) -> list[str]:
    """The first non-empty lines of a note (right-stripped), plus "…" if cut."""
    lines = [line.rstrip() for line in note.splitlines() if line.strip()]
    if len(lines) > max_lines:
        return [*lines[:max_lines], "…"]
    return lines


def count_papers(count: int) -> str:
    """`1 paper`, `3 papers`: the count line of every export."""
    return f"{count} paper" if count == 1 else f"{count} papers"


def one_line(text: str) -> str:
    """Every run of whitespace (newlines included) as one space."""
    return " ".join(text.split())


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def local_day(now: datetime) -> date:
    """The user's calendar day at `now` (an aware time is shown in local time)."""
    return now.astimezone().date() if now.tzinfo else now.date()


def org_day(day: date) -> str:
    """`2026-11-28 Sat`, with English day names whatever the locale."""
    return f"{day.isoformat()} {_DAYS[day.weekday()]}"
