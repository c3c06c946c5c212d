"""The query language: free words, quoted phrases, filters, exclusions, a sort.

    bottleneck "information bottleneck" status:to-read tag:ml rating:>=4
    year:2020..2023 author:tishby has:code key:vaswani2017 cat:cs.LG -survey -tag:old
    sort:year

Parsing never raises: what it cannot understand goes to `Query.errors` (one
human-readable line each) and is ignored, the rest still filters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.model import Status
from reader.search.tokens import tokenize
from reader.text import fold

FILTER_KEYS = {
    "status": "status", "is": "status", "tag": "tag", "tags": "tag", "rating": "rating",
    "stars": "rating", "year": "year", "author": "author", "by": "author", "has": "has",
    "sort": "sort", "key": "key", "cat": "cat", "category": "cat",
}
HAS_VALUES = {
    "note": "note", "notes": "note", "code": "code", "tag": "tags", "tags": "tags",
    "rating": "rating", "rated": "rating", "abstract": "abstract", "link": "link",
    "links": "link", "url": "link", "urls": "link",
}
SORTS = ("rating", "year", "added", "title", "foryou")
"""Natural directions: best rated, newest year, last added first; titles A to Z;
for you (search/foryou.py): most like the papers you kept first."""
_KNOWN = "status, tag, rating, year, author, has, key, cat, sort"

_PART = re.compile(r'(-?)(?:"([^"]*)("?)|([A-Za-z]+):(?:"([^"]*)"?|(\S*))|(\S+))')
_COMPARE = re.compile(r"(>=|<=|>|<|=)?(\d+)")
_RANGE = re.compile(r"(\d+)?\.\.(\d+)?")


@dataclass(slots=True, frozen=True)
class Term:
    """A free word or a phrase: folded words that must appear (adjacent if a phrase)."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = True
    """The last word may be the start of a longer word (as while typing)."""

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(slots=True, frozen=True)
class Filter:
    """One `key:value`. Ranges (rating, year) are inclusive; rating 0 = unrated."""

    kind: str
    """'status', 'tag', 'rating', 'year', 'author', 'has', 'key' or 'cat'."""
    negated: bool = False
    value: str = ""
    """Status value, folded tag, the `has:` name, or the start of a citation key
    (case-folded: `key:vaswani2017` finds `vaswani2017attention`), or an arXiv
    category, case-folded (`cat:cs` finds every `cs.*`, `cat:cs.lg` only cs.LG)."""
    words: tuple[str, ...] = ()
    """Author name words."""
    lo: int | None = None
    hi: int | None = None


@dataclass(slots=True)
class Query:
    text: str
    errors: list[str] = field(default_factory=list)
    highlight_terms: list[str] = field(default_factory=list)
    sort: str | None = None
    """None (ranked), 'rating', 'year', 'added', 'title'."""
    sort_reversed: bool = False
    """`sort:year-asc` etc.: the opposite of the natural direction."""
    terms: list[Term] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the search says about its answer (e.g. why "for you" kept the default order)."""

    @property
    def is_empty(self) -> bool:
        """True when the query neither filters nor sorts."""
        return not (self.terms or self.excluded or self.filters or self.sort)

    @property
    def filters_anything(self) -> bool:
        return bool(self.terms or self.excluded or self.filters)


def parse_query(text: str) -> Query:
    """Parse a query string; never raises."""
    query = Query(text=text)
    for m in _PART.finditer(text):
        negated = m.group(1) == "-"
        if m.group(2) is not None:
            _add_phrase(query, m.group(2), closed=m.group(3) == '"', negated=negated)
        elif m.group(4) is not None:
            raw = m.group(5) if m.group(5) is not None else m.group(6) or ""
            _add_filter(query, m.group(4), raw, negated, m.group(0))
        else:
            _add_word(query, m.group(7), negated)
    return query


def _add_term(query: Query, term: Term, negated: bool) -> None:
    if negated:
        query.excluded.append(term)
    else:
        query.terms.append(term)
        query.highlight_terms.append(term.text)


MAX_WORD = 100
"""Query words are cut to this many characters (no paper word is longer in practice;
a 40,000-letter word pasted into the search box must cost no more than a short one)."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(w[:MAX_WORD] for w in tokenize(text))


def _add_word(query: Query, word: str, negated: bool) -> None:
    words = _words(word)
    if words:
        _add_term(query, Term(words, phrase=len(words) > 1), negated)


def _add_phrase(query: Query, body: str, *, closed: bool, negated: bool) -> None:
    words = _words(body)
    if words:
        _add_term(query, Term(words, phrase=len(words) > 1, prefix=not closed), negated)


def _shown(source: str) -> str:
    """A part of the query as an error message quotes it: at most 60 characters."""
    return repr(source if len(source) <= 60 else source[:59] + "…")


def _add_filter(query: Query, key: str, raw: str, negated: bool, source: str) -> None:
    source_shown = _shown(source)
    kind = FILTER_KEYS.get(key.lower())
    value = raw.strip()
    if kind is None:
        query.errors.append(f"unknown filter {_shown(key)[1:-1]}: in {source_shown} "
                            f"(known: {_KNOWN})")
        return
    if not value:
        query.errors.append(f"{key}: needs a value, e.g. {_EXAMPLES[kind]}")
        return
    if kind == "sort":
        _set_sort(query, value, negated, source_shown)
        return
    problem = _PARSERS[kind](query, value, negated)
    if problem:
        query.errors.append(f"{source_shown}: {problem}")


