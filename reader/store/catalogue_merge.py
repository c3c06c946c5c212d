"""Merging another copy's catalogue into ours: a union of papers.

Papers only in the other copy are added after ours, in their order; a paper in both
keeps our id and our values, and gains the fields it lacks (nothing is overwritten).
A paper is "in both" under one id, or under two when one copy knows it by its arXiv
id or DOI and the other by another id that holds that arXiv id or DOI (a page copy
met by title, resolved later): then it is joined into ours (`CataloguePlan.joined`),
and the library folds the other id's reading state into our paper's (merging.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from reader.model import Paper
from reader.store import records, schema
from reader.store.fileio import Data


@dataclass(slots=True)
class CataloguePlan:
    fresh: dict[str, Paper] = field(default_factory=dict)
    """Papers to add, by id."""
    fills: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Our id -> the missing fields the other copy supplies."""
    joined: dict[str, str] = field(default_factory=dict)
    """The other copy's id -> our id of the same paper, when they differ."""

    @property
    def changed(self) -> int:
        return len(self.fresh) + len(self.fills)


def alias_names(paper: Paper) -> list[str]:
    """`arxiv:X` / `doi:Y`: the ids the paper would have from its arXiv id or DOI."""
    return [name for name in (f"arxiv:{paper.arxiv_id}" if paper.arxiv_id else "",
                              f"doi:{paper.doi}" if paper.doi else "") if name]


def same_paper(paper: Paper, mine: dict[str, Paper], aliases: dict[str, str]) -> str | None:
    """Our id of `paper` (not ours under its own id) when an arXiv id or DOI names it:
    its id is another name of ours, or its arXiv id or DOI is our id or another name of
    ours. `aliases`: records.aliases(mine)."""
    found = aliases.get(paper.id)
    if found is not None:
        return found
    for name in alias_names(paper):
        if name != paper.id:
            if name in mine:
                return name
            found = aliases.get(name)
            if found is not None:
                return found
    return None


def plan_catalogue(mine: dict[str, Paper], other: dict[str, Paper],
                   aliases: dict[str, str] | None = None) -> CataloguePlan:
    """What the other copy's papers add to ours; our ids never change."""
    plan = CataloguePlan()
    for pid, paper in other.items():
        have = mine.get(pid)
        if have is None:
            if aliases is None:
                aliases = records.aliases(mine)
            ours = same_paper(paper, mine, aliases)
            if ours is None:
                plan.fresh[pid] = records.clean_paper(paper)
                continue
            plan.joined[pid] = ours
            have = replace(mine[ours], **plan.fills.get(ours, {}))
        fields = records.fill_missing(have, records.clean_paper(paper))
        if fields:
            plan.fills.setdefault(have.id, {}).update(fields)
    return plan


def merge_catalogue_data(ours: Data, theirs: Data) -> tuple[Data, int]:
    """(the catalogue holding both: our papers, missing fields filled, then theirs;
    how many papers it added or filled). `ours` itself when nothing changed."""
    mine = records.papers_from_table(ours.get(schema.PAPERS_TABLE) or {}, None).papers
    other = records.papers_from_table(theirs.get(schema.PAPERS_TABLE) or {}, None).papers
    plan = plan_catalogue(mine, other)
    if not plan.changed:
        return ours, 0
    out = schema.empty(schema.CATALOGUE)
    docs = out[schema.PAPERS_TABLE]
    fills = plan.fills
    merged = {p.id: replace(p, **fills[p.id]) if p.id in fills else p
              for p in (*mine.values(), *plan.fresh.values())}
    records.give_keys(merged)  # each copy may have given one citation key to two papers
    for i, paper in enumerate(merged.values(), 1):
        docs[str(i)] = records.paper_doc(paper)
    return out, plan.changed


def unique_keys(known: dict[str, Paper], fresh: dict[str, Paper],
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


__all__ = ["CataloguePlan", "alias_names", "merge_catalogue_data", "plan_catalogue",
           "same_paper", "unique_keys"]
