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

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

import numpy as np

from reader.search.csr import Built, Ints, Runs, transpose
from reader.search.word_table import WordTable

CHUNK_BYTES = 1 << 17
"""Papers are indexed in chunks of about this many bytes of text: the temporaries of a
chunk (about twenty bytes a byte of text) stay a few MB, whatever the library's size
(a few hundred papers a chunk: numpy's cost per call stays small beside the work)."""
TWO_THREADS = 20_000
"""From this many papers a build is split in two halves built at once (below, the
thread and the second vocabulary cost more than they save)."""

_LOW = np.array([(1 << 8 * min(k, 8)) - 1 for k in range(17)], np.uint64)
"""Mask of a word's first half by its length (0-16)."""
_HIGH = np.array([(1 << 8 * max(k - 8, 0)) - 1 for k in range(17)], np.uint64)
"""Mask of its second half."""
_PAD = b" " * 24
_MARKERS = (b"\x01", b"\x02", b"\x03")
"""Ids 0, 1, 2 (never postings)."""
_SPACES = ("\x85", "\xa0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u2028", "\u2029",
           "\u202f", "\u205f", "\u3000")
"""The non-ASCII characters `str.split()` splits on (tests check the list)."""
_SPACE2 = np.array([int.from_bytes(c.encode()) for c in _SPACES if len(c.encode()) == 2])
_SPACE3 = np.array([int.from_bytes(c.encode()) for c in _SPACES if len(c.encode()) == 3])
"""Their UTF-8 bytes as numbers, by length (2 or 3 bytes)."""


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


def build(docs: Sequence[bytes], start: int = 0, chunk: int | None = None) -> Built:
    """The postings of `docs` at positions `start`...; ValueError if a doc leaves the
    layout (see the module's docstring). `chunk`: at most this many papers a chunk
    (else chunks are cut by CHUNK_BYTES alone). From TWO_THREADS papers, each half is
    built in its own thread (numpy's array operations release the GIL, so a second
    core works on it when there is one), then both are laid out in one CSR."""
    if len(docs) < TWO_THREADS:
        return _fed(_Stream(start), docs, chunk).finish()
    half = len(docs) // 2
    with ThreadPoolExecutor(1, thread_name_prefix="reader-word-build") as pool:
        second = pool.submit(_fed, _Stream(start + half), docs[half:], chunk)
        first = _fed(_Stream(start), docs[:half], chunk)
        return first.finish(second.result(), pool)


def build_kept(docs: Iterable[bytes], keep: Callable[[bytes], bool]) -> tuple[Built, Ints]:
    """The postings of the words `keep` takes (the other words' rows left empty), and
    how many papers each row of all words holds, for `docs` read one chunk at a time
    (they can be made as they are read: never all held at once)."""
    stream = _fed(_Stream(0, keep), docs, None)
    counts = stream.counts.copy()
    return stream.finish(), counts


def _chunks(docs: Iterable[bytes], papers: int | None) -> Iterator[list[bytes]]:
    """`docs` in runs of about CHUNK_BYTES (and at most `papers` papers)."""
    part: list[bytes] = []
    held = 0
    for doc in docs:
        part.append(doc)
        held += len(doc)
        if held >= CHUNK_BYTES or len(part) == papers:
            yield part
            part, held = [], 0
    if part:
        yield part


def _fed(stream: _Stream, docs: Iterable[bytes], papers: int | None) -> _Stream:
    for part in _chunks(docs, papers):
        if not stream.feed(part):
            raise ValueError("a paper's text is not in folding.encode's layout")
    return stream


