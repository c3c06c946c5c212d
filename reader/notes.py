"""Plain data: one note text out of several versions written on different machines.

Layer 1 (no I/O). A note edited on two machines before they synced must keep
both texts: the later version first, then each other version below a separator
line that names the machine and the time it was written. Used by the sync
merge (reader.store.mergeable) and by the app's editor when the note it holds
changed on disk meanwhile.

    combine_notes([NoteVersion(mine, "laptop", "2026-12-06T06:40:38Z"),
                   NoteVersion(theirs, "desktop", "2026-12-06T06:41:02Z")])

The result depends only on the set of versions (not their order): the merge
that uses it must give the same text whichever machine runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

SEPARATOR_MARK = "-------- also kept:"
"""How every separator line starts (tests and the editor may look for it)."""


@dataclass(frozen=True, slots=True)
class NoteVersion:
    """One version of a note: its text, the machine that wrote it, and when."""

    text: str
    device: str
    """A short machine name, e.g. `laptop-3f2a`."""
    at: str
    """When it was written: an ISO timestamp (UTC), or a sync stamp that starts with one."""


def separator(device: str, at: str) -> str:
    """The line put above a version that is not the latest."""
    when = at[:16].replace("T", " ") if len(at) >= 16 else at
    who = device or "another machine"
    return f"{SEPARATOR_MARK} the version from {who}, {when} UTC --------"


def _order(version: NoteVersion) -> tuple[str, str, str]:
    return (version.at, version.device, version.text)


def combine_notes(versions: list[NoteVersion]) -> str:
    """One text holding every version: the latest first, each other one below a
    separator naming its machine and time. A version whose text is empty or is
    contained in another version's text adds nothing and is left out (so a note
    appended to on one machine merges to the longer text, with no separator)."""
    ordered = sorted(versions, key=_order, reverse=True)
    kept: list[NoteVersion] = []
    for i, version in enumerate(ordered):
        text = version.text.strip()
        if not text:
            continue
        covered = False
        for j, other in enumerate(ordered):
            if j == i:
                continue
            other_text = other.text.strip()
            # equal texts: only the latest stays; a shorter text inside a longer one goes
            if (text == other_text and j < i) or (text != other_text and text in other_text):
                covered = True
                break
        if not covered:
            kept.append(version)
    if not kept:
        return ""
    parts = [kept[0].text.rstrip()]
    for version in kept[1:]:
        parts.append(separator(version.device, version.at))
        parts.append(version.text.rstrip())
    return "\n\n".join(parts)


def merge_two_notes(mine: NoteVersion, theirs: NoteVersion) -> str:
    """The note that keeps both texts (see combine_notes); equal texts give that text."""
    return combine_notes([mine, theirs])
