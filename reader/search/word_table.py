"""Words of up to 16 bytes -> their ids, for word_build.py: an open-addressing table
keyed by a word's two 8-byte halves (zero-padded), both compared, so an id is exact
(no hash of a word stands for it). Numpy arrays, looked up a chunk of words at once."""

from __future__ import annotations

import numpy as np

from reader.search.csr import Ints

_GOLD = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xC2B2AE3D27D4EB4F)


class WordTable:
    """(first half, second half) of a word -> its id, both halves compared."""

    def __init__(self) -> None:
        self.count = 0
        self._alloc(1 << 12)

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
        self.count += len(ids)
        if self.count * 4 > self.mask + 1:  # keep the table at most a quarter full
            slots = self.mask + 1
            while self.count * 4 > slots:
                slots *= 2
            held = np.flatnonzero(self.tid >= 0)  # the words so far, from the table itself
            old = self.t0[held], self.t1[held], self.tid[held]
            self._alloc(slots)
            self._insert(*old)
        self._insert(k0, k1, ids)

    def _insert(self, k0: Ints, k1: Ints, ids: Ints) -> None:
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
