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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.errors import StoreError
from reader.gcutil import gc_paused
from reader.model import Paper, ReadingState
from reader.store import mergeable, mergeable_searches, records, schema, validate
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
    """The catalogue holding both: our papers (missing fields filled), then theirs."""
    report = MergeReport(schema.CATALOGUE)
    mine = records.papers_from_table(ours.get(schema.PAPERS_TABLE) or {}, None).papers
    other = records.papers_from_table(theirs.get(schema.PAPERS_TABLE) or {}, None).papers
    fresh, fills = plan_catalogue(mine, other)
    report.papers_changed = len(fresh) + len(fills)
    if not report.papers_changed:
        return ours, report
    out = schema.empty(schema.CATALOGUE)
    docs = out[schema.PAPERS_TABLE]
    merged = {p.id: replace(p, **fills[p.id]) if p.id in fills else p
              for p in (*mine.values(), *fresh.values())}
    records.give_keys(merged)  # each copy may have given one citation key to two papers
    for i, paper in enumerate(merged.values(), 1):
        docs[str(i)] = records.paper_doc(paper)
    return out, report


def plan_catalogue(mine: dict[str, Paper],
                   other: dict[str, Paper]) -> tuple[dict[str, Paper], dict[str, dict[str, Any]]]:
    """(papers to add, missing fields to fill per known id): ids are never changed."""
    fresh: dict[str, Paper] = {}
    fills: dict[str, dict[str, Any]] = {}
    for pid, paper in other.items():
        have = mine.get(pid)
        if have is None:
            fresh[pid] = records.clean_paper(paper)
            continue
        fields = records.fill_missing(have, records.clean_paper(paper))
        if fields:
            fills[pid] = fields
    return fresh, fills


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


def _unique_keys(known: dict[str, Paper], fresh: dict[str, Paper],
                 fills: dict[str, dict[str, Any]]) -> None:
    """Each copy may have given one citation key to two different papers: the rule of
    records.give_keys (the same on every machine) decides, and its changes go into
    `fresh` and `fills`."""
    papers = {pid: replace(p, **fills[pid]) if pid in fills else p for pid, p in known.items()}
    papers.update(fresh)
    before = {pid: p.key for pid, p in papers.items()}
    if not records.give_keys(papers):
        return
    for pid, paper in papers.items():
        if paper.key != before[pid]:
            if pid in fresh:
                fresh[pid] = paper
            else:
                fills.setdefault(pid, {})["key"] = paper.key


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
                return report
            self._need_catalogue()
            other = records.papers_from_table(theirs.get(schema.PAPERS_TABLE) or {},
                                              None).papers
            fresh, fills = plan_catalogue(self._catalogue.papers, other)
            if fresh:
                _unique_keys(self._catalogue.papers, fresh, fills)
            if fresh or fills:
                self._write_papers(fresh, fills)
            return MergeReport(schema.CATALOGUE, papers_changed=len(fresh) + len(fills))
