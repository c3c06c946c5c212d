"""Word postings in numpy's compressed sparse rows (what word_build.py builds): laid out
from the chunks' sorted keys, and converted to the WordIndex's layout (a dictionary
of arrays per field).

Row `3 * word + field` of a `Built` holds the ascending library positions of the
papers with that word in that field (title, body, authors). Words 0-2 are
folding.py's field markers and hold no postings.
"""

from __future__ import annotations

from array import array
from collections import deque
from concurrent.futures import Executor
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


Runs = list[tuple[int, int, Ints]]
"""Per chunk of papers: (first position, papers n, keys (row * n + paper), ascending)."""
_EMPTY = np.zeros(0, np.int32)


def transpose(parts: list[tuple[Runs, Ints | None, Ints]], pool: Executor | None = None
              ) -> tuple[Ints, Ints]:
    """(indptr, positions) of the CSR holding the runs of every part: (runs, row map
    (None: rows unchanged), postings per row of the CSR). Parts and their runs come
    in position order, so each row's positions ascend. Parts after the first are
    placed in `pool` meanwhile (they fill other slots). A run is dropped (its memory
    freed) once placed."""
    counts = parts[0][2].copy()
    for part in parts[1:]:
        counts += part[2]
    indptr = np.zeros(len(counts) + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    del counts
    positions = np.empty(int(indptr[-1]), np.uint32)
    fill = indptr[:-1].copy()  # each row's next free slot, for the first part
    work = []
    for runs, rowmap, held in parts:
        work.append((runs, rowmap, fill))
        fill = fill + held  # a row's slots after those of the parts before
    later = [pool.submit(_place, positions, *w) for w in work[1:]] if pool is not None else []
    for w in work if pool is None else work[:1]:
        _place(positions, *w)
    for done in later:
        done.result()
    return indptr, positions


def _place(positions: Ints, runs: Runs, rowmap: Ints | None, fill: Ints) -> None:
    for c, (a, n, key) in enumerate(runs):
        runs[c] = (a, n, _EMPTY)
        row = key // n
        if not len(row):
            continue
        head = np.flatnonzero(np.concatenate(([True], row[1:] != row[:-1])))
        run = np.diff(np.append(head, len(row)))
        rank = np.arange(len(row), dtype=key.dtype) - np.repeat(head, run).astype(key.dtype)
        paper = key - row * n
        if rowmap is not None:
            row = rowmap.take(row)
        positions[fill.take(row) + rank] = paper + a
        fill[row[head]] += run
