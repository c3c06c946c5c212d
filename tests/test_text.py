"""reader.text: the control-character scan agrees with sanitize."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text import has_controls, sanitize

CHARS = st.sampled_from(["a", "é", "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\x85", "\x9b",
                         "\u202e", "\u2067", "\u4e2d", "ß", " "])


@settings(max_examples=300)
@given(st.lists(CHARS, max_size=20).map("".join))
def test_has_controls_is_true_exactly_when_sanitize_removes_something(text: str) -> None:
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    assert has_controls(text) == (sanitize(text) != unified)


def test_has_controls_reads_past_the_first_chunk() -> None:
    clean = "x" * (1 << 20)
    assert not has_controls(clean + "\u4e2d" + clean)
    assert has_controls(clean + "\x1b[2J")
    assert has_controls(clean + "\u4e2d\u202e")
