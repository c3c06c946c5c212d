"""Pure logic of an import: which incoming papers are new, which known papers gain
missing metadata, and the citation keys of the new ones.

No I/O: Library runs `plan_import` inside its locked transaction and writes the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any

from reader.citekeys import base_key, fold_key, unique_key
from reader.ids import paper_id
from reader.model import Paper
from reader.store.records import aliases, clean_papers, fill_missing

_FIELDS = attrgetter(*(f.name for f in fields(Paper)))
"""A paper's fields in the order of Paper's constructor."""


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    """Existing papers that gained missing metadata."""
    unchanged: int = 0
    keys: list[str] = field(default_factory=list)
    """One line per citation key that is not the one the file gives: taken by
    another paper (the newcomer got a suffix), unusable characters removed, or the
    paper already had a key (kept: keys never change on import)."""
    merged: dict[str, str] = field(default_factory=dict)
    """Incoming id -> the library id it merged into, when they differ (same title, or
    the arXiv id/DOI of a paper known by another id)."""
    added_ids: frozenset[str] = frozenset()
    updated_ids: frozenset[str] = frozenset()

    def outcome(self, incoming_id: str) -> str:
        """`added`, `updated` or `unchanged`: what the import did with one paper."""
        target = self.merged.get(incoming_id, incoming_id)
        if target in self.added_ids:
            return "added"
        return "updated" if target in self.updated_ids else "unchanged"


@dataclass(slots=True)
class ImportPlan:
    fresh: dict[str, Paper] = field(default_factory=dict)
    """New papers, in input order (duplicates in the input merged)."""
    fills: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Known papers -> the missing fields the input supplies."""
    report: ImportReport = field(default_factory=ImportReport)


def plan_import(known: dict[str, Paper], incoming: list[Paper], now: str,
                progress: Callable[[int, int], None] | None = None,
                keys: Mapping[str, str] | None = None) -> ImportPlan:
    """Merge `incoming` into `known`: add new ids, fill missing metadata, never overwrite.
    Text fields of incoming papers are sanitized first (records.clean_paper). New papers
    get their citation key (`keys`: the folded keys of `known` -> paper id)."""
    plan = ImportPlan()
    fresh, fills, report = plan.fresh, plan.fills, plan.report
    same_title = _TitleMatcher(known)
    new_keys = _NewKeys(keys if keys is not None else key_holders(known), report.keys)
    cleaned = clean_papers(incoming)  # the store is the last gate for user text
    for i, (given, paper) in enumerate(zip([p.key for p in incoming], cleaned, strict=True)):
        if progress is not None and i % 1000 == 0:
            progress(i, len(incoming))
        old = known.get(paper.id)
        if old is None:
            twin = same_title.find(paper)
            if twin is not None:
                report.merged[paper.id] = twin
                paper = replace(paper, id=twin)
                old = known[twin]
        if old is None:
            if paper.id not in fresh:
                paper = new_keys.assign(paper, given)
                fresh[paper.id] = paper if paper.added_at else replace(paper, added_at=now)
                report.added += 1
                continue
            fields = fill_missing(fresh[paper.id], paper)
            if fields:
                fresh[paper.id] = replace(fresh[paper.id], **fields)
            report.unchanged += 1
            continue
        if paper.key and old.key and fold_key(paper.key) != fold_key(old.key):
            report.keys.append(f"{old.id} keeps its key {old.key} (the file calls it "
                               f"{paper.key}; `reader rekey` renames it)")
        base = replace(old, **fills[paper.id]) if paper.id in fills else old
        fields = fill_missing(base, paper)
        if fields:
            fills.setdefault(paper.id, {}).update(fields)
        elif paper.id not in fills:
            report.unchanged += 1
    report.updated = len(fills)
    report.added_ids, report.updated_ids = frozenset(fresh), frozenset(fills)
    return plan


def key_holders(papers: Mapping[str, Paper]) -> dict[str, str]:
    """Folded citation key -> id of the paper holding it."""
    return {fold_key(p.key): pid for pid, p in papers.items() if p.key}


class _NewKeys:
    """Citation keys for the new papers of one import, unique with the known ones."""

    def __init__(self, known: Mapping[str, str], notes: list[str]) -> None:
        self._known = known
        self._new: dict[str, str] = {}
        self._notes = notes
        self._tried: dict[str, int] = {}

    def __contains__(self, folded: object) -> bool:
        return folded in self._new or folded in self._known

    def holder(self, key: str) -> str:
        folded = fold_key(key)
        return self._new.get(folded) or self._known.get(folded, "?")

    def assign(self, paper: Paper, given: str) -> Paper:
        """`paper` with its key: the file's (cleaned), suffixed when taken, else generated."""
        wanted = paper.key
        if given and wanted != given.strip():
            self._notes.append(f"{paper.id}: key {given.strip()!r} has characters BibTeX "
                               f"cannot use; " + (f"kept as {wanted}" if wanted else
                                                  "a key is generated"))
        if wanted:
            key = unique_key(wanted, self, self._tried)
            if key != wanted:
                self._notes.append(f"{paper.id}: key {wanted} is taken by "
                                   f"{self.holder(wanted)}; this paper gets {key}")
        else:
            key = unique_key(base_key(paper), self, self._tried)
        self._new[fold_key(key)] = paper.id
        if key == paper.key:
            return paper
        keyed = Paper(*_FIELDS(paper))  # (dataclasses.replace costs 3x more, per paper)
        keyed.key = key
        return keyed


class _TitleMatcher:
    """Finds the known paper an incoming one is, when their ids differ only because one
    source lacked the arXiv id or DOI (a page copy has neither, so its id is a title
    hash). Ids never change: the incoming paper merges into the known id."""

    def __init__(self, known: dict[str, Paper]) -> None:
        self._known = known
        self._by_title: dict[str, str] | None = None
        self._by_alias: dict[str, str] | None = None
        self._has_title_ids: bool | None = None

    def _titled(self) -> bool:
        """Some known paper is known by a title id (found once, then remembered)."""
        if self._has_title_ids is None:
            self._has_title_ids = any(pid.startswith("title:") for pid in self._known)
        return self._has_title_ids

    def find(self, paper: Paper) -> str | None:
        alias = self._aliased(paper.id)
        if alias is not None:
            return alias
        if not paper.title.strip():
            return None
        if not paper.id.startswith("title:"):
            if not self._titled():  # no known paper has a title id: none to compute
                return None
            title_id = paper_id(None, None, paper.title)
            return title_id if title_id in self._known else None
        title_id = paper_id(None, None, paper.title)
        if self._by_title is None:  # built once, only when a title-only paper is new
            self._by_title = {}
            for pid, known in self._known.items():
                if not pid.startswith("title:") and known.title.strip():
                    self._by_title.setdefault(paper_id(None, None, known.title), pid)
        return self._by_title.get(title_id)

    def _aliased(self, incoming: str) -> str | None:
        """The known paper whose arXiv id or DOI is `incoming` (`arxiv:X`, `doi:Y`) under
        another id: a paper first met by title, resolved later, keeps its title id."""
        if not incoming.startswith(("arxiv:", "doi:")):
            return None
        if self._by_alias is None:
            self._by_alias = aliases(self._known)
        return self._by_alias.get(incoming)
