"""Position masks: numpy's way of marking many positions gives the plain loop's masks."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search import bits

SIZE = 3000
POSITIONS = st.lists(st.integers(0, SIZE - 1), max_size=400)


def expected(lists: list[list[int]]) -> int:
    return sum(1 << p for p in set().union(*map(set, lists))) if lists else 0


@settings(max_examples=60, deadline=None)
@given(st.lists(POSITIONS, max_size=6), st.booleans())
def test_masks_by_numpy_and_by_loop_are_the_same(lists: list[list[int]], as_array: bool) -> None:
    import numpy  # noqa: F401  (bits.py uses numpy only once something imported it)

    held = [array("I", sorted(set(p))) if as_array else sorted(set(p)) for p in lists]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(bits, "NUMPY_MIN", 1)
        by_numpy = bits.union_positions(held, SIZE)
        singles = [bits.from_positions(p, SIZE) for p in held]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(bits, "NUMPY_MIN", 10**9)
        assert bits.union_positions(held, SIZE) == by_numpy == expected(lists)
        assert [bits.from_positions(p, SIZE) for p in held] == singles
    assert singles == [expected([p]) for p in lists]


def test_a_mask_of_every_position_round_trips() -> None:
    import numpy  # noqa: F401

    everything = array("I", range(50_000))  # past NUMPY_MIN: numpy marks them
    mask = bits.union_positions([everything, array("I", [7, 49_999])], 50_000)
    assert mask == bits.full(50_000)
    assert bits.to_positions(bits.from_positions(list(range(0, 50_000, 3)), 50_000)) == list(
        range(0, 50_000, 3))
