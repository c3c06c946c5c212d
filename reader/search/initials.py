"""The papers holding a word that starts with each letter or digit, for the first key
typed (a one-letter prefix unites thousands of words' postings otherwise).

The commonest words of a letter ("a", "and", "are") cover most papers in a few
unions; the papers left are scanned (`scan(candidates, b" x")`): faster than
uniting the rarer words.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING

from reader.search import bits

if TYPE_CHECKING:
    from reader.search.catalogue import Catalogue

INITIALS = "0123456789abcdefghijklmnopqrstuvwxyz"


def initials_of(cat: Catalogue, scan: Callable[[int, bytes], int]) -> dict[str, int]:
    """First letter or digit -> mask of the papers with a word starting with it."""
    size = cat.size
    full = bits.full(size)
    initials: dict[str, int] = {}
    for initial in INITIALS if size else ():
        arrays = [arr for postings in cat.postings
                  for arr in map(postings.get, cat.terms(initial, True))
                  if arr is not None]
        arrays.sort(key=len, reverse=True)
        digits = bytearray(b"0") * size  # as in bits.union_positions
        setitem = digits.__setitem__
        remaining = sum(map(len, arrays))
        left = size
        for k, arr in enumerate(arrays):  # commonest first, while it beats scanning
            if remaining <= left * 8:  # all the rest
                for rest in arrays[k:]:
                    deque(map(setitem, rest, repeat(49)), 0)
                remaining = 0
                break
            if len(arr) > left * 8:
                break
            deque(map(setitem, arr, repeat(49)), 0)
            remaining -= len(arr)
            left = digits.count(48)  # 48 = ord("0")
        digits.reverse()
        mask = int(digits, 2)
        if remaining and mask != full:  # scanning the rest beats the rarer words
            mask |= scan(full & ~mask, b" " + initial.encode("ascii"))
        if mask:
            initials[initial] = mask
    return initials
