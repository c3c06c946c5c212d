"""The note merge (reader.notes): both texts kept, the later first, order-free."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.notes import SEPARATOR_MARK, NoteVersion, combine_notes, merge_two_notes

LAPTOP = NoteVersion("Read section 3 again.", "laptop-1a2b", "2026-12-06T06:40:38.000Z")
DESKTOP = NoteVersion("Compare with the baseline.", "desktop-9f", "2026-12-06T07:15:02.000Z")


def test_both_texts_kept_the_later_first_with_a_separator_naming_device_and_time() -> None:
    text = merge_two_notes(LAPTOP, DESKTOP)
    assert text.startswith("Compare with the baseline.")
    assert text.endswith("Read section 3 again.")
    line = next(ln for ln in text.splitlines() if ln.startswith(SEPARATOR_MARK))
    assert "laptop-1a2b" in line
    assert "2026-12-06 06:40" in line


def test_the_order_of_the_arguments_does_not_matter() -> None:
    assert merge_two_notes(LAPTOP, DESKTOP) == merge_two_notes(DESKTOP, LAPTOP)


def test_equal_texts_and_an_appended_text_give_one_text_without_separator() -> None:
    same = NoteVersion(LAPTOP.text, "desktop-9f", "2026-12-06T08:00:00.000Z")
    assert merge_two_notes(LAPTOP, same) == LAPTOP.text
    longer = NoteVersion(LAPTOP.text + "\nAnd section 4.", "desktop-9f", "2026-12-06T05:00:00Z")
    assert merge_two_notes(LAPTOP, longer) == longer.text


def test_an_empty_version_never_hides_the_other() -> None:
    cleared = NoteVersion("", "desktop-9f", "2026-12-06T09:00:00.000Z")
    assert merge_two_notes(LAPTOP, cleared) == LAPTOP.text
    assert combine_notes([]) == ""


words = st.text(alphabet="abcdefgh \n", min_size=0, max_size=12)
versions = st.builds(NoteVersion, words, st.sampled_from(["a", "b", "c"]),
                     st.sampled_from(["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"]))


@given(st.lists(versions, max_size=4), st.randoms())
def test_every_text_is_in_the_result_whatever_the_order(
        vs: list[NoteVersion], rnd: object) -> None:
    text = combine_notes(vs)
    for v in vs:
        assert v.text.strip() in text
    shuffled = list(vs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert combine_notes(shuffled) == text
