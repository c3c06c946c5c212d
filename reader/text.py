"""Text hygiene shared by every layer. Pure functions, no I/O.

User text (titles, abstracts, notes, tags) is data. `sanitize` runs at
ingestion (parsers, note and tag input) so that control characters and
escape sequences never reach storage or the terminal: a title holding an OSC 52
sequence would otherwise write to the user's clipboard when shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# C0 controls except TAB and LF, DEL, C1 controls (incl. 8-bit CSI 0x9b),
# and bidi overrides/isolates. ESC is in C0.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NO_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


# Whole escape sequences, removed before the lone control characters so that no
# debris stays visible (`ESC ] 52;c;... BEL` must not leave `]52;c;...`): CSI (7- and
# 8-bit), OSC (to BEL, ST or the end), DCS/SOS/PM/APC strings, and 2-char escapes.
_SEQUENCE = re.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]"
    "|\x9b[0-?]*[ -/]*[@-~]"
    "|\x1b\\][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]"
    # the 8-bit forms of OSC, DCS, SOS, PM and APC: their payload goes too, or
    # `\x9d52;c;...\x9c` would leave "52;c;..." on the screen
    "|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
)
_STARTS_SEQUENCE = re.compile("[\x1b\x90\x98\x9b\x9d\x9e\x9f]")


def sanitize(text: str, *, multiline: bool = True) -> str:
    """Remove escape sequences and control characters; keep tabs/newlines only when
    `multiline` (else each control character becomes a space).

    CRLF and lone CR become LF first so Windows text keeps its line breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _STARTS_SEQUENCE.search(text):  # the fast path skips this for clean text
        text = _SEQUENCE.sub("", text)
    if multiline:
        return _CONTROL.sub("", text)
    return _CONTROL_NO_NEWLINE.sub(" ", text)


# What `_CONTROL` matches, but CR (which `sanitize` turns into LF): as a regex, and as
# the bytes of it among Latin-1 characters (bytes.translate is much faster).
_CONTROL_BUT_CR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LATIN1_CONTROLS = (bytes(range(0, 9)) + bytes(range(11, 13)) + bytes(range(14, 32))
                    + bytes(range(0x7F, 0xA0)))
_CHUNK = 1 << 20


def has_controls(text: str) -> bool:
    """True when `sanitize` would remove a character of `text` (CR aside: it only
    becomes LF). One fast pass, by 1 MB chunks so a 170 MB listing is not copied whole;
    parsers call it to skip `sanitize` on clean files."""
    for start in range(0, len(text), _CHUNK):
        chunk = text[start:start + _CHUNK]
        try:  # ASCII or Latin-1 text (most listings)
            data = chunk.encode("latin-1")
        except UnicodeEncodeError:
            if _CONTROL_BUT_CR.search(chunk):
                return True
            continue
        if len(data.translate(None, _LATIN1_CONTROLS)) != len(data):
            return True
    return False


# Characters that take no column, or pile up in one, in a single line of text (titles,
# authors, tags, file names): zero-width spaces and joiners, invisible operators, the
# byte order mark, Hangul fillers, the invisible tag characters (U+E0000 block) and
# variation selectors of the supplement. Removed, so column widths stay true.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                        "\u200b-\u200f\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
                        "\U000e0000-\U000e0fff]")
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARK_PILE = re.compile(f"(?:^|(?<=\\s))[{_MARKS}]+|(?<=[{_MARKS}]{{2}})[{_MARKS}]+")
"""Combining marks with no letter before them, and any beyond the second on one letter
(text that stacks dozens on one character overflows its line and its column)."""


def clean_line(text: str) -> str:
    """Sanitize and collapse all whitespace runs to single spaces. Invisible characters
    and piled-up combining marks go too: the text is shown in one line of columns."""
    if (text.isascii() and text.isprintable() and "  " not in text
            and text[:1] != " " and text[-1:] != " "):
        return text  # nothing to remove, no run of spaces to collapse (most titles)
    text = sanitize(text, multiline=False)
    if not text.isascii():
        text = _MARK_PILE.sub("", _INVISIBLE.sub("", text))
    return _SPACES.sub(" ", text).strip()


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def clean_lines(texts: list[str]) -> list[str]:
    """`[clean_line(t) for t in texts]`, the texts that need nothing (most) found by
    C-level passes over many of them joined, not one call each."""
    out: list[str] = []
    _clean_into(out, texts, 0, len(texts))
    return out


def _clean_into(out: list[str], texts: list[str], lo: int, hi: int) -> None:
    chunk = texts[lo:hi]
    joined = " ".join(chunk)  # a text's edge space, or its double one, makes a double one
    if (joined.isascii() and not joined.encode("ascii").translate(None, _PRINTABLE_ASCII)
            and "  " not in joined and joined[:1] != " " and joined[-1:] != " "):
        out.extend(chunk)  # each text passes clean_line's first test: returned as it is
    elif hi - lo <= 16:
        out.extend(map(clean_line, chunk))
    else:  # halves: the few texts to clean are found in a few passes
        mid = (lo + hi) // 2
        _clean_into(out, texts, lo, mid)
        _clean_into(out, texts, mid, hi)


def needs_line_cleaning(text: str) -> bool:
    """True when `clean_line` would remove more than whitespace from `text`."""
    return has_controls(text) or (not text.isascii() and bool(
        _INVISIBLE.search(text) or _MARK_PILE.search(text)))


_ANY_MARK = re.compile(f"[{_MARKS}]")


def any_needs_line_cleaning(texts: Sequence[str]) -> bool:
    """`any(map(needs_line_cleaning, texts))`, most often answered by one pass over
    them joined: the controls are single characters, and with neither an invisible
    character nor a combining mark anywhere no mark can pile up."""
    joined = "".join(texts)
    if not has_controls(joined) and (joined.isascii() or not (
            _INVISIBLE.search(joined) or _ANY_MARK.search(joined))):
        return False
    return any(map(needs_line_cleaning, texts))


def kept_as_is(texts: Sequence[str], *, multiline: bool = False) -> bool:
    """True when `sanitize(t, multiline=multiline)` is `t` for each of `texts`: one
    pass over them joined (a parser skips sanitize for the clean records, most)."""
    joined = "".join(texts)
    if has_controls(joined) or "\r" in joined:
        return False
    return multiline or ("\n" not in joined and "\t" not in joined)


_ESCAPED_CONTROL = re.compile(r"\\(?:[bfnrt]|u(?:00[01]|007[fF]|00[89]|202[a-eA-E]|206[6-9]))")
"""A JSON escape that decodes to a character `sanitize` removes or changes (and, the
backslash being escaped itself, some that do not: a false alarm costs time only)."""


def json_strings_kept_as_is(document: str) -> bool:
    """True when `sanitize` leaves every string of the JSON `document` as it is (one
    pass over the text, instead of one check per string): in valid JSON a string
    holds such a character only raw (C1 or bidi: found by has_controls; C0 must be
    escaped) or as one of the escapes above."""
    return not has_controls(document) and not _ESCAPED_CONTROL.search(document)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching ("Schrödinger" -> "schrodinger")."""
    if text.isascii():  # (most titles) nothing to decompose, no accent to drop
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # every combining mark is outside ASCII
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_title(title: str) -> str:
    """The form used to recognise the same paper across sources."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(title)))
