"""Citation keys: the name a writer cites a paper by (`\\cite{vaswani2017attention}`).

Plain data, no I/O. A paper's key comes from the file it was imported from
(BibTeX key, CSL-JSON `id`, RIS `ID`) when it has one, else it is generated once
from the pattern `familyYEARword`:

- family: the last word of the first author's family name;
- YEAR: the year, left out when unknown;
- word: the first title word that is not a stop word;

all ASCII-folded and lower-cased (`Schrödinger` -> `schrodinger`, `Łukasz` ->
`lukasz`), e.g. `vaswani2017attention`; `anon` when there is no author. A key
already taken gets `a`, `b`, ..., `z`, `aa`, ... appended. The store keeps keys
unique (ignoring case: BibTeX matches keys that way) and never changes one unless
asked (`reader rekey`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import lru_cache

from reader.model import Paper

MAX_KEY = 100
"""Longest key kept; longer imported keys are cut."""
KEY_CHARS = r"A-Za-z0-9_:.\-+/?!&@*<>$"
"""Characters a key may hold: no space, brace, comma, quote, `%`, `#`, `~`, `=`,
`\\` or parenthesis, which BibTeX or LaTeX would read as syntax."""
_KEY = re.compile(rf"[{KEY_CHARS}]{{1,{MAX_KEY}}}")
_NOT_KEY = re.compile(rf"[^{KEY_CHARS}]+")
_STOPWORDS = frozenset({
    "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "from", "by", "at",
    "is", "are", "towards", "toward", "via", "using", "do", "does", "why", "how", "what",
    "when", "can", "we", "as", "into", "its", "or", "not", "no", "be", "this", "that",
    "these", "those", "our", "your", "it"})
_TOKEN = re.compile(r"[^\W_]+")
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+")
# Letters NFKD does not decompose into an ASCII letter plus accents.
_ASCII = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d",
                        "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŋ": "n"})
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du",
                        "la", "le", "ten", "ter", "dos", "das", "bin", "al"})


def ascii_word(text: str) -> str:
    """`text` lower-cased, accents and non-ASCII letters folded, only `[a-z0-9]` kept."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_ASCII))
    return re.sub(r"[^a-z0-9]", "", folded)


def family_name(name: str) -> str:
    """The family name of "Given Family" or "Family, Given" (particles kept)."""
    name = " ".join(name.split())
    if "," in name:
        return name.partition(",")[0].strip()
    words = name.split(" ")
    cut = len(words) - 1
    while cut > 1 and words[cut - 1] in _PARTICLES:
        cut -= 1
    return " ".join(words[cut:])


@lru_cache(maxsize=8192)
def _family_word(author: str) -> str:
    """The key's family part of one author name ("" when it has no ASCII letters)."""
    words = family_name(author).split(" ")
    return ascii_word(words[-1]) or ascii_word("".join(words))


def _title_word(title: str) -> str:
    """The first title word that is not a stop word, as the key spells it."""
    if title.isascii():  # most titles: no folding needed (the costly part of a big import)
        for m in _ASCII_TOKEN.finditer(title):
            word = m.group().lower()
            if word not in _STOPWORDS:
                return word[:30]
        return ""
    for m in _TOKEN.finditer(title):
        word = ascii_word(m.group())
        if word and word not in _STOPWORDS:
            return word[:30]
    return ""


def base_key(paper: Paper) -> str:
    """The generated key before disambiguation, e.g. `vaswani2017attention`."""
    family = ""
    for author in paper.authors:
        family = _family_word(author)
        if family:
            break
    year = str(paper.year) if paper.year else ""
    return f"{family[:30] or 'anon'}{year}{_title_word(paper.title)}"


def clean_key(raw: object) -> str:
    """An imported key made safe: characters BibTeX or LaTeX would misread removed,
    cut to MAX_KEY; "" when nothing usable is left (a key is then generated)."""
    if raw is None or isinstance(raw, bool):
        return ""
    text = str(raw).strip()
    return _NOT_KEY.sub("", text)[:MAX_KEY]


def is_valid_key(key: str) -> bool:
    """Whether `key` is usable as is (what `reader rekey` accepts)."""
    return _KEY.fullmatch(key) is not None


def fold_key(key: str) -> str:
    """The form two keys are compared in for uniqueness (BibTeX ignores case)."""
    return key.casefold()


def suffix(n: int) -> str:
    """The n-th disambiguation suffix (from 0): a, b, ..., z, aa, ab, ..., zz, aaa, ..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    n += 1
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = letters[r] + out
    return out


def unique_key(key: str, taken: Container[str], tried: dict[str, int] | None = None) -> str:
    """`key`, or `key` + the first suffix (a, b, ...) not in `taken` (folded keys).
    `tried` (kept by the caller across calls) remembers how far each key's suffixes
    are taken, so that a thousand papers sharing `anon2024learning` cost a thousand
    steps, not half a million."""
    folded = fold_key(key)
    if folded not in taken:
        return key
    n = tried.get(folded, 0) if tried is not None else 0
    while fold_key(key + suffix(n)) in taken:
        n += 1
    if tried is not None:
        tried[folded] = n + 1
    return key + suffix(n)


def assign_missing(papers: dict[str, Paper], taken: set[str]) -> dict[str, str]:
    """Generated keys for the papers of `papers` without one, in order; `taken` (folded
    keys in use) is extended. Returns {paper id: new key}; deterministic, so that
    every process that reads the same file generates the same keys."""
    new: dict[str, str] = {}
    tried: dict[str, int] = {}
    for pid, paper in papers.items():
        if not paper.key:
            key = unique_key(base_key(paper), taken, tried)
            taken.add(fold_key(key))
            new[pid] = key
    return new


__all__ = ["KEY_CHARS", "MAX_KEY", "ascii_word", "assign_missing", "base_key", "clean_key",
           "family_name", "fold_key", "is_valid_key", "suffix", "unique_key"]
