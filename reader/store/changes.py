"""Pure logic of the reading-state changes: each mutation and what it says.

No I/O: Library runs these inside its locked transaction and persists the result.
A mutation edits a (copied) ReadingState in place and returns the description
the CLI prints and the app toasts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reader.errors import ReaderError
from reader.model import HistoryEntry, Paper, ReadingState, Status
from reader.notes import NoteVersion, merge_two_notes
from reader.store.records import LIMITS, clean_tags
from reader.text import sanitize

Mutation = Callable[[ReadingState, str], str]
"""(state to edit, ISO time now) -> description of what changed."""


@dataclass(slots=True)
class Change:
    """One persisted change, as the CLI prints it and the app toasts it."""

    paper_id: str
    description: str
    """e.g. 'status: new → read', 'rating: 4', 'tags: +ml', 'note saved'; for a
    change to several papers, what it did to them all ('status → read: 12 papers')."""
    before: ReadingState
    after: ReadingState
    others: list[Change] = field(default_factory=list)
    """The other papers of one change made to several (same transaction, one undo)."""
    paper: Paper | None = None
    """The paper itself when it came back into the library (undo of a deletion)."""
    deleted: bool = False
    """The paper left the library (a deletion, or the redo of one)."""

    @property
    def each(self) -> list[Change]:
        """This paper's change and the others'."""
        return [self, *self.others]


def set_status(status: Status) -> Mutation:
    def apply(state: ReadingState, now: str) -> str:
        old = state.status
        if old is status:
            return f"status: {status.value} (unchanged)"
        state.status = status
        state.history.append(HistoryEntry(at=now, status=status, previous=old))
        if status is not Status.TO_READ:
            state.queue_pos = None
        return f"status: {old.value} → {status.value}"
    return apply


def set_rating(rating: int | None) -> Mutation:
    if rating is not None and not 1 <= int(rating) <= 5:
        raise ReaderError(f"rating must be 1 to 5 (or none), not {rating!r}")

    def apply(state: ReadingState, _: str) -> str:
        state.rating = int(rating) if rating else None
        return f"rating: {state.rating}" if state.rating else "rating cleared"
    return apply


def add_tags(tags: Iterable[str]) -> Mutation:
    wanted = clean_tags(tags)
    if not wanted:
        raise ReaderError("no tag given (tags need at least one letter or digit)")

    def apply(state: ReadingState, _: str) -> str:
        added = [t for t in wanted if t not in state.tags]
        state.tags.extend(added)
        if not added:
            return "tags: unchanged (already " + ", ".join(wanted) + ")"
        return "tags: " + " ".join(f"+{t}" for t in added)
    return apply


def remove_tags(tags: Iterable[str]) -> Mutation:
    unwanted = clean_tags(tags)

    def apply(state: ReadingState, _: str) -> str:
        removed = [t for t in unwanted if t in state.tags]
        state.tags = [t for t in state.tags if t not in removed]
        if not removed:
            return "tags: unchanged (no tag " + ", ".join(unwanted) + ")"
        return "tags: " + " ".join(f"-{t}" for t in removed)
    return apply


ELSEWHERE = "another window or command (while this note was open)"
"""Who wrote the other text of a merged note, as its separator line says."""


def set_note(note: str, base: str | None = None) -> Mutation:
    """Set the note. `base` is the note as the editor showed it when it opened: when
    the stored note is another text by now (a `reader note` in another terminal),
    neither text is dropped: both are kept, this one first (reader.notes). A note
    longer than LIMITS["note"] is refused (never cut: it is the user's text)."""
    if len(note) > LIMITS["note"]:
        raise ReaderError(f"the note is too long ({len(note):,} characters; the limit is "
                          f"{LIMITS['note']:,}); nothing was changed")
    text = sanitize(note).rstrip()
    opened = sanitize(base).strip() if base is not None else None

    def apply(state: ReadingState, now: str) -> str:
        stored = state.note.strip()
        if opened is not None and stored and stored not in (opened, text.strip()):
            merged = merge_two_notes(NoteVersion(text, "this editor", now),
                                     NoteVersion(state.note, ELSEWHERE,
                                                 state.updated_at or now))
            state.note = merged
            return (f"note merged: it was changed elsewhere while you edited it, both texts "
                    f"were kept ({len(merged)} characters)")
        if state.note == text:
            return "note unchanged"
        state.note = text
        return f"note saved ({len(text)} characters)" if text else "note cleared"
    return apply


def batch_summary(what: str, changed: int, total: int) -> str:
    """'status → read: 12 papers' (and how many already were)."""
    text = f"{what}: {changed} paper{'s' if changed != 1 else ''}"
    if changed != total:
        text += f" ({total - changed} unchanged)"
    return text


def describe_restore(done: list[Change]) -> str:
    """What an undo brought back, in the words of the restored state:
    'undone: status back to new', 'undone: the previous note is back (120 characters)'."""
    first = done[0]
    now, restored = first.before, first.after
    parts: list[str] = []
    if now.status != restored.status:
        parts.append(f"status back to {restored.status.value}")
    if now.rating != restored.rating:
        parts.append(f"rating back to {restored.rating}" if restored.rating
                     else "rating removed again")
    if now.tags != restored.tags:
        tags = " ".join("#" + t for t in restored.tags)
        parts.append(f"tags back to {tags}" if tags else "tags removed again")
    if now.note != restored.note:
        parts.append(f"the previous note is back ({len(restored.note)} characters)"
                     if restored.note else "the note is empty again")
    if now.queue_pos != restored.queue_pos and not parts:
        parts.append("queue place restored")
    text = "undone: " + ("; ".join(parts) or "nothing had changed")
    if len(done) > 1:
        text += f" (on {len(done)} papers)"
    return text


def append_note(text: str) -> Mutation:
    """Add `text` after the note (a blank line between them)."""
    added = sanitize(text).strip("\n").rstrip()

    def apply(state: ReadingState, _: str) -> str:
        if not added:
            return "note unchanged"
        old = state.note.rstrip()
        state.note = f"{old}\n\n{added}" if old else added
        return f"note: {len(added)} characters added"
    return apply
