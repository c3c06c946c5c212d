"""Note drafts: the note being typed in the app, kept on disk until it is saved.

The app's note editor writes its text here a moment after typing stops (and once
more when it is closed without saving), one file per paper, atomically and
readable by the user only (0600), in `<config>/note-drafts/<library>/` beside
`rescued-notes/`. A draft is removed once its note is saved in the library. A
draft still there when the app starts is from a run that ended before the note
was saved (a signal, a closed terminal, a crash, a power cut):
reader.draft_restore saves it into the library then, or prunes it (its text
rescued) once nothing can restore it. Each draft records its library's path for
this.

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
from typing import Any

import orjson

from reader.atomicfile import replace_file
from reader.paths import config_dir

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


def load_document(path: Path) -> dict[str, Any] | None:
    """The draft file's document; None when it is not one."""
    try:
        if path.stat().st_size > MAX_DRAFT_BYTES:
            return None
        doc: Any = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return doc if isinstance(doc, dict) else None


def draft_from(doc: dict[str, Any] | None) -> NoteDraft | None:
    if doc is None:
        return None
    pid, text, base = doc.get("paper_id"), doc.get("text"), doc.get("base", "")
    if not (isinstance(pid, str) and isinstance(text, str) and isinstance(base, str)):
        return None
    return NoteDraft(pid, text, base)


def read_draft_file(path: Path) -> NoteDraft | None:
    return draft_from(load_document(path))


def read_draft(paper_id: str, library: Path | None = None) -> NoteDraft | None:
    draft = read_draft_file(draft_path(paper_id, library))
    return draft if draft is not None and draft.paper_id == paper_id else None


def all_drafts(library: Path | None = None) -> list[NoteDraft]:
    """Every readable draft of the library, oldest first."""
    try:
        paths = [p for p in drafts_dir(library).glob("*.json") if p.is_file()]
    except OSError:
        return []
    found: list[tuple[float, NoteDraft]] = []
    for path in paths:
        draft = read_draft_file(path)
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
        draft = read_draft_file(path)
        if draft is None or draft.text.strip() != text.strip():
            return
    with contextlib.suppress(OSError):
        os.unlink(path)