def _set_sort(query: Query, value: str, negated: bool, source: str) -> None:
    name, _, direction = value.lower().partition("-")
    if negated:
        query.errors.append(f"{source}: a sort cannot be excluded (use sort:{name}-asc)")
    elif name not in SORTS or direction not in ("", "asc", "desc"):
        query.errors.append(f"{source}: unknown sort (choose from {', '.join(SORTS)}; "
                            "add -asc or -desc for a direction)")
    else:
        query.sort = name
        natural_desc = name != "title"
        query.sort_reversed = direction != "" and (direction == "desc") != natural_desc


def _status(query: Query, value: str, negated: bool) -> str | None:
    key = value.lower()
    if key == "inbox":
        key = "new"
    try:
        status = Status.parse(key)
    except ValueError as exc:
        return str(exc)
    query.filters.append(Filter("status", negated, value=status.value))
    return None


def _tag(query: Query, value: str, negated: bool) -> str | None:
    query.filters.append(Filter("tag", negated, value=fold(value)))
    return None


def _author(query: Query, value: str, negated: bool) -> str | None:
    words = _words(value)
    if not words:
        return "an author name needs letters"
    query.filters.append(Filter("author", negated, words=words))
    return None


def _has(query: Query, value: str, negated: bool) -> str | None:
    name = HAS_VALUES.get(value.lower())
    if name is None:
        return "unknown has: (choose from note, code, tags, rating, abstract, link)"
    query.filters.append(Filter("has", negated, value=name))
    return None


def _key(query: Query, value: str, negated: bool) -> str | None:
    query.filters.append(Filter("key", negated, value=value.casefold()))
    return None


def _cat(query: Query, value: str, negated: bool) -> str | None:
    if not value.strip("."):
        return "an arXiv category needs a name (cat:cs.LG, cat:hep-th, cat:cs)"
    query.filters.append(Filter("cat", negated, value=value.casefold()))
    return None


def cat_matches(value: str, categories: Iterable[str]) -> bool:
    """`cat:` rule: a folded category equal to `value`, or in its archive (`cs` -> cs.*)."""
    return any(c == value or c.startswith(value + ".") for c in categories)


_HUGE = 10**9
"""Any number longer than this is out of range for every filter: numbers of more
digits are not converted (int() of 4,300+ digits raises, and costs quadratic time)."""


def _number(digits: str) -> int:
    """The value of a run of digits, or _HUGE when it is longer than any year or rating."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) < 10 else _HUGE


def _bounds(value: str) -> tuple[int | None, int | None] | None:
    """`4`, `=4`, `>=4`, `>4`, `<4`, `<=4`, `3..5`, `..5`, `3..` as inclusive bounds."""
    m = _RANGE.fullmatch(value)
    if m and (m.group(1) or m.group(2)):
        lo = _number(m.group(1)) if m.group(1) else None
        hi = _number(m.group(2)) if m.group(2) else None
        return lo, hi
    m = _COMPARE.fullmatch(value)
    if not m:
        return None
    op, n = m.group(1) or "=", _number(m.group(2))
    return {"=": (n, n), ">=": (n, None), ">": (n + 1, None), "<=": (None, n),
            "<": (None, n - 1)}[op]


def _rating(query: Query, value: str, negated: bool) -> str | None:
    if value.lower() in ("none", "unrated", "no"):
        bounds: tuple[int | None, int | None] | None = (0, 0)
    else:
        bounds = _bounds(value)
    if bounds is None:
        return "not a rating (use rating:>=4, rating:3..5, rating:2 or rating:none)"
    lo = 1 if bounds[0] is None else bounds[0]
    hi = 5 if bounds[1] is None else bounds[1]
    if lo > 5 or hi < lo:
        return "matches no rating (ratings go from 1 to 5; rating:none = unrated)"
    query.filters.append(Filter("rating", negated, lo=lo, hi=min(hi, 5)))
    return None


def _year(query: Query, value: str, negated: bool) -> str | None:
    bounds = _bounds(value)
    if bounds is None or any(b is not None and not 1000 <= b <= 9999 for b in bounds):
        return "not a year (use year:2024, year:2020..2023 or year:>=2020)"
    lo, hi = bounds
    if lo is not None and hi is not None and hi < lo:
        return "the range is empty (write the earlier year first)"
    query.filters.append(Filter("year", negated, lo=lo, hi=hi))
    return None


_PARSERS = {"status": _status, "tag": _tag, "rating": _rating, "year": _year,
            "author": _author, "has": _has, "key": _key, "cat": _cat}
_EXAMPLES = {"status": "status:to-read", "tag": "tag:ml", "rating": "rating:>=4",
             "year": "year:2020..2023", "author": "author:hinton", "has": "has:code",
             "sort": "sort:year", "key": "key:vaswani2017", "cat": "cat:cs.LG"}
