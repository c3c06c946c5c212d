"""The derived index's building blocks: sorted names looked up in their bytes, and
columns stored one JSON value per line."""

from __future__ import annotations

import pytest

from reader.store.names import SortedNames, join_lines, line_starts, split_lines
from reader.store.sections import column_bytes, column_values

TRICKY = ["", "a,b", 'say "hi"', '","', 'x\\', '\\","\\', "line\nbreak", "tab\tend",
          "Zoë Müller", "emoji 🙂", "[CLS]", "\\", '"', ",", "\u2028", "\x00ctl"]


@pytest.mark.parametrize("values", [
    TRICKY, [2020, None, 1999, 0, -1], [1.5, 2, None, True], ["x", None, 3, "a,b"],
    [None], [], ["only"], [[1, 2], {"a": ","}],
])
def test_a_column_reads_back_as_it_was_written(values: list[object]) -> None:
    data = column_bytes(values)
    assert column_values(data) == values
    assert data.count(b"\n") == len(values)  # one line each: a row is a line
    lines = data.split(b"\n")
    for row in range(len(values)):  # taking a line out takes that value out
        rest = b"\n".join(lines[:row] + lines[row + 1:])
        assert column_values(rest) == values[:row] + values[row + 1:]


def test_sorted_names_find_what_a_sorted_list_finds() -> None:
    names = {f"arxiv:2401.{i:05d}": i for i in range(0, 300, 3)}
    names |= {"doi:10.1/x": 500, "title:ab": 501, "Zoë": 502, "zz🙂": 503}
    packed = SortedNames.pack(names)
    assert packed is not None
    ordered = sorted(names)
    for prefix in ("", "arxiv:2401.000", "arxiv:2401.0029", "doi:", "Z", "zz", "q", "🙂"):
        assert packed.prefixed(prefix) == [(n, names[n]) for n in ordered if n.startswith(prefix)]
    for name, number in names.items():
        assert packed.get(name) == number
    assert packed.get("arxiv:2401.00001") is None and packed.get("\udcff") is None
    less = packed.without(3)
    assert less.get("arxiv:2401.00003") is None and less.get("arxiv:2401.00006") == 5
    assert less.get("doi:10.1/x") == 499 and len(less) == len(packed) - 1


def test_a_name_with_a_newline_cannot_be_stored() -> None:
    assert SortedNames.pack({"a\nb": 1}) is None
    assert join_lines(["ok", "not\nok"]) is None
    data = join_lines(["a", "bé", ""])
    assert data is not None and split_lines(data) == [b"a", "bé".encode(), b""]
    assert list(line_starts(data)) == [0, 2, 6, 7]
