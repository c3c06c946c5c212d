"""reader.text: the control-character scan agrees with sanitize."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text import has_controls, sanitize

CHARS = st.sampled_from(["a", "é", "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\x85", "\x9b",
                         "\u202e", "\u2067", "\u4e2d", "ß", " ", "[", "]", "2", "J", "\x07",
                         "\\", "P", "\x9c"])


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


def test_sanitize_removes_whole_escape_sequences_not_just_esc() -> None:
    assert sanitize("a\x1b]52;c;SGVsbG8=\x07b") == "ab"  # OSC 52 (clipboard) to BEL
    assert sanitize("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\") == "alink"  # OSC 8, ST
    assert sanitize("x\x1b[2Jy") == "xy"  # CSI
    assert sanitize("\x1b[1;31mred\x1b[0m") == "red"
    assert sanitize("\x9b31mz") == "z"  # 8-bit CSI
    assert sanitize("\x1bPqsixel\x1b\\d") == "d"  # DCS
    assert sanitize("\x1b(Bq\x1b7") == "q"  # 2-char escapes
    assert sanitize("title \x1b]2;pwned") == "title "  # unterminated OSC
    assert sanitize("one\x1b[K\ntwo\x00", multiline=False) == "one two "
    assert sanitize("plain [2J] text") == "plain [2J] text"  # no ESC: brackets are text


def test_clean_line_of_plain_ascii_is_the_text_itself_else_cleaned() -> None:
    """The shortcut for printable ASCII (most titles) gives what the full cleaning gives."""
    import itertools
    import re

    from reader.text import _SPACES, clean_line, sanitize

    def reference(text: str) -> str:
        return _SPACES.sub(" ", sanitize(text, multiline=False)).strip()

    pieces = ["a", " ", "  ", "\t", "\n", "\r", "\x1b[2J", "\x7f", "[CLS]", "é", "x y"]
    for parts in itertools.product(pieces, repeat=3):
        text = "".join(parts)
        if text.isascii():
            assert clean_line(text) == reference(text), repr(text)
    assert clean_line("Attention Is All You Need") == "Attention Is All You Need"
    assert clean_line(" two  spaces ") == "two spaces"
    assert re.fullmatch(r"[ -~]*", clean_line("tab\there\x1b]52;c;x\x07"))
