"""Word postings in numpy's compressed sparse rows (what word_build.py builds), their
merge (two parts built apart), and their conversion to the WordIndex's layout (a
dictionary of arrays per field).

Row `3 * word + field` of a `Built` holds the ascending library positions of the
papers with that word in that field (title, body, authors). Words 0-2 are
folding.py's field markers and hold no postings.
"""

from __future__ import annotations

from array import array
from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from reader.search.tokens import INITIALS

Ints = np.ndarray[Any, np.dtype[Any]]
MARKERS = 3
"""The first words (folding.py's markers, never postings)."""


@dataclass
class Built:
    """Postings of papers up to position `size`: field f of word i holds
    `positions[indptr[3 * i + f]:indptr[3 * i + f + 1]]` (ascending library positions)."""

    words: list[str]
    indptr: Ints
    positions: Ints
    doclen: Ints
    size: int


def postings(built: Built) -> tuple[dict[str, array[int]], ...]:
    """Per field {word: array('I') of positions}, as WordIndex.postings holds them."""
    raw = built.positions.data.cast("B")
    ip = built.indptr
    out: list[dict[str, array[int]]] = []
    for f in range(3):
        lo, hi = ip[f:-1:3], ip[f + 1::3]
        held = np.flatnonzero(hi > lo)
        arrays = [array("I") for _ in range(len(held))]
        cuts = map(slice, (lo[held] * 4).tolist(), (hi[held] * 4).tolist())
        deque(map(array.frombytes, arrays, map(raw.__getitem__, cuts)), 0)
        out.append(dict(zip(map(built.words.__getitem__, held.tolist()), arrays, strict=True)))
    return tuple(out)


def vocab(built: Built) -> list[str]:
    """The sorted words (every word but the markers holds a posting)."""
    return sorted(built.words[MARKERS:])


def initials(built: Built) -> dict[str, int]:
    """First letter or digit -> mask of the papers holding a word starting with it
    (letters no paper has are left out)."""
    code = {c: i for i, c in enumerate(INITIALS)}
    first = np.array([code.get(w[:1], -1) for w in built.words], np.int8)
    row = np.repeat(np.repeat(first, 3), np.diff(built.indptr))
    seen = np.zeros((len(INITIALS), built.size), bool)
    step = 1 << 21
    for lo in range(0, len(row), step):  # in slices: no full-length temporaries
        part = row[lo:lo + step]
        ok = part >= 0
        seen[part[ok], built.positions[lo:lo + step][ok]] = True
    packed = np.packbits(seen, axis=1, bitorder="little")
    out: dict[str, int] = {}
    for c, packed_row in zip(INITIALS, packed, strict=True):
        mask = int.from_bytes(packed_row.tobytes(), "little")
        if mask:
            out[c] = mask
    return out


def merge(a: Built, b: Built) -> Built:
    """The postings of `a`'s papers, then `b`'s (built from position `a.size` on)."""
    at = {w: i for i, w in enumerate(a.words)}
    words = list(a.words)
    remap = np.empty(len(b.words), np.int64)
    for j, word in enumerate(b.words):
        i = at.get(word)
        if i is None:
            i = at[word] = len(words)
            words.append(word)
        remap[j] = i
    rows = 3 * len(words)
    count_a, count_b = np.diff(a.indptr), np.diff(b.indptr)
    row_b = (remap[:, None] * 3 + np.arange(3)).ravel()  # the row each of b's rows goes to
    counts = np.zeros(rows, np.int64)
    counts[:len(count_a)] = count_a
    before_b = counts[row_b]  # a's postings come first in each row
    counts[row_b] += count_b
    indptr = np.zeros(rows + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    positions = np.empty(int(indptr[-1]), np.uint32)
    _place(positions, a.positions, a.indptr, indptr[:len(count_a)] - a.indptr[:-1])
    _place(positions, b.positions, b.indptr, indptr[row_b] + before_b - b.indptr[:-1])
    return Built(words, indptr, positions, np.concatenate((a.doclen, b.doclen)), b.size)


def _place(out: Ints, src: Ints, indptr: Ints, shift: Ints, step: int = 1 << 20) -> None:
    """`out[i + shift[r]] = src[i]` for each posting i of each row r, a slice of rows at
    a time (no temporaries as long as all the postings)."""
    lo_row, rows = 0, len(indptr) - 1
    while lo_row < rows:
        lo = int(indptr[lo_row])
        hi_row = max(int(np.searchsorted(indptr, lo + step, side="right")) - 1, lo_row + 1)
        hi_row = min(hi_row, rows)
        hi = int(indptr[hi_row])
        where = np.repeat(shift[lo_row:hi_row], np.diff(indptr[lo_row:hi_row + 1]))
        where += np.arange(lo, hi)
        out[where] = src[lo:hi]
        lo_row = hi_row
