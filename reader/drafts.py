"""Note drafts: the note being typed in the app, kept on disk until it is saved.

The app's note editor writes its text here a moment after typing stops (and once
more when it is closed without saving), one file per paper, atomically and
readable by the user only (0600), in `<config>/note-drafts/<library>/` beside
`rescued-notes/`. A draft is removed once its note is saved in the library. A
draft still there when the app starts is from a run that ended before the note
was saved (a signal, a closed terminal, a crash, a power cut):
`restore_drafts` saves it into the library then, keeping both texts when the
note was changed elsewhere meanwhile (reader.notes), and removes it.

A draft nothing can restore any more (its paper is no longer in the library, or
its library file is gone: a past demo copy, a library moved away) is pruned by
`prune_drafts` once its last keystroke is `ORPHAN_AGE` old: the text typed is
written to `<config>/rescued-notes/` first (reader.rescue), and a draft that
cannot be rescued stays. Each draft records its library's path for this; one
written before that (no path recorded) of another library is left alone.

Never raises on a file system error: a draft that cannot be written only means
the last keystrokes are not kept beyond the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from reader.atomicfile import replace_file
from reader.errors import ReaderError
from reader.paths import config_dir
from reader.rescue import rescue_note

if TYPE_CHECKING:
    from reader.store import Library

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_DRAFT_BYTES = 8 * 1024 * 1024
"""A draft file larger than this is not one of ours (a note has a length limit)."""
ORPHAN_AGE = 28 * 24 * 3600.0
"""Seconds after its last keystroke before a draft nothing can restore is pruned."""


@dataclass(frozen=True, slots=True)
class NoteDraft:
    paper_id: str
    text: str
    base: str
    """The note as stored when the editor opened (to merge a change made elsewhere)."""


def _digest(text: str, size: int) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="replace")).hexdigest()[:size]


def drafts_dir(library: Path | None = None) -> Path:
    """The drafts of the library at `library` (None: one in memory). Kept apart per
    library: a paper id may be in several (the demo's, another `--db`), and a note
    typed in one must never land in another."""
    tag = "in-memory" if library is None else _digest(os.path.realpath(library), 16)
    return config_dir() / "note-drafts" / tag


def draft_path(paper_id: str, library: Path | None = None) -> Path:
    """The draft file of `paper_id`: a readable part of the id, and a hash of all of it
    (two ids that differ only in punctuation get two files)."""
    name = f"{_UNSAFE.sub('_', paper_id)[:60]}-{_digest(paper_id, 12)}.json"
    return drafts_dir(library) / name


def keep_draft(paper_id: str, text: str, base: str,
               library: Path | None = None) -> Path | None:
    """Write (or replace) the draft of `paper_id`; its path, or None when it failed."""
    folder = drafts_dir(library)
    where = None if library is None else os.path.realpath(library)
    data = orjson.dumps({"paper_id": paper_id, "text": text, "base": base, "library": where})
    try:
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
        path = draft_path(paper_id, library)
        replace_file(path, data, private=True)
    except OSError:
        return None
    return path


def _load(path: Path) -> dict[str, Any] | None:
    """The draft file's document; None when it is not one."""
    try:
        if path.stat().st_size > MAX_DRAFT_BYTES:
            return None
        doc: Any = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return doc if isinstance(doc, dict) else None


def _draft(doc: dict[str, Any] | None) -> NoteDraft | None:
    if doc is None:
        return None
    pid, text, base = doc.get("paper_id"), doc.get("text"), doc.get("base", "")
    if not (isinstance(pid, str) and isinstance(text, str) and isinstance(base, str)):
        return None
    return NoteDraft(pid, text, base)


def _read(path: Path) -> NoteDraft | None:
    return _draft(_load(path))


def read_draft(paper_id: str, library: Path | None = None) -> NoteDraft | None:
    draft = _read(draft_path(paper_id, library))
    return draft if draft is not None and draft.paper_id == paper_id else None


def all_drafts(library: Path | None = None) -> list[NoteDraft]:
    """Every readable draft of the library, oldest first."""
    try:
        paths = [p for p in drafts_dir(library).glob("*.json") if p.is_file()]
    except OSError:
        return []
    found: list[tuple[float, NoteDraft]] = []
    for path in paths:
        draft = _read(path)
        if draft is not None and path == draft_path(draft.paper_id, library):
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime, draft))
    return [draft for _, draft in sorted(found, key=lambda pair: pair[0])]


def discard_draft(paper_id: str, text: str | None = None,
                  library: Path | None = None) -> None:
    """Remove the draft of `paper_id`; with `text`, only when the draft holds that text
    (a newer draft, typed while this note was being saved, stays)."""
    path = draft_path(paper_id, library)
    if text is not None:
        draft = _read(path)
        if draft is None or draft.text.strip() != text.strip():
            return
    with contextlib.suppress(OSError):
        os.unlink(path)


def restore_drafts(lib: Library) -> list[str]:
    """Save every draft of `lib` as its paper's note and remove the draft; the titles
    of the papers whose note changed. A draft of a paper no longer in `lib` stays, as
    does one whose note cannot be saved (for the next start), until pruned."""
    restored: list[str] = []
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
    prune_drafts(lib)
    return restored


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
        try:
            paths = list(folder.glob("*.json"))
        except OSError:
            continue
        for path in paths:
            with contextlib.suppress(OSError):
                if path.stat().st_mtime > cutoff:
                    continue  # recent: its library may be open somewhere
                doc = _load(path)
                draft = _draft(doc)
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
    claimed = path.with_name(f"{path.name}.pruning-{os.getpid()}")
    try:  # moved aside first: a draft written anew meanwhile is a new file
        os.rename(path, claimed)
        draft = _read(claimed)
        fresh = claimed.stat().st_mtime > cutoff
    except OSError:
        return None
    if draft is None or fresh:
        _put_back(claimed, path)
        return None
    out = None
    if draft.text.strip() not in ("", draft.base.strip()):  # text was typed
        out = rescue_note(draft.paper_id, draft.text,
                          why="Reader found this unsaved note of {id} in a draft no "
                              "library can take back any more.")
        if out is None or out.parent != _rescued_notes():  # a temporary folder is
            _put_back(claimed, path)  # emptied some day: only there is it kept
            return None
    with contextlib.suppress(OSError):
        os.unlink(claimed)
    return out


def _rescued_notes() -> Path:
    return config_dir() / "rescued-notes"


def _put_back(claimed: Path, path: Path) -> None:
    """The claimed draft back in its place, unless a newer one is there now."""
    with contextlib.suppress(OSError):
        os.link(claimed, path)
        os.unlink(claimed)
