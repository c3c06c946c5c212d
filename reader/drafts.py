"""Note drafts: the note being typed in the app, kept on disk until it is saved.

The app's note editor writes its text here a moment after typing stops (and once
more when it is closed without saving), one file per paper, atomically and
readable by the user only (0600), in `<config>/note-drafts/` beside
`rescued-notes/`. A draft is removed once its note is saved in the library. A
draft still there when the app starts is from a run that ended before the note
was saved (a signal, a closed terminal, a crash, a power cut):
`restore_drafts` saves it into the library then, keeping both texts when the
note was changed elsewhere meanwhile (reader.notes), and removes it.

Never raises on a file system error: a draft that cannot be written only means
the last keystrokes are not kept beyond the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from reader.atomicfile import replace_file
from reader.errors import ReaderError
from reader.paths import config_dir

if TYPE_CHECKING:
    from reader.store import Library

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_DRAFT_BYTES = 8 * 1024 * 1024
"""A draft file larger than this is not one of ours (a note has a length limit)."""


@dataclass(frozen=True, slots=True)
class NoteDraft:
    paper_id: str
    text: str
    base: str
    """The note as stored when the editor opened (to merge a change made elsewhere)."""


def drafts_dir() -> Path:
    return config_dir() / "note-drafts"


def draft_path(paper_id: str) -> Path:
    """The draft file of `paper_id`: a readable part of the id, and a hash of all of it
    (two ids that differ only in punctuation get two files)."""
    digest = hashlib.sha256(paper_id.encode("utf-8", errors="replace")).hexdigest()[:12]
    return drafts_dir() / f"{_UNSAFE.sub('_', paper_id)[:60]}-{digest}.json"


def keep_draft(paper_id: str, text: str, base: str) -> Path | None:
    """Write (or replace) the draft of `paper_id`; its path, or None when it failed."""
    folder = drafts_dir()
    data = orjson.dumps({"paper_id": paper_id, "text": text, "base": base})
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = draft_path(paper_id)
        replace_file(path, data, private=True)
    except OSError:
        return None
    return path


def _read(path: Path) -> NoteDraft | None:
    try:
        if path.stat().st_size > MAX_DRAFT_BYTES:
            return None
        doc: Any = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(doc, dict):
        return None
    pid, text, base = doc.get("paper_id"), doc.get("text"), doc.get("base", "")
    if not (isinstance(pid, str) and isinstance(text, str) and isinstance(base, str)):
        return None
    return NoteDraft(pid, text, base)


def read_draft(paper_id: str) -> NoteDraft | None:
    draft = _read(draft_path(paper_id))
    return draft if draft is not None and draft.paper_id == paper_id else None


def all_drafts() -> list[NoteDraft]:
    """Every readable draft, oldest first."""
    try:
        paths = [p for p in drafts_dir().glob("*.json") if p.is_file()]
    except OSError:
        return []
    found: list[tuple[float, NoteDraft]] = []
    for path in paths:
        draft = _read(path)
        if draft is not None and path == draft_path(draft.paper_id):
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime, draft))
    return [draft for _, draft in sorted(found, key=lambda pair: pair[0])]


def discard_draft(paper_id: str, text: str | None = None) -> None:
    """Remove the draft of `paper_id`; with `text`, only when the draft holds that text
    (a newer draft, typed while this note was being saved, stays)."""
    path = draft_path(paper_id)
    if text is not None:
        draft = _read(path)
        if draft is None or draft.text.strip() != text.strip():
            return
    with contextlib.suppress(OSError):
        os.unlink(path)


def restore_drafts(lib: Library) -> list[str]:
    """Save every draft of a paper in `lib` as its note and remove the draft; the
    titles of the papers whose note changed. Drafts of papers not in `lib` (another
    library) stay; a draft whose note cannot be saved stays for the next start."""
    restored: list[str] = []
    for draft in all_drafts():
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
        discard_draft(draft.paper_id)
    return restored
