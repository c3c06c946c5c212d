"""Merging another copy of a library file into this one: the reading state field by
field (mergeable.py), the catalogue as a union of papers.

`merge_data(kind, ours, theirs)` is pure (two parsed files -> one, plus a report;
other_copy.py reads and checks the other file);
the Library method `merge_file` applies it under the library's lock, and
`merge_into(ours_path, theirs_path)` rewrites a file in place (git's merge driver).

Catalogue: papers only in the other copy are added after ours, in their order;
a paper in both keeps its id and its values, and gains the fields it lacks
(ids never change, nothing is overwritten). Saved searches: per name, the later
of saved and deleted wins (mergeable_searches.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.table import Table

from reader.errors import StoreError
from reader.gcutil import gc_paused
from reader.ids import paper_id
from reader.model import ReadingState
from reader.store import mergeable, mergeable_searches, records, schema, validate
from reader.store.catalogue_merge import merge_catalogue_data, plan_catalogue, unique_keys
from reader.store.fileio import Data, check_writable, dump_chunks, write_atomic
from reader.store.importing import ImportingLibrary
from reader.store.other_copy import checked_state, read_library_file


@dataclass(slots=True)
class MergeReport:
    kind: str
    """schema.STATE or schema.CATALOGUE: which file was merged."""
    papers_changed: int = 0
    note_conflicts: int = 0
    """Papers whose note now keeps versions written apart (both texts)."""
    searches_changed: int = 0
    changed_ids: list[str] = field(default_factory=list)
    """The papers whose state document the merge changed or added."""

    def describe(self) -> str:
        """e.g. '3 papers changed, 1 note conflict kept'."""
        notes = self.note_conflicts
        papers = self.papers_changed
        return (f"{papers} paper{'s' if papers != 1 else ''} changed, "
                f"{notes} note conflict{'s' if notes != 1 else ''} kept")

    def add(self, other: MergeReport) -> None:
        self.papers_changed += other.papers_changed
        self.note_conflicts += other.note_conflicts
        self.searches_changed += other.searches_changed


# --- the pure merges ----------------------------------------------------------------------

def _by_paper(table: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {doc["paper_id"]: (doc_id, doc) for doc_id, doc in table.items()}


def merge_states(ours: Data, theirs: Data) -> tuple[Data, MergeReport]:
    """The state file holding both (neither input is changed)."""
    with gc_paused():  # thousands of new documents: no collection walks them meanwhile
        return _merge_states(ours, theirs)


def _merge_states(ours: Data, theirs: Data) -> tuple[Data, MergeReport]:
    report = MergeReport(schema.STATE)
    mine = ours.get(schema.STATE_TABLE) or {}
    other = _by_paper(theirs.get(schema.STATE_TABLE) or {})
    table: dict[str, Any] = {}
    seen: set[str] = set()
    for doc_id, doc in mine.items():
        pid = doc.get("paper_id") if isinstance(doc, dict) else None
        if not isinstance(pid, str):
            table[doc_id] = doc  # invalid: skipped when read, kept as it is
            continue
        seen.add(pid)
        got = other.get(pid)
        if got is None or got[1] == doc or validate.state_problems(doc):
            table[doc_id] = doc  # (an invalid one was skipped when read: kept as it is)
            continue
        merged = mergeable.merge_docs(doc, checked_state(got[1]))
        if merged != doc:
            report.papers_changed += 1
            report.changed_ids.append(pid)
            meta = merged["sync"]
            if mergeable.note_conflict(meta) and meta["note"] != mergeable.meta_of(doc)["note"]:
                report.note_conflicts += 1
        table[doc_id] = merged
    next_id = max((int(k) for k in mine if k.isdigit()), default=0) + 1
    for pid, (_, doc) in other.items():
        if pid not in seen:
            table[str(next_id)] = dict(checked_state(doc))  # TinyDB updates documents in place
            next_id += 1
            report.papers_changed += 1
            report.changed_ids.append(pid)
            if mergeable.note_conflict(mergeable.meta_of(doc)):
                report.note_conflicts += 1
    out: Data = {schema.META: {"1": schema.meta_doc(schema.STATE)}, schema.STATE_TABLE: table}
    out[schema.SEARCHES_TABLE], report.searches_changed = mergeable_searches.merge_tables(
        ours.get(schema.SEARCHES_TABLE) or {}, theirs.get(schema.SEARCHES_TABLE) or {})
    return out, report


def merge_catalogues(ours: Data, theirs: Data) -> tuple[Data, MergeReport]:
    """The catalogue holding both (catalogue_merge.py)."""
    merged, changed = merge_catalogue_data(ours, theirs)
    return merged, MergeReport(schema.CATALOGUE, papers_changed=changed)


def merge_data(kind: str, ours: Data, theirs: Data) -> tuple[Data, MergeReport]:
    if kind == schema.STATE:
        return merge_states(ours, theirs)
    return merge_catalogues(ours, theirs)


def merge_into(ours_path: Path, theirs_path: Path) -> MergeReport:
    """Merge the file at `theirs_path` into the file at `ours_path`, replacing it
    atomically (used by git's merge driver: both are git's temporary files). An
    empty or missing `ours_path` takes theirs as it is."""
    kind, theirs = read_library_file(theirs_path)
    try:
        empty = ours_path.stat().st_size == 0
    except FileNotFoundError:
        empty = True
    if empty:
        ours = schema.empty(kind)
    else:
        our_kind, ours = read_library_file(ours_path)
        if our_kind != kind:
            raise StoreError(f"cannot merge a {kind} file into a {our_kind} file "
                             f"({theirs_path} into {ours_path})")
    with gc_paused():
        merged, report = merge_data(kind, ours, theirs)
        check_writable(ours_path)
        os.close(write_atomic(ours_path, dump_chunks(merged)))
    return report


# --- into an open library -------------------------------------------------------------------

class MergingLibrary(ImportingLibrary):
    def merge_file(self, path: Path) -> MergeReport:
        """Merge another copy of this library's state or catalogue file into it (one
        locked, atomic write); StoreError (nothing changed) when the file is unusable."""
        kind, theirs = read_library_file(Path(path))
        return self.merge_data(kind, theirs)

    def _merged(self, data: Data, changed: list[str]) -> None:
        """Update the caches after a merge wrote `data`: only the changed papers are
        read again (a full reload reads every document, more work than the merge)."""
        loaded = records.states_from_data(
            {schema.SEARCHES_TABLE: data[schema.SEARCHES_TABLE]}, self._st.path)
        self._searches, self._search_ids = loaded.searches, loaded.search_ids
        ids = {doc["paper_id"]: int(k) for k, doc in data[schema.STATE_TABLE].items()}
        self._state_ids = ids
        docs = {pid: data[schema.STATE_TABLE][str(ids[pid])] for pid in changed}
        for pid, doc in docs.items():
            self._docs[pid] = doc
            self._states[pid] = ReadingState.from_dict(doc)
        self._catalogue.states_changed(set(docs), self._states)

    def state_data(self) -> Data:
        """The reading-state file's content, current (treat as read-only)."""
        with self._transaction():
            return self._st.read() or schema.empty(schema.STATE)

    def merge_data(self, kind: str, theirs: Data) -> MergeReport:
        """Merge parsed, current-schema data of the other copy (see merge_file)."""
        with self._transaction():
            if kind == schema.STATE:
                ours = self._st.read() or schema.empty(schema.STATE)
                merged, report = merge_states(ours, theirs)
                if report.papers_changed or report.searches_changed:
                    self._st.write(merged)
                    self._merged(merged, report.changed_ids)
                    self._join_states({}, among=report.changed_ids)
                return report
            self._need_catalogue()
            other = records.papers_from_table(theirs.get(schema.PAPERS_TABLE) or {},
                                              None).papers
            plan = plan_catalogue(self._catalogue.papers, other, self._catalogue.aliases())
            if plan.fresh:
                unique_keys(self._catalogue.papers, plan.fresh, plan.fills)
            if plan.changed:
                self._write_papers(plan.fresh, plan.fills)
            joined = self._join_states(plan.joined)
            return MergeReport(schema.CATALOGUE, papers_changed=plan.changed + joined)

    def join_aliases(self) -> int:
        """Fold the reading state kept under another id of a paper (see _join_states)
        into the paper's own: after git merged each library file alone, say. How many
        papers' states it changed."""
        with self._transaction():
            return self._join_states({})

    def _join_states(self, joined: dict[str, str], among: list[str] | None = None) -> int:
        """Fold each state document of a paper not in the catalogue into the document
        of the catalogue paper it names (one write): the other copy's id of a paper
        joined by a catalogue merge (`joined`), an arXiv id or DOI a paper of ours
        holds, or the title id of a paper we know by arXiv id or DOI. The fields merge
        by their stamps, the notes by the note rules (mergeable.merge_docs). A document
        in its default state is left alone (a deleted paper's, say: nothing to keep).
        `among`: only these documents (those a state merge changed)."""
        papers, aliases = self._catalogue.papers, self._catalogue.aliases()
        orphans = [pid for pid in (self._docs if among is None else among)
                   if pid in self._docs and pid not in papers
                   and not self._states[pid].is_default]
        by_title: dict[str, str] = {}
        if any(pid.startswith("title:") and pid not in joined for pid in orphans):
            self._need_catalogue()
            for pid, paper in papers.items():
                if not pid.startswith("title:") and paper.title.strip():
                    by_title.setdefault(paper_id(None, None, paper.title), pid)
        into: dict[str, dict[str, Any]] = {}
        moved: list[str] = []
        for pid in orphans:
            target = joined.get(pid) or aliases.get(pid) or by_title.get(pid)
            if target is None or target not in papers:
                continue
            doc = {**self._docs[pid], "paper_id": target}
            base = into.get(target) or self._docs.get(target)
            into[target] = mergeable.merge_docs(base, doc) if base is not None else doc
            moved.append(pid)
        if not moved:
            return 0
        with self._st.batch():
            Table(self._st, schema.STATE_TABLE, cache_size=0).remove(
                doc_ids=[self._state_ids.pop(pid) for pid in moved])
            self._write_docs(into)
        for pid in moved:
            del self._docs[pid], self._states[pid]
        self._catalogue.states_changed(set(moved), self._states)
        return len(into)
