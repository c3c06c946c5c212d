"""Sorted names looked up in their bytes, for the catalogue's derived index.

A command that resolves one id at 100k papers must not build a dict or a set of
every id first (that alone costs more than the rest of the command). `SortedNames`
keeps names sorted as one block of bytes, `name\\n` each, with where each line
starts and one number per name (a row of the catalogue): an exact lookup or a
prefix range is a bisection over that block, nothing decoded but the few names
compared.

Python orders strings by code point, which is the order of their UTF-8 bytes, so a
prefix range here is the range `bisect` gives over `sorted(names)`. A name holding a
newline (or that cannot be encoded) cannot be stored: `pack` returns None for the
whole set, and the caller keeps no index.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from itertools import accumulate, count
from operator import add

from reader.store.packed import decrease_above, decrease_all

__all__ = ["SortedNames", "join_lines", "line_starts", "split_lines"]

_MAX = "\U0010ffff".encode()
"""After every name that starts with a given prefix (the prefix + this)."""


def join_lines(names: Sequence[str]) -> bytes | None:
    """`name\\n` for each name; None if one cannot be stored (a newline in it)."""
    text = "\n".join(names) + "\n" if names else ""
    if text.count("\n") != len(names):
        return None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def line_starts(data: bytes) -> array[int]:
    """Where each line of `join_lines`'s bytes starts, and their end."""
    starts = array("I", [0])
    starts.extend(map(add, accumulate(map(len, split_lines(data))), count(1)))
    return starts


def split_lines(data: bytes) -> list[bytes]:
    """The lines of `join_lines`'s bytes (without their newlines)."""
    return data.split(b"\n")[:-1]


class SortedNames:
    """Names (sorted) with one number each; built by `pack`, read from its three parts."""

    def __init__(self, blob: bytes, starts: array[int], values: array[int]) -> None:
        if len(starts) != len(values) + 1 or (starts and starts[-1] != len(blob)):
            raise ValueError("damaged")
        self.blob, self.starts, self.values = blob, starts, values

    @classmethod
    def pack(cls, numbers: Mapping[str, int]) -> SortedNames | None:
        """From name -> number; None if a name cannot be stored (a newline in it)."""
        names = sorted(numbers)
        blob = join_lines(names)
        if blob is None:
            return None
        return cls(blob, line_starts(blob), array("I", map(numbers.__getitem__, names)))

    def __len__(self) -> int:
        return len(self.values)

    def _name(self, i: int) -> bytes:
        return self.blob[self.starts[i]:self.starts[i + 1] - 1]

    def _find(self, name: bytes) -> int:
        return bisect_left(range(len(self.values)), name, key=self._name)

    def get(self, name: str) -> int | None:
        """The number of `name`; None when it is not there."""
        try:
            key = name.encode("utf-8")
        except UnicodeEncodeError:
            return None
        i = self._find(key)
        return self.values[i] if i < len(self.values) and self._name(i) == key else None

    def prefixed(self, prefix: str) -> list[tuple[str, int]]:
        """(name, number) of every name starting with `prefix`, in name order."""
        try:
            key = prefix.encode("utf-8")
        except UnicodeEncodeError:
            return []
        lo, hi = self._find(key), self._find(key + _MAX)
        return [(self._name(i).decode("utf-8"), self.values[i]) for i in range(lo, hi)]

    def items(self) -> list[tuple[str, int]]:
        return list(zip(self.blob.decode("utf-8").split("\n"), self.values, strict=False))

    def without(self, row: int) -> SortedNames:
        """These names less those numbered `row`, numbers above `row` one less (the
        catalogue's rows after a paper is taken out). No loop over the names in
        Python: a deletion at 100k papers does this for four sets of names."""
        blob, starts, values = self.blob, self.starts, self.values
        for i in reversed(_positions(values, row)):  # (an id, a key, up to two aliases)
            cut = starts[i + 1] - starts[i]
            blob = blob[:starts[i]] + blob[starts[i + 1]:]
            starts = starts[:i] + decrease_all(starts[i + 1:], cut)
            values = values[:i] + values[i + 1:]
        return SortedNames(blob, starts, decrease_above(values, row, 1))


def _positions(values: array[int], number: int) -> list[int]:
    """Where `number` is in `values` (by a search of their bytes, in C)."""
    data, pattern, size = values.tobytes(), array(values.typecode, [number]).tobytes(), \
        values.itemsize
    found: list[int] = []
    at = data.find(pattern)
    while at >= 0:
        if at % size:  # the bytes straddle two numbers: not this one
            at = data.find(pattern, at + 1)
            continue
        found.append(at // size)
        at = data.find(pattern, at + size)
    return found
