"""The one way the word index is built: numpy, over the papers' folded texts.

A library's abstracts hold millions of word occurrences: splitting them one by one
in Python costs a call each. Here a chunk of papers is one byte array: words are
the runs between spaces; each word up to 16 bytes is read as two 64-bit integers
(its two 8-byte halves, zero-padded) and looked up in an open-addressing table
comparing both halves, so ids are exact (no hash of a word stands for it); longer
words take an exact dictionary. Then (word, field, paper) keys are sorted per
chunk and transposed into one CSR.

The words are those `str.split()` gives (tests compare the two) as long as the texts
have the layout folding.encode writes: every paper starts and ends with a space,
holds one `\x02` and one `\x03` token in that order, no other control byte but
`\x01`, and no character `str.split()` takes for whitespace besides the space.
`build` raises ValueError for anything else (folding.encode never gives it).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from reader.search.csr import Built, Ints, merge

TWO_THREADS = 20_000
"""From this many papers a build is split in two halves built at once (below, the
merge and the thread cost more than they save)."""

_GOLD = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
_LOW = np.array([(1 << 8 * min(k, 8)) - 1 for k in range(17)], np.uint64)
"""Mask of a word's first half by its length (0-16)."""
_HIGH = np.array([(1 << 8 * max(k - 8, 0)) - 1 for k in range(17)], np.uint64)
"""Mask of its second half."""
_PAD = b" " * 24
_EMPTY = np.zeros(0, np.int32)
_MARKERS = (b"\x01", b"\x02", b"\x03")
"""Ids 0, 1, 2 (never postings)."""
_SPACES = ("\x85", "\xa0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u2028", "\u2029",
           "\u202f", "\u205f", "\u3000")
"""The non-ASCII characters `str.split()` splits on (tests check the list)."""
_SPACE2 = np.array([int.from_bytes(c.encode()) for c in _SPACES if len(c.encode()) == 2])
_SPACE3 = np.array([int.from_bytes(c.encode()) for c in _SPACES if len(c.encode()) == 3])
"""Their UTF-8 bytes as numbers, by length (2 or 3 bytes)."""


class _Table:
    """(first half, second half) of a word -> its id, both halves compared."""

    def __init__(self) -> None:
        self.k0: Ints = np.zeros(0, np.uint64)
        self.k1: Ints = np.zeros(0, np.uint64)
        self.ids: Ints = np.zeros(0, np.int32)
        self._alloc(1 << 16)

    def _alloc(self, slots: int) -> None:
        self.mask = slots - 1
        self.shift = np.uint64(65 - slots.bit_length())
        self.t0: Ints = np.zeros(slots, np.uint64)
        self.t1: Ints = np.zeros(slots, np.uint64)
        self.tid: Ints = np.full(slots, -1, np.int32)

    def _slot(self, k0: Ints, k1: Ints) -> Ints:
        return (((k0 ^ (k1 * _MIX)) * _GOLD) >> self.shift).astype(np.int64)

    def add(self, k0: Ints, k1: Ints, ids: Ints) -> None:
        """Insert new words (distinct, absent)."""
        self.k0, self.k1 = np.concatenate((self.k0, k0)), np.concatenate((self.k1, k1))
        self.ids = np.concatenate((self.ids, ids))
        if len(self.ids) * 4 > self.mask + 1:  # keep the table at most a quarter full
            slots = self.mask + 1
            while len(self.ids) * 4 > slots:
                slots *= 2
            self._alloc(slots)
            k0, k1, ids = self.k0, self.k1, self.ids
        slot = self._slot(k0, k1)
        while len(ids):  # linear probing, a round for all the words at once
            _, first = np.unique(slot, return_index=True)
            win = np.zeros(len(ids), bool)
            win[first] = True
            win &= self.tid[slot] < 0
            at = slot[win]
            self.t0[at], self.t1[at], self.tid[at] = k0[win], k1[win], ids[win]
            lose = ~win
            k0, k1, ids, slot = k0[lose], k1[lose], ids[lose], slot[lose]
            slot = np.where(self.tid[slot] >= 0, (slot + 1) & self.mask, slot)

    def lookup(self, k0: Ints, k1: Ints) -> Ints:
        """Each word's id, -1 for words not in the table."""
        slot = self._slot(k0, k1)
        tid = self.tid.take(slot)
        ids = np.where((self.t0.take(slot) == k0) & (self.t1.take(slot) == k1), tid, -1)
        todo = np.flatnonzero((ids < 0) & (tid >= 0))
        while len(todo):
            at = slot[todo] = (slot[todo] + 1) & self.mask
            t = self.tid.take(at)
            hit = (self.t0.take(at) == k0[todo]) & (self.t1.take(at) == k1[todo]) & (t >= 0)
            ids[todo[hit]] = t[hit]
            todo = todo[~hit & (t >= 0)]
        return ids


