"""What a query means for one entry, written plainly (the index must agree with it).

`matches` is the reference: slow (it tokenizes the whole entry) but obviously
right; tests compare the index against it. The index reuses `phrase_pattern`
and `phrase_fields` to check phrases on the few papers that contain the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.model import Entry
from reader.search.query import Filter, Query, Term, cat_matches
from reader.search.tokens import fold_text, has_code_link, tokenize
from reader.text import fold


def catalogue_texts(entry: Entry) -> tuple[str, str, list[str]]:
    """(title, body, authors): body = abstract, venue and ids, searched like the abstract."""
    p = entry.paper
    body = " ".join(x for x in (p.abstract, p.venue, p.arxiv_id, p.doi) if x)
    return p.title, body, p.authors


def phrase_fields(entry: Entry) -> list[str]:
    """The separate texts a phrase must fit in (a phrase never spans two of them)."""
    p, s = entry.paper, entry.state
    fields = [p.title, p.abstract, p.venue or "", p.arxiv_id or "", p.doi or "", s.note]
    return fields + p.authors + s.tags


def phrase_pattern(term: Term) -> re.Pattern[str]:
    """Words adjacent as tokens (separated only by non-word characters)."""
    body = r"[\W_]+".join(re.escape(w) for w in term.words)
    end = "" if term.prefix else r"(?![^\W_])"
    return re.compile(rf"(?<![^\W_]){body}{end}")


def phrase_in(pattern: re.Pattern[str], texts: Iterable[str]) -> bool:
    return any(text and pattern.search(fold_text(text)) for text in texts)


def _words(entry: Entry) -> set[str]:
    title, body, authors = catalogue_texts(entry)
    s = entry.state
    return set(tokenize(" ".join([title, body, *authors, *s.tags, s.note])))


def _word_in(word: str, prefix: bool, words: set[str]) -> bool:
    if not prefix:
        return word in words
    return any(w.startswith(word) for w in words)


def term_matches(term: Term, entry: Entry, words: set[str] | None = None) -> bool:
    if term.phrase:
        return phrase_in(phrase_pattern(term), phrase_fields(entry))
    words = _words(entry) if words is None else words
    return _word_in(term.words[0], term.prefix, words)


def filter_matches(flt: Filter, entry: Entry) -> bool:
    return _filter_holds(flt, entry) != flt.negated


def _filter_holds(flt: Filter, entry: Entry) -> bool:
    p, s = entry.paper, entry.state
    kind = flt.kind
    if kind == "status":
        return s.status.value == flt.value
    if kind == "tag":
        return any(fold(t) == flt.value for t in s.tags)
    if kind == "rating":
        return (flt.lo or 0) <= (s.rating or 0) <= (flt.hi or 0)
    if kind == "year":
        return p.year is not None and (flt.lo is None or p.year >= flt.lo) and (
            flt.hi is None or p.year <= flt.hi)
    if kind == "author":
        return any(_author_matches(flt.words, a) for a in p.authors)
    if kind == "key":
        return p.key.casefold().startswith(flt.value)
    if kind == "cat":
        return cat_matches(flt.value, map(str.casefold, p.categories))
    return has(flt.value, entry)


def _author_matches(words: tuple[str, ...], author: str) -> bool:
    tokens = tokenize(author)
    return all(any(t.startswith(w) for t in tokens) for w in words)


def has(name: str, entry: Entry) -> bool:
    p, s = entry.paper, entry.state
    if name == "note":
        return bool(s.note.strip())
    if name == "code":
        return has_code_link(p.urls, p.abstract)
    if name == "tags":
        return bool(s.tags)
    if name == "rating":
        return s.rating is not None
    if name == "abstract":
        return bool(p.abstract.strip())
    return bool(p.urls)


def matches(query: Query, entry: Entry) -> bool:
    words = _words(entry) if query.terms or query.excluded else set()
    return (all(term_matches(t, entry, words) for t in query.terms)
            and not any(term_matches(t, entry, words) for t in query.excluded)
            and all(filter_matches(f, entry) for f in query.filters))


def implies(term: Term, known: tuple[tuple[str, ...], bool]) -> bool:
    """Whether every paper with phrase `term` also has the cached phrase `known`."""
    words, prefix = known
    n = len(words)
    if n > len(term.words) or term.words[:n - 1] != words[:-1]:
        return False
    if prefix:
        return term.words[n - 1].startswith(words[-1])
    return term.words[n - 1] == words[-1] and (n < len(term.words) or not term.prefix)
