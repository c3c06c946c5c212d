"""Library.set_note with the note as the editor first saw it (`base`)."""

from __future__ import annotations

from reader.model import Paper
from reader.store import Library


def _lib() -> Library:
    lib = Library.open(None)
    lib.add_papers([Paper(id="x:1", title="A paper")])
    return lib


def test_a_note_changed_since_the_editor_opened_is_merged_never_dropped() -> None:
    lib = _lib()
    lib.set_note("x:1", "first")
    lib.set_note("x:1", "written elsewhere")  # another process, after the editor opened
    change = lib.set_note("x:1", "first, then edited", base="first")
    assert change.description.startswith("note merged")
    assert change.after.note.startswith("first, then edited")
    assert "written elsewhere" in change.after.note
    assert lib.state("x:1").note == change.after.note


def test_no_merge_when_nothing_changed_elsewhere_or_the_texts_agree() -> None:
    lib = _lib()
    lib.set_note("x:1", "first")
    assert lib.set_note("x:1", "second", base="first").after.note == "second"
    assert lib.set_note("x:1", "third", base=None).after.note == "third"
    lib.set_note("x:1", "same")
    assert lib.set_note("x:1", "same", base="old").description == "note unchanged"