def _unexpected(buf: Ints, n: int) -> bool:
    """True when the chunk's bytes leave folding.py's layout (see the module docstring)."""
    ctrl = buf[np.flatnonzero(buf < 32)]
    if (len(ctrl) != np.count_nonzero(ctrl == 1) + 2 * n or np.count_nonzero(ctrl == 2) != n
            or np.count_nonzero(ctrl == 3) != n):
        return True
    lead = np.flatnonzero(buf >= 0xC2)  # multi-byte characters
    lead = lead[(buf[lead] == 0xC2) | ((buf[lead] >= 0xE1) & (buf[lead] <= 0xE3))]
    if not len(lead):
        return False
    code = buf[lead].astype(np.uint32) << 16 | buf[lead + 1].astype(np.uint32) << 8
    code |= buf[lead + 2]  # the buffer's padding makes these reads safe
    return bool(np.isin(code, _SPACE3).any() or np.isin(code >> 8, _SPACE2).any())


def build(docs: Sequence[bytes], start: int = 0, chunk: int = 1000) -> Built:
    """The postings of `docs` at positions `start`...; ValueError if a doc leaves the
    layout (see the module's docstring). From TWO_THREADS papers, each half is built
    in its own thread (numpy's array operations release the GIL, so a second core
    works on it when there is one), then the halves are merged."""
    if len(docs) < TWO_THREADS:
        return _build(docs, start, chunk)
    half = len(docs) // 2
    with ThreadPoolExecutor(1, thread_name_prefix="reader-word-build") as pool:
        second = pool.submit(_build, docs[half:], start + half, chunk)
        first = _build(docs[:half], start, chunk)
        return merge(first, second.result())


def _build(docs: Sequence[bytes], start: int, chunk: int) -> Built:
    stream = _Stream(start)
    for a in range(0, len(docs), chunk):
        if not stream.feed(docs[a:a + chunk]):
            raise ValueError("a paper's text is not in folding.encode's layout")
    return stream.finish()


class _Stream:
    """`build` a chunk of papers at a time."""

    def __init__(self, start: int = 0) -> None:
        self.start = start
        self.table = _Table()
        self.words: list[bytes] = list(_MARKERS)
        self.table.add(np.array([1, 2, 3], np.uint64), np.zeros(3, np.uint64),
                       np.arange(3, dtype=np.int32))
        self.longs: dict[bytes, int] = {}
        self.runs: list[tuple[int, int, Ints]] = []
        self.doclen: list[Ints] = []
        self.size = 0
        """Papers fed so far."""

    def feed(self, part: Sequence[bytes]) -> bool:
        """Index the next papers; False if one leaves the layout (then stop: no result)."""
        if not part:
            return True
        lens = np.fromiter(map(len, part), np.int64, len(part))
        n = len(lens)
        joined = b"".join(part) + _PAD
        buf = np.frombuffer(joined, np.uint8)
        docstart = np.zeros(n, np.int64)
        np.cumsum(lens[:-1], out=docstart[1:])
        if (not n or lens.min() <= 0 or int(lens.sum()) + len(_PAD) != len(joined)
                or _unexpected(buf, n)
                or (buf[docstart] != 32).any() or (buf[docstart + lens - 1] != 32).any()):
            return False
        space = buf == 32
        edges = np.flatnonzero(space[1:] != space[:-1]) + 1
        starts, length = edges[0::2], edges[1::2] - edges[0::2]
        ids = _word_ids(self.table, self.words, self.longs, joined, starts, length)
        first = np.searchsorted(starts, docstart)
        m2, m3 = np.flatnonzero(ids == 1), np.flatnonzero(ids == 2)
        if len(m2) != n or len(m3) != n:
            return False  # a marker inside a word, or missing
        after = np.append(first[1:], len(starts))
        if not ((first <= m2) & (m2 < m3) & (m3 < after)).all():
            return False  # two in one paper, or out of order
        self.doclen.append((m3 - first + 1).astype(np.uint32))  # title, body, the 2 markers
        big = (len(self.words) * 3 + 3) * n >= 2**31
        kind: Any = np.int64 if big else np.int32
        # each token's field * n + paper: title, body, authors runs of each paper in turn
        seg = np.repeat((np.arange(3, dtype=kind) * n + np.arange(n, dtype=kind)[:, None]).ravel(),
                        np.column_stack((m2 - first, m3 - m2, after - m3)).ravel())
        keep = ids > 2
        key = ids[keep].astype(kind) * (3 * n) + seg[keep]  # (word * 3 + field) * n + paper
        key.sort()
        if len(key):
            key = key[np.concatenate(([True], key[1:] != key[:-1]))]
        self.runs.append((self.size, n, key))
        self.size += n
        return True

    def finish(self) -> Built:
        """The postings of every paper fed (the stream is spent)."""
        indptr, positions = _transpose(self.runs, len(self.words) * 3, self.start)
        doclen = np.concatenate(self.doclen) if self.doclen else np.zeros(0, np.uint32)
        return Built([w.decode("utf-8") for w in self.words], indptr, positions, doclen,
                     self.start + self.size)


