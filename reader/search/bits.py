"""Sets of library positions as Python ints (bit i set = paper at position i).

AND/OR/NOT of two masks is one C loop over their machine words, however many papers
they hold; the conversions below keep the per-element work in C (`map`, `compress`,
`int(bytes, 2)`) where it matters.
"""

from __future__ import annotations

import sys
from array import array
from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from typing import TypeVar

T = TypeVar("T")

_ZERO_ONE = bytes.maketrans(b"01", b"\x00\x01")
_BIT = tuple(1 << i for i in range(8))
_OFFSETS = tuple(tuple(i for i in range(8) if v >> i & 1) for v in range(256))
_SMALL = 256
"""Below this many positions a plain loop beats building a digit string."""
NUMPY_MIN = 20_000
"""From this many positions, numpy marks them when it is imported (one C loop instead
of a call per position, worth its fixed cost of setting up arrays)."""


def from_positions(positions: Sequence[int], size: int) -> int:
    """The mask of `positions` (each < `size`)."""
    count = len(positions)
    if count == 0:
        return 0
    if count >= NUMPY_MIN and (mask := _numpy_union([positions], size)) is not None:
        return mask
    if count < _SMALL:
        small = bytearray((size >> 3) + 1)
        for p in positions:
            small[p >> 3] |= _BIT[p & 7]
        return int.from_bytes(small, "little")
    digits = bytearray(b"0") * size
    deque(map(digits.__setitem__, positions, repeat(49)), 0)  # 49 = ord("1")
    digits.reverse()
    return int(digits, 2)


def union_positions(lists: Iterable[Sequence[int]], size: int) -> int:
    """The mask of every position in any of `lists` (one pass for many lists)."""
    lists = list(lists)
    if (sum(map(len, lists)) >= NUMPY_MIN
            and (mask := _numpy_union(lists, size)) is not None):
        return mask
    digits = bytearray(b"0") * size
    one = repeat(49)
    setitem = digits.__setitem__
    for positions in lists:
        deque(map(setitem, positions, one), 0)
    digits.reverse()
    return int(digits, 2)


def _numpy_union(lists: list[Sequence[int]], size: int) -> int | None:
    """`union_positions` by numpy (a C loop, not a call per position); None when numpy
    is not imported yet (importing it costs more than it saves in a one-shot search:
    building the word index imports it)."""
    np = sys.modules.get("numpy")
    if np is None:
        return None
    seen = np.zeros(size, bool)
    for positions in lists:
        if isinstance(positions, array) and positions.itemsize == 4 and positions.typecode in "IL":
            seen[np.frombuffer(positions, np.uint32)] = True  # no copy of the postings
        else:
            seen[np.asarray(positions, np.int64)] = True
    return int.from_bytes(np.packbits(seen, bitorder="little").tobytes(), "little")


def to_positions(mask: int) -> list[int]:
    """The set bits of `mask`, ascending."""
    if not mask:
        return []
    nbits = mask.bit_length()
    if mask.bit_count() * 16 > nbits:
        flags = bin(mask)[:1:-1].encode("ascii").translate(_ZERO_ONE)
        return list(compress(range(nbits), flags))
    data = mask.to_bytes((nbits + 7) >> 3, "little")
    out: list[int] = []
    extend = out.extend
    for i in compress(range(len(data)), data):
        base = i << 3
        extend([base + b for b in _OFFSETS[data[i]]])
    return out


def select(items: Sequence[T], mask: int) -> list[T]:
    """The items at the set bits of `mask`, in order (one C-level pass when dense)."""
    if not mask:
        return []
    nbits = mask.bit_length()
    if mask.bit_count() * 16 > nbits:
        flags = bin(mask)[:1:-1].encode("ascii").translate(_ZERO_ONE)
        return list(compress(items, flags))
    return list(map(items.__getitem__, to_positions(mask)))


def full(size: int) -> int:
    """The mask of positions 0 .. size-1."""
    return (1 << size) - 1
