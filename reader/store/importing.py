"""Library imports: merge incoming papers into the catalogue (one write) and apply
the reading states of Reader's own JSON to papers that have none."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from reader.gcutil import gc_paused
from reader.model import Paper, ReadingState
from reader.store import import_plan, schema
from reader.store.core import LibraryCore
from reader.store.import_plan import ImportReport
from reader.store.records import LIMITS, clean_tags, copy_state, cut, paper_doc
from reader.text import sanitize

__all__ = ["ImportingLibrary"]


class ImportingLibrary(LibraryCore):
    def add_papers(self, papers: Iterable[Paper],
                   states: dict[str, ReadingState] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Merge: new ids added, missing metadata filled, reading state untouched.
        `states` (only from Reader's own JSON) are applied to papers without state."""
        incoming = list(papers)
        self._need_catalogue()
        with self._transaction():
            now = self._now()
            plan = import_plan.plan_import(self._catalogue.papers, incoming, now,
                                           progress, keys=self._catalogue.keys())
            if plan.fresh or plan.fills:
                self._write_papers(plan.fresh, plan.fills)
            if states:
                self._apply_import_states(states, now)
        if progress is not None:
            progress(len(incoming), len(incoming))
        return plan.report

    def _write_papers(self, fresh: dict[str, Paper], fills: dict[str, dict[str, Any]]) -> None:
        """One catalogue write. The table is rebuilt from the papers in memory (current:
        the transaction re-read the file if another process changed it), sharing their
        strings, instead of parsing the file a second time: the documents TinyDB's
        update and insert_multiple would give (the known papers numbered from 1 with
        their fills, the new ones after them), made here without its per-document
        passes over the table."""
        self._need_catalogue()
        catalogue = self._catalogue
        with gc_paused(), self._cat.batch():
            data = schema.empty(schema.CATALOGUE)
            docs = data[schema.PAPERS_TABLE]
            for paper in catalogue.papers.values():
                doc = paper_doc(paper)
                if paper.id in fills:
                    doc.update(fills[paper.id])
                docs[str(len(docs) + 1)] = doc
            for paper in fresh.values():
                docs[str(len(docs) + 1)] = paper_doc(paper)
            # records that failed validation stay as they were, after the others
            for doc in self._invalid_papers.values():
                docs[str(len(docs) + 1)] = doc
            self._cat.write(data)  # inside batch(): written once below
            del docs, data
        self._cat.release()
        catalogue.add(fresh, {pid: replace(catalogue.papers[pid], **f)
                              for pid, f in fills.items()})
        if not self._invalid_papers:  # (those were renumbered: the next full load indexes)
            self._save_derived()

    def _save_generated_keys(self) -> None:
        """Store the keys generated at load (a library from before citation keys, or
        merged copies holding a key twice): once, so that they are the file's from then
        on. Each process generates the same keys from the same file, so a reader that
        opened it meanwhile saw these keys too."""
        with self._transaction():
            if self._keys_to_save:
                self._keys_to_save = False  # before the write: it saves the derived index
                try:
                    self._write_papers({}, {})
                except BaseException:
                    self._keys_to_save = True
                    raise

    def _apply_import_states(self, states: dict[str, ReadingState], now: str) -> None:
        todo: dict[str, ReadingState] = {}
        for pid, state in states.items():
            if pid in self._catalogue.papers and pid not in self._states:
                new = copy_state(state)
                new.paper_id = pid
                new.note = cut(sanitize(new.note), LIMITS["note"])
                new.tags = clean_tags(new.tags)
                if not new.is_default:
                    todo[pid] = new
        if todo:
            self._write_states(todo, now)
