"""Whole-array arithmetic of the derived index (reader.store.packed) gives what the
plain loop gives, and refuses (ValueError) rather than give a wrong number."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.store.names import SortedNames
from reader.store.packed import any_at_least, decrease_above, decrease_all

CODES = st.sampled_from("IQ")


@given(CODES, st.lists(st.integers(0, 5000), max_size=60), st.integers(0, 5000),
       st.integers(0, 300))
def test_decrease_above_is_the_loop(code: str, values: list[int], threshold: int,
                                    amount: int) -> None:
    want = [v - amount if v > threshold else v for v in values]
    if any(v > threshold and v < amount for v in values):
        with pytest.raises((ValueError, OverflowError)):
            decrease_above(array(code, values), threshold, amount)
    else:
        assert list(decrease_above(array(code, values), threshold, amount)) == want


@given(CODES, st.lists(st.integers(0, 5000), max_size=60), st.integers(0, 300))
def test_decrease_all_is_the_loop(code: str, values: list[int], amount: int) -> None:
    if any(v < amount for v in values):
        with pytest.raises((ValueError, OverflowError)):
            decrease_all(array(code, values), amount)
    else:
        assert list(decrease_all(array(code, values), amount)) == [v - amount for v in values]


def test_numbers_with_their_top_bit_set_take_the_loop() -> None:
    big = array("I", [2**31 + 5, 7, 2**32 - 1])
    assert list(decrease_above(big, 6, 1)) == [2**31 + 4, 6, 2**32 - 2]
    assert list(decrease_all(big, 2)) == [2**31 + 3, 5, 2**32 - 3]


@given(st.dictionaries(st.text(max_size=8).filter(lambda s: "\n" not in s),
                       st.integers(0, 40), max_size=40), st.integers(0, 40))
def test_names_without_a_row_are_those_packed_without_it(names: dict[str, int],
                                                         row: int) -> None:
    packed = SortedNames.pack(names)
    assert packed is not None
    want = SortedNames.pack({n: v - (v > row) for n, v in names.items() if v != row})
    assert want is not None
    less = packed.without(row)
    assert (less.blob, list(less.starts), list(less.values)) == (
        want.blob, list(want.starts), list(want.values))


@given(CODES, st.lists(st.integers(0, 2**32 - 1), max_size=40), st.integers(-2, 2**32 + 2))
def test_any_at_least_is_max(code: str, values: list[int], bound: int) -> None:
    assert any_at_least(array(code, values), bound) == (bool(values) and max(values) >= bound)
