"""What the app's start (and exit) does with the note drafts the last runs left.

`restore_drafts` saves each draft of the open library into it, keeping both texts
when the note was changed elsewhere meanwhile (reader.notes), and removes it.

A draft nothing can restore any more (its paper is no longer in the library, or
its library file is gone: a past demo copy, a library moved away) is pruned by
`prune_drafts` once its last keystroke is `ORPHAN_AGE` old: the text typed is
written to `<config>/rescued-notes/` first (reader.rescue), and a draft that
cannot be rescued stays. One written before drafts recorded their library (no
path recorded) of another library is left alone.

A draft being pruned is first renamed aside (a claim), so that a draft written
anew meanwhile is a new file. A claim a run left behind (it ended before it was
done, or the draft could not be put back) is taken up again at the next start:
put back in its place when that is free, else rescued. Never raises.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reader.drafts import (
    ORPHAN_AGE,
    NoteDraft,
    all_drafts,
    discard_draft,
    draft_from,
    draft_path,
    drafts_dir,
    load_document,
    read_draft_file,
)
from reader.errors import ReaderError
from reader.paths import config_dir
from reader.rescue import rescue_note

if TYPE_CHECKING:
    from reader.store import Library


@dataclass(frozen=True, slots=True)
class Restored:
    """What `restore_drafts` did with the drafts the last runs left."""

    titles: list[str]
    """The papers whose note changed (their title, else their id)."""
    rescued: list[Path]
    """Rescue files written for drafts no library can take back any more."""

    def rescue_notice(self) -> str:
        """One line telling where the rescued notes are."""
        count = len(self.rescued)
        folder = str(self.rescued[0].parent) if self.rescued else str(_rescued_notes())
        with contextlib.suppress(RuntimeError):  # no home folder known
            home = str(Path.home())
            if folder.startswith(home + os.sep):
                folder = "~" + folder[len(home):]
        notes = "1 unsaved note" if count == 1 else f"{count} unsaved notes"
        return (f"{notes} of papers no longer in a library "
                f"{'was' if count == 1 else 'were'} kept in {folder}")


def restore_drafts(lib: Library) -> Restored:
    """Save every draft of `lib` as its paper's note and remove the draft, then prune
    (`prune_drafts`). A draft of a paper no longer in `lib` stays, as does one whose
    note cannot be saved (for the next start), until pruned."""
    restored: list[str] = []
    rescued = _recover_claims(drafts_dir(lib.path))  # before reading the drafts
    for draft in all_drafts(lib.path):
        try:
            entry = lib.entry(draft.paper_id)
        except ReaderError:  # not in this library
            continue
        if draft.text.strip() != entry.state.note.strip():
            try:
                lib.set_note(draft.paper_id, draft.text, draft.base)
            except ReaderError:
                continue
            restored.append(entry.paper.title or draft.paper_id)
        discard_draft(draft.paper_id, library=lib.path)
    return Restored(restored, rescued + prune_drafts(lib))


def prune_drafts(lib: Library, *, now: float | None = None) -> list[Path]:
    """Prune the drafts nothing can restore any more whose last keystroke is
    `ORPHAN_AGE` old: those of papers no longer in `lib`, and those of other
    libraries whose file is gone (or that lived in memory). Text that was typed
    (not empty, not the note as it was stored) is rescued first; the rescue files
    written. Never raises."""
    cutoff = (time.time() if now is None else now) - ORPHAN_AGE
    mine = drafts_dir(lib.path)
    rescued: list[Path] = []
    try:
        folders = [f for f in (config_dir() / "note-drafts").iterdir() if f.is_dir()]
    except OSError:
        return rescued
    for folder in folders:
        rescued += _recover_claims(folder)
        try:
            paths = list(folder.glob("*.json"))
        except OSError:
            continue
        for path in paths:
            with contextlib.suppress(OSError):
                if path.stat().st_mtime > cutoff:
                    continue  # recent: its library may be open somewhere
                doc = load_document(path)
                draft = draft_from(doc)
                if doc is None or draft is None or path.name != draft_path(draft.paper_id).name:
                    continue  # not one of ours
                if (folder == mine and _unknown_paper(lib, draft)) or (
                        folder != mine and _library_gone(doc, folder)):
                    kept = _drop(path, cutoff)
                    if kept is not None:
                        rescued.append(kept)
        if folder != mine:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
    return rescued


def _unknown_paper(lib: Library, draft: NoteDraft) -> bool:
    try:
        lib.entry(draft.paper_id)
    except ReaderError:
        return True
    return False


def _library_gone(doc: dict[str, Any], folder: Path) -> bool:
    """Whether the library the draft was typed for is gone (None: it lived in
    memory); False when the draft does not say which library (an older draft)."""
    if "library" not in doc:
        return False
    where = doc["library"]
    if where is None:
        return folder.name == "in-memory"
    if not isinstance(where, str) or drafts_dir(Path(where)) != folder:
        return False
    return not os.path.exists(where)


def _drop(path: Path, cutoff: float) -> Path | None:
    """Remove an orphan draft, its typed text rescued first; the rescue file."""
    claimed = path.with_name(f"{path.name}{_CLAIM}{os.getpid()}")
    try:  # moved aside first: a draft written anew meanwhile is a new file
        os.rename(path, claimed)
        draft = read_draft_file(claimed)
        fresh = claimed.stat().st_mtime > cutoff
    except OSError:
        return None
    if draft is None or fresh:
        return _put_back(claimed, path)
    out = _rescue(draft)
    if out is False:
        return _put_back(claimed, path)
    with contextlib.suppress(OSError):
        os.unlink(claimed)
    return out


_CLAIM = ".pruning-"
"""A draft being pruned is renamed `<draft>.pruning-<pid>` first."""


def _rescue(draft: NoteDraft) -> Path | Literal[False] | None:
    """The typed text of `draft` written to `rescued-notes/`: the rescue file, None
    when nothing was typed (empty, or the note as it was stored), False when it
    could not be kept there (a temporary folder is emptied some day)."""
    if draft.text.strip() in ("", draft.base.strip()):
        return None
    out = rescue_note(draft.paper_id, draft.text,
                      why="Reader found this unsaved note of {id} in a draft no "
                          "library can take back any more.")
    return out if out is not None and out.parent == _rescued_notes() else False


def _rescued_notes() -> Path:
    return config_dir() / "rescued-notes"


def _recover_claims(folder: Path) -> list[Path]:
    """Drafts a pruning left claimed (the run ended before it was done, or the
    draft could not be put back): back in their place, or rescued; the rescue
    files. A claim another run is pruning right now may be handled twice: its
    text is then kept twice, never lost."""
    rescued: list[Path] = []
    try:
        claims = [p for p in folder.glob(f"*.json{_CLAIM}*") if p.is_file()]
    except OSError:
        return rescued
    for claimed in claims:
        out = _put_back(claimed, claimed.with_name(claimed.name.split(_CLAIM)[0]))
        if out is not None:
            rescued.append(out)
    return rescued


def _put_back(claimed: Path, path: Path) -> Path | None:
    """The claimed draft back in its place. When a newer draft is there now, its
    typed text is rescued instead; the rescue file. It stays claimed (for the next
    start) only when neither can be done."""
    try:
        os.link(claimed, path)
        placed = True
    except FileExistsError:
        placed = False
    except OSError:  # no hard links here: an exclusive copy never replaces a newer one
        placed = _copy_new(claimed, path)
        if not placed and not path.exists():
            return None
    if not placed:
        draft = read_draft_file(claimed)
        out = None if draft is None else _rescue(draft)
        if draft is None or out is False:
            return None
        _unlink(claimed)
        return out
    _unlink(claimed)
    return None


def _copy_new(source: Path, target: Path) -> bool:
    """Copy `source` to `target` (0600, synced, same times) when `target` does not
    exist; whether it was copied."""
    try:
        data, times = source.read_bytes(), source.stat()
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))
    except OSError:
        _unlink(target)
        return False
    return True


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