class _Stream:
    """`build` a chunk of papers at a time."""

    def __init__(self, start: int = 0, keep: Callable[[bytes], bool] | None = None) -> None:
        self.start = start
        self.table = WordTable()
        self.words: list[bytes] = list(_MARKERS)
        self.table.add(np.array([1, 2, 3], np.uint64), np.zeros(3, np.uint64),
                       np.arange(3, dtype=np.int32))
        self.longs: dict[bytes, int] = {}
        self.runs: Runs = []
        """(first position, papers, sorted keys) of each chunk."""
        self.counts: Ints = np.zeros(3 * 1024, np.int64)
        """Papers per row (word * 3 + field) of every word, kept or not."""
        self.keep = keep
        self.kept: Ints = np.zeros(len(_MARKERS), bool)
        """Per word, whether its postings are kept (with `keep` only)."""
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
        del space, buf
        starts, length = edges[0::2], edges[1::2] - edges[0::2]
        known = len(self.words)
        ids = _word_ids(self.table, self.words, self.longs, joined, starts, length)
        first = np.searchsorted(starts, docstart)
        del edges, starts, length, joined
        m2, m3 = np.flatnonzero(ids == 1), np.flatnonzero(ids == 2)
        if len(m2) != n or len(m3) != n:
            return False  # a marker inside a word, or missing
        after = np.append(first[1:], len(ids))
        if not ((first <= m2) & (m2 < m3) & (m3 < after)).all():
            return False  # two in one paper, or out of order
        self.doclen.append((m3 - first + 1).astype(np.uint32))  # title, body, the 2 markers
        big = (len(self.words) * 3 + 3) * n >= 2**31
        kind: Any = np.int64 if big else np.int32
        # each token's field * n + paper: title, body, authors runs of each paper in turn
        seg = np.repeat((np.arange(3, dtype=kind) * n + np.arange(n, dtype=kind)[:, None]).ravel(),
                        np.column_stack((m2 - first, m3 - m2, after - m3)).ravel())
        keep = ids > 2
        key = ids[keep].astype(kind)
        del ids
        key *= 3 * n
        key += seg[keep]  # (word * 3 + field) * n + paper
        del seg, keep
        key.sort()
        if len(key):
            key = key[np.concatenate(([True], key[1:] != key[:-1]))]
        self._count(key // n)
        if self.keep is not None:
            fresh = self.words[known:]
            self.kept = np.concatenate((self.kept, np.fromiter(map(self.keep, fresh), bool,
                                                               len(fresh))))
            key = key[self.kept.take(key // (3 * n))]
        self.runs.append((self.start + self.size, n, key))
        self.size += n
        return True

    def _count(self, rows: Ints) -> None:
        need = 3 * len(self.words)
        if need > len(self.counts):
            self.counts = np.concatenate((self.counts, np.zeros(need, np.int64)))
        if len(rows):
            found = np.bincount(rows)
            self.counts[:len(found)] += found

    def finish(self, then: _Stream | None = None, pool: Executor | None = None) -> Built:
        """The postings of every paper fed, then of `then`'s (fed from where this one
        stops; placed in `pool` meanwhile), in one CSR; the streams are spent."""
        words = self.words
        rows = 3 * len(words)
        counts = self.counts[:rows]
        if self.keep is not None:
            counts = np.where(np.repeat(self.kept, 3), counts, 0)
        parts: list[tuple[Runs, Ints | None, Ints]] = [(self.runs, None, counts)]
        doclen = self.doclen
        size = self.start + self.size
        if then is not None:
            rowmap = _append_words(words, then.words)
            more = 3 * len(words) - rows
            theirs = np.zeros(rows + more, np.int64)
            theirs[rowmap] = then.counts[:len(rowmap)]
            parts = [(self.runs, None, np.append(counts, np.zeros(more, np.int64))),
                     (then.runs, rowmap, theirs)]
            doclen = doclen + then.doclen
            size = then.start + then.size
        indptr, positions = transpose(parts, pool)
        lengths = np.concatenate(doclen) if doclen else np.zeros(0, np.uint32)
        return Built([w.decode("utf-8") for w in words], indptr, positions, lengths, size)


def _append_words(words: list[bytes], more: list[bytes]) -> Ints:
    """Append to `words` those of `more` it lacks; the row of `words` each row of `more`
    (word * 3 + field) now is."""
    at = {w: i for i, w in enumerate(words)}
    remap = np.empty(len(more), np.int64)
    for j, word in enumerate(more):
        i = at.get(word)
        if i is None:
            i = at[word] = len(words)
            words.append(word)
        remap[j] = i
    rowmap: Ints = (remap[:, None] * 3 + np.arange(3)).ravel()
    return rowmap


def _word_ids(table: WordTable, words: list[bytes], longs: dict[bytes, int], joined: bytes,
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
    del q, r, back, second, mid
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
