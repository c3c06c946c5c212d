"""What a git merge changed in the library: two snapshots of its files, compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.errors import ReaderError
from reader.store import mergeable
from reader.store.files import LibraryFiles
from reader.store.merging import MergeReport
from reader.store.other_copy import read_library_file
from reader.store.schema import CATALOGUE, PAPERS_TABLE, STATE, STATE_TABLE


@dataclass(slots=True)
class LibrarySnapshot:
    papers: set[str] = field(default_factory=set)
    states: dict[str, Any] = field(default_factory=dict)
    """paper id -> its state document."""

    @classmethod
    def read(cls, files: LibraryFiles) -> LibrarySnapshot:
        """The library's files as they are (missing or unreadable files count as empty)."""
        snap = cls()
        for path, kind in ((files.catalogue, CATALOGUE), (files.state, STATE)):
            if not path.exists():
                continue
            try:
                _, data = read_library_file(path)
            except ReaderError:
                continue
            if kind == CATALOGUE:
                snap.papers = {d.get("id") for d in data[PAPERS_TABLE].values()}
            else:
                snap.states = {d["paper_id"]: d for d in data[STATE_TABLE].values()}
        return snap

    def summary(self) -> str:
        return f"{len(self.papers)} papers, {len(self.states)} with reading state"

    def compared_to(self, before: LibrarySnapshot) -> str:
        """'N papers changed, M note conflicts kept' from `before` to this snapshot."""
        report = MergeReport(STATE)
        changed = self.papers - before.papers
        for pid, doc in self.states.items():
            old = before.states.get(pid)
            if old == doc:
                continue
            changed.add(pid)
            meta = mergeable.meta_of(doc)
            if mergeable.note_conflict(meta) and (
                    old is None or mergeable.meta_of(old)["note"] != meta["note"]):
                report.note_conflicts += 1
        report.papers_changed = len(changed)
        return report.describe()
