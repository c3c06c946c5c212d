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
from collections.abc import Container, Iterator

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


def base_key(paper: Paper) -> str:
    """The generated key before disambiguation, e.g. `vaswani2017attention`."""
    family = ""
    for author in paper.authors:
        words = family_name(author).split(" ")
        family = ascii_word(words[-1]) or ascii_word("".join(words))
        if family:
            break
    year = str(paper.year) if paper.year else ""
    word = ""
    for token in _TOKEN.finditer(paper.title):
        candidate = ascii_word(token.group(0))
        if candidate and candidate not in _STOPWORDS:
            word = candidate[:30]
            break
    return f"{family[:30] or 'anon'}{year}{word}"


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


def _suffixes() -> Iterator[str]:
    """a, b, ..., z, aa, ab, ..., zz, aaa, ..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    length = 1
    while True:
        for n in range(26 ** length):
            out = ""
            for _ in range(length):
                n, r = divmod(n, 26)
                out = letters[r] + out
            yield out
        length += 1


def unique_key(key: str, taken: Container[str]) -> str:
    """`key`, or `key` + the first suffix (a, b, ...) not in `taken` (folded keys)."""
    if fold_key(key) not in taken:
        return key
    for suffix in _suffixes():
        candidate = key + suffix
        if fold_key(candidate) not in taken:
            return candidate
    raise AssertionError("unreachable: the suffixes never end")


def assign_missing(papers: dict[str, Paper], taken: set[str]) -> dict[str, str]:
    """Generated keys for the papers of `papers` without one, in order; `taken` (folded
    keys in use) is extended. Returns {paper id: new key}; deterministic, so that
    every process that reads the same file generates the same keys."""
    new: dict[str, str] = {}
    for pid, paper in papers.items():
        if not paper.key:
            key = unique_key(base_key(paper), taken)
            taken.add(fold_key(key))
            new[pid] = key
    return new


__all__ = ["KEY_CHARS", "MAX_KEY", "ascii_word", "assign_missing", "base_key", "clean_key",
           "family_name", "fold_key", "is_valid_key", "unique_key"]
