"""Arithmetic over a whole array of unsigned numbers at once, for the derived index.

Taking one paper out of a 100k-paper index moves every later offset and row number
down. A Python loop over 100k numbers costs a few ms per array, and a deletion
moves several. Here the array's bytes are read as one big integer whose "lanes"
are the numbers (the same bits: `int.from_bytes` in the machine's byte order), so
one big-integer subtraction lowers every lane at once, in C. It is exact only
while no lane borrows from the next one, which each function checks or its
caller guarantees (said below): a lane that borrowed shows as a top bit set in the
result, so a broken guarantee raises ValueError instead of giving wrong numbers.
The top bit of every lane must be clear before (checked: otherwise the plain loop).
"""

from __future__ import annotations

import sys
from array import array

__all__ = ["any_at_least", "decrease_above", "decrease_all"]


def _ones(lanes: int, size: int) -> int:
    """The integer with each of `lanes` lanes of `size` bytes holding 1."""
    return int.from_bytes((1).to_bytes(size, sys.byteorder) * lanes, sys.byteorder)


def _as_int(values: array[int]) -> tuple[int, int, int]:
    """(the lanes as one integer, the all-ones integer, the lane width in bits)."""
    size = values.itemsize
    return (int.from_bytes(values.tobytes(), sys.byteorder), _ones(len(values), size),
            size * 8)


def _from_int(number: int, like: array[int], top: int) -> array[int]:
    if number < 0 or number & top:
        raise ValueError("a number would go below zero")
    out = array(like.typecode)
    out.frombytes(number.to_bytes(len(like) * like.itemsize, sys.byteorder))
    return out


def decrease_all(values: array[int], amount: int) -> array[int]:
    """Every number less `amount`; each must be at least `amount` (the caller's word:
    the positions after a cut, all past its end)."""
    if not values or not amount:
        return array(values.typecode, values)
    whole, ones, bits = _as_int(values)
    top = ones << (bits - 1)
    if whole & top or amount >= 1 << (bits - 1):  # a huge number: the plain way
        return array(values.typecode, [v - amount for v in values])
    return _from_int(whole - ones * amount, values, top)


def decrease_above(values: array[int], threshold: int, amount: int) -> array[int]:
    """Each number above `threshold` less `amount`, the others as they are; every
    number above `threshold` must be at least `amount` (row numbers above a row
    taken out, less one; offsets after a cut, less its length), `threshold` >= 0.

    A lane `v` is above `threshold` when `v + (2**(bits-1) - 1 - threshold)` sets
    its top bit (no carry out of the lane while `v` < 2**(bits-1)): those top bits,
    moved down to the lane's lowest bit, are a 0 or 1 per lane, times `amount`."""
    if not values or not amount:
        return array(values.typecode, values)
    whole, ones, bits = _as_int(values)
    top = ones << (bits - 1)
    if whole & top or not 0 <= threshold < 1 << (bits - 1) or amount >= 1 << (bits - 1):
        return array(values.typecode, [v - amount if v > threshold else v for v in values])
    above = ((whole + ones * ((1 << (bits - 1)) - 1 - threshold)) & top) >> (bits - 1)
    return _from_int(whole - above * amount, values, top)


def any_at_least(values: array[int], bound: int) -> bool:
    """`max(values) >= bound` (False when empty), without a loop over the numbers:
    `v + (2**(bits-1) - bound)` sets a lane's top bit exactly when `v >= bound`."""
    if not values:
        return False
    whole, ones, bits = _as_int(values)
    top = ones << (bits - 1)
    if not 0 < bound <= 1 << (bits - 1):
        return max(values) >= bound
    if whole & top:  # a number of 2**(bits-1) or more: at least `bound`
        return True
    return bool((whole + ones * ((1 << (bits - 1)) - bound)) & top)
