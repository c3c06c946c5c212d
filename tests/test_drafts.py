"""Note drafts on disk: one private file per paper, replaced whole, removed only when
the saved text is the draft's, restored into the library at the next start, and
pruned (typed text rescued first) once nothing can restore them."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from reader import draft_restore
from reader.draft_restore import ORPHAN_AGE, prune_drafts, restore_drafts
from reader.drafts import (
    all_drafts,
    discard_draft,
    draft_path,
    drafts_dir,
    keep_draft,
    read_draft,
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
    assert restore_drafts(lib).titles == ["A [bold] title"]
    assert lib.state(PID).note == "typed before the crash"
    assert read_draft(PID) is None
    assert restore_drafts(lib).titles == []


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
    assert restore_drafts(lib).titles == []
    assert read_draft(PID) is None
    assert read_draft("arxiv:elsewhere") is not None


def test_a_draft_of_another_library_is_never_restored_into_this_one(tmp_path: Path) -> None:
    lib = library()  # in memory
    other = tmp_path / "demo" / "library.json"
    keep_draft(PID, "typed in the demo", "", other)
    assert restore_drafts(lib).titles == []
    assert lib.state(PID).note == ""
    assert read_draft(PID, other) is not None and read_draft(PID) is None
    assert drafts_dir(other) != drafts_dir() and drafts_dir(other).parent == drafts_dir().parent


# pruning: a draft nothing can restore goes once old, its typed text rescued first ----
def _age(path: Path, days: float) -> None:
    when = time.time() - days * 24 * 3600
    os.utime(path, (when, when))


def _old_draft_of_a_gone_library(tmp_path: Path) -> tuple[Path, Path]:
    """(the library file that no longer exists, its paper's draft, 60 days old)."""
    gone = tmp_path / "gone.json"
    path = keep_draft(PID, "typed", "", gone)
    assert path is not None
    _age(path, 60)
    return gone, path


def _rescued() -> list[str]:
    folder = config_dir() / "rescued-notes"
    return sorted(p.read_text() for p in folder.iterdir()) if folder.exists() else []


def test_an_old_draft_of_a_deleted_paper_is_rescued_then_pruned() -> None:
    lib = library()
    old = keep_draft("arxiv:deleted", "typed, never saved", "")
    recent = keep_draft("arxiv:deleted-today", "typed this morning", "")
    assert old is not None and recent is not None
    _age(old, ORPHAN_AGE / 86400 + 1)
    assert restore_drafts(lib).titles == []  # the app's start (and exit) prunes
    assert not old.exists()
    [text] = _rescued()
    assert "arxiv:deleted" in text and "typed, never saved" in text
    assert recent.exists()  # its paper may come back (an undo, a sync)


def test_an_old_draft_of_a_library_that_is_gone_is_rescued_then_pruned(tmp_path: Path) -> None:
    lib = library()
    gone, kept = tmp_path / "demo" / "library.json", tmp_path / "kept.json"
    kept.write_text("[]")
    for where in (gone, kept):
        path = keep_draft(PID, f"typed in {where.name} {where.parent.name}", "", where)
        assert path is not None
        _age(path, 60)
    prune_drafts(lib)
    assert read_draft(PID, gone) is None and not drafts_dir(gone).exists()
    assert [t.endswith("typed in library.json demo\n") for t in _rescued()] == [True]
    assert read_draft(PID, kept) is not None  # its library restores it at its next start


def test_a_draft_with_nothing_typed_goes_without_a_rescue_file(tmp_path: Path) -> None:
    gone = tmp_path / "gone.json"
    path = keep_draft(PID, "the note as stored ", "the note as stored", gone)
    assert path is not None
    _age(path, 60)
    prune_drafts(library())
    assert not path.exists() and _rescued() == []


def test_a_draft_stays_when_it_cannot_be_rescued_or_its_library_is_unknown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone, _ = _old_draft_of_a_gone_library(tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr(draft_restore, "rescue_note", lambda *args, **kwargs: None)  # fails
        prune_drafts(library())
    assert read_draft(PID, gone) is not None  # not rescued: not pruned
    older = drafts_dir(gone) / draft_path("arxiv:older").name  # no library recorded
    older.write_bytes(b'{"paper_id": "arxiv:older", "text": "typed long ago", "base": ""}')
    _age(older, 400)
    prune_drafts(library())
    assert read_draft(PID, gone) is None and older.exists()


# a pruning cut short (the run ended, the draft could not be put back) loses nothing ----
def _claim(path: Path, pid: int = 999999) -> Path:
    """`path` as a pruning that never finished left it."""
    claimed = path.with_name(f"{path.name}.pruning-{pid}")
    os.rename(path, claimed)
    return claimed


def test_a_draft_left_claimed_by_a_pruning_cut_short_is_restored() -> None:
    lib = library()
    path = keep_draft(PID, "typed, then the pruning run was killed", "")
    assert path is not None
    claimed = _claim(path)
    assert restore_drafts(lib).titles == ["A [bold] title"]
    assert lib.state(PID).note == "typed, then the pruning run was killed"
    assert not claimed.exists() and not path.exists()


def test_a_claimed_draft_whose_place_is_taken_is_rescued_beside_the_newer_one(
        tmp_path: Path) -> None:
    gone = tmp_path / "gone.json"
    path = keep_draft(PID, "the older text", "", gone)
    assert path is not None
    claimed = _claim(path)
    keep_draft(PID, "typed later", "", gone)
    rescued = prune_drafts(library())
    assert not claimed.exists()
    assert [p.read_text().endswith("the older text\n") for p in rescued] == [True]
    assert [t.endswith("the older text\n") for t in _rescued()] == [True]
    draft = read_draft(PID, gone)
    assert draft is not None and draft.text == "typed later"  # recent: stays


def test_without_hard_links_a_draft_that_cannot_be_rescued_is_put_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone, path = _old_draft_of_a_gone_library(tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr(draft_restore, "rescue_note", lambda *args, **kwargs: None)  # fails

        def no_hard_links(*args: object, **kwargs: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        patched.setattr(os, "link", no_hard_links)
        assert prune_drafts(library()) == []
    draft = read_draft(PID, gone)
    assert draft is not None and draft.text == "typed"
    assert path.stat().st_mtime < time.time() - 59 * 86400  # still old: pruned next time
    assert [p.name for p in drafts_dir(gone).iterdir()] == [path.name]
    assert restore_drafts(library()).rescued != []  # rescued once it can be


def test_restore_reports_the_rescue_files_in_one_line() -> None:
    lib = library()
    paths = [keep_draft(f"arxiv:deleted-{n}", f"text {n}", "") for n in range(2)]
    for path in paths:
        assert path is not None
        _age(path, 60)
    restored = restore_drafts(lib)
    assert len(restored.rescued) == 2 and all(p.exists() for p in restored.rescued)
    notice = restored.rescue_notice()
    assert notice.startswith("2 unsaved notes of papers no longer in a library were kept in ")
    assert notice.endswith("rescued-notes") and "\n" not in notice


def test_a_claimed_draft_rescued_at_restore_is_reported() -> None:
    lib = library()
    path = keep_draft(PID, "the older text", "")
    assert path is not None
    _claim(path)
    keep_draft(PID, "typed later", "")
    restored = restore_drafts(lib)
    assert restored.titles == ["A [bold] title"] and lib.state(PID).note == "typed later"
    assert [p.read_text().endswith("the older text\n") for p in restored.rescued] == [True]
