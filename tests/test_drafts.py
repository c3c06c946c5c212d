"""Note drafts on disk: one private file per paper, replaced whole, removed only when
the saved text is the draft's, restored into the library at the next start."""

from __future__ import annotations

import stat
from pathlib import Path

from reader.drafts import (
    all_drafts,
    discard_draft,
    draft_path,
    drafts_dir,
    keep_draft,
    read_draft,
    restore_drafts,
)
from reader.model import Paper
from reader.paths import config_dir
from reader.store import Library

PID = "arxiv:2401.00001"


def library() -> Library:
    lib = Library.open(None)
    lib.add_papers([Paper(id=PID, title="A [bold] title"), Paper(id="arxiv:2", title="Two")])
    return lib


def test_a_draft_is_private_beside_the_rescued_notes() -> None:
    path = keep_draft(PID, "half a thought", "")
    assert path == draft_path(PID) and path.parent == drafts_dir()
    assert drafts_dir().parent.parent == config_dir()  # where rescued-notes/ is too
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(drafts_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(drafts_dir().parent.stat().st_mode) == 0o700
    draft = read_draft(PID)
    assert draft is not None and draft.text == "half a thought"
    keep_draft(PID, "a whole thought", "")  # replaced, one file per paper
    assert [d.text for d in all_drafts()] == ["a whole thought"]
    assert [p.name for p in drafts_dir().iterdir()] == [path.name]  # no temporary file left


def test_ids_that_differ_only_in_punctuation_get_two_files() -> None:
    assert draft_path("doi:10.1/a:b") != draft_path("doi:10.1/a_b")


def test_a_draft_goes_only_when_its_own_text_was_saved() -> None:
    keep_draft(PID, "newer text typed meanwhile", "")
    discard_draft(PID, "older text being saved")
    assert read_draft(PID) is not None
    discard_draft(PID, "newer text typed meanwhile")
    assert read_draft(PID) is None


def test_damaged_or_foreign_files_are_ignored() -> None:
    drafts_dir().mkdir(parents=True)
    (drafts_dir() / "junk.json").write_bytes(b"{not json")
    (drafts_dir() / "list.json").write_bytes(b"[1, 2]")
    assert all_drafts() == []


def test_restore_saves_the_note_and_removes_the_draft() -> None:
    lib = library()
    keep_draft(PID, "typed before the crash", "")
    assert restore_drafts(lib) == ["A [bold] title"]
    assert lib.state(PID).note == "typed before the crash"
    assert read_draft(PID) is None
    assert restore_drafts(lib) == []


def test_restore_keeps_a_note_changed_elsewhere_meanwhile() -> None:
    lib = library()
    lib.set_note(PID, "the old note")
    keep_draft(PID, "the old note, edited", "the old note")
    lib.set_note(PID, "written in another terminal")
    restore_drafts(lib)
    note = lib.state(PID).note
    assert "the old note, edited" in note and "written in another terminal" in note


def test_a_draft_already_saved_goes_silently_and_another_library_s_stays() -> None:
    lib = library()
    lib.set_note(PID, "same text")
    keep_draft(PID, "same text", "")
    keep_draft("arxiv:elsewhere", "a note for a paper of another library", "")
    assert restore_drafts(lib) == []
    assert read_draft(PID) is None
    assert read_draft("arxiv:elsewhere") is not None


def test_a_draft_of_another_library_is_never_restored_into_this_one(tmp_path: Path) -> None:
    lib = library()  # in memory
    other = tmp_path / "demo" / "library.json"
    keep_draft(PID, "typed in the demo", "", other)
    assert restore_drafts(lib) == []
    assert lib.state(PID).note == ""
    assert read_draft(PID, other) is not None and read_draft(PID) is None
    assert drafts_dir(other) != drafts_dir() and drafts_dir(other).parent == drafts_dir().parent
