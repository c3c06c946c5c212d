"""Words as search sees them: folded tokens, stop words, a light stemmer, code links.

A token is a run of letters and digits after `reader.text.fold` (case and accents
removed), so "Schrödinger's KV-cache" gives `schrodinger`, `s`, `kv`, `cache`.
ASCII text (nearly every abstract) takes a fast path through `bytes.translate`;
both paths give the same tokens for ASCII input.
"""

from __future__ import annotations

import re

from reader.text import fold

_WORD = re.compile(r"[^\W_]+")


def byte_table(keep: bytes = b"", *, high: bool = False) -> bytes:
    """A `bytes.translate` table: ASCII letters lower-cased, digits and `keep` kept,
    the bytes of UTF-8 sequences kept when `high`, everything else a space."""
    table = bytearray(b" " * 256)
    for c in b"abcdefghijklmnopqrstuvwxyz0123456789" + keep:
        table[c] = c
    for c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[c] = c + 32
    if high:
        table[0x80:] = range(0x80, 0x100)
    return bytes(table)


_ASCII_TABLE = byte_table()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    return fold(match.group()).lower()


def fast_fold(text: str) -> str:
    """Exactly `reader.text.fold(text).lower()`, folding only the non-ASCII runs the
    slow way. Lower-cased after folding as the search text is (folding.py): fold
    makes capitals of letterlike symbols (ℝ -> R, 𝒪 -> O).

    (Folding is per character, apart from combining marks, which are non-ASCII
    and so always inside one run; `lower` then `casefold` equals `casefold`.)
    """
    if text.isascii():
        return text.lower()
    return _NON_ASCII.sub(_fold_run, text.lower())


def tokenize(text: str) -> list[str]:
    """Folded word tokens of `text`, in order, with repeats."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii").split()
    return _WORD.findall(fast_fold(text))


fold_text = fast_fold


INITIALS = "0123456789abcdefghijklmnopqrstuvwxyz"
"""The first characters the word index keeps a mask of papers for (the first key typed:
a one-letter prefix would unite thousands of words' postings)."""


def prefix_end(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (the end
    of its words in a sorted vocabulary)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


_STOP_TEXT = """
a about above after again against all also although am an and any are as at be because been
being below between both but by can could did do does doing down during each either et etc
few for from further had has have having he her here hers him his how however i if in into
is it its itself just may me might more most much must my no nor not now of off on once only
or other our ours out over own per same she should so some such than that the their theirs
them then there these they this those through thus to too under until up upon us very via
was we were what when where whether which while who whom why will with within without would
yet you your
al paper papers propose proposed proposes present presents show shows shown work works new
novel approach approaches method methods using use used based results result study studies
introduce introduces demonstrate demonstrates achieve achieves existing significantly
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words that say nothing about a paper's topic (for related papers, not for search)."""


def stem(word: str) -> str:
    """A light suffix stripper: plurals, -ing, -ed, and a final e.

    Only strips (apart from `ies` -> `y`), so every word with stem `s` starts with
    `s[:-1]`: the related-papers code relies on that to find a stem's words.
    """
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


_CODE_HOSTS = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|"
    r"sourceforge\.net|huggingface\.co/spaces|colab\.research\.google\.com)", re.IGNORECASE)
_CODE_WORD = re.compile(r"\b(?:code|codes|implementation|repository)\b", re.IGNORECASE)
_URL = re.compile(r"https?://", re.IGNORECASE)


def has_code_link(urls: list[str], abstract: str) -> bool:
    """A link to code: a code host among the urls, or "code" said near a link."""
    for url in urls:
        if _CODE_HOSTS.match(url):
            return True
    if not urls and "http" not in abstract:
        return False
    for match in _URL.finditer(abstract):
        start = match.start()
        if _CODE_WORD.search(abstract, max(0, start - 80), start):
            return True
    return False