def _word_ids(table: _Table, words: list[bytes], longs: dict[bytes, int], joined: bytes,
              starts: Ints, length: Ints) -> Ints:
    """The id of each word (new words get the next ids)."""
    halves = np.frombuffer(joined, "<u8", len(joined) // 8)
    q, r = starts >> 3, ((starts & 7) << 3).astype(np.uint64)
    back = np.uint64(64) - r  # numpy shifts by 64 give 0
    short = np.minimum(length, 16)
    second = halves.take(q + 1)
    k0 = ((halves.take(q) >> r) | (second << back)) & _LOW.take(short)
    k1 = np.zeros(len(k0), np.uint64)
    mid = np.flatnonzero(length > 8)
    q, r, back, second = q[mid] + 2, r[mid], back[mid], second[mid]
    k1[mid] = ((second >> r) | (halves.take(q) << back)) & _HIGH.take(short[mid])
    long = np.flatnonzero(length > 16)
    k0[long] = k1[long] = 0  # no word is empty: (0, 0) is never in the table
    ids = table.lookup(k0, k1)
    miss = np.flatnonzero(ids < 0)
    miss = miss[length[miss] <= 16]
    if len(miss):
        m0, m1 = k0[miss], k1[miss]
        order = np.lexsort((m1, m0))
        m0, m1, at = m0[order], m1[order], miss[order]
        new = np.concatenate(([True], (m0[1:] != m0[:-1]) | (m1[1:] != m1[:-1])))
        m0, m1, at = m0[new], m1[new], at[new]
        table.add(m0, m1, np.arange(len(words), len(words) + len(at), dtype=np.int32))
        words.extend(joined[p:p + k] for p, k in zip(starts[at].tolist(),
                                                      length[at].tolist(), strict=True))
        ids[miss] = table.lookup(k0[miss], k1[miss])
    for i, p, k in zip(long.tolist(), starts[long].tolist(), length[long].tolist(), strict=True):
        word = joined[p:p + k]
        wid = longs.get(word)
        if wid is None:
            wid = longs[word] = len(words)
            words.append(word)
        ids[i] = wid
    return ids


def _transpose(runs: list[tuple[int, int, Ints]], rows: int, start: int) -> tuple[Ints, Ints]:
    """One CSR (row = word * 3 + field) of the chunks' sorted (row, paper) keys."""
    total = np.zeros(rows, np.int64)
    for _, n, key in runs:
        counts = np.bincount(key // n)
        total[:len(counts)] += counts
    indptr = np.zeros(rows + 1, np.int64)
    np.cumsum(total, out=indptr[1:])
    fill = indptr[:-1].copy()  # each row's next free slot
    positions = np.empty(int(indptr[-1]), np.uint32)
    for c, (a, n, key) in enumerate(runs):
        runs[c] = (a, n, _EMPTY)  # free the chunk as it goes
        row = key // n
        if not len(row):
            continue
        head = np.flatnonzero(np.concatenate(([True], row[1:] != row[:-1])))
        run = np.diff(np.append(head, len(row)))
        rank = np.arange(len(row)) - np.repeat(head, run)
        positions[fill.take(row) + rank] = (key - row * n) + (a + start)
        fill[row[head]] += run
    return indptr, positions
