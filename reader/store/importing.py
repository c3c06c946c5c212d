"""Library imports: merge incoming papers into the catalogue (one write) and apply
the reading states of Reader's own JSON to papers that have none."""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import replace
from typing import Any

from tinydb.table import Table

from reader.gcutil import gc_paused
from reader.model import Paper, ReadingState
from reader.store import changes, schema
from reader.store.changes import ImportReport
from reader.store.core import LibraryCore
from reader.store.records import clean_tags, copy_state, paper_doc
from reader.text import sanitize

__all__ = ["ImportingLibrary"]


class ImportingLibrary(LibraryCore):
    def add_papers(self, papers: Iterable[Paper],
                   states: dict[str, ReadingState] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Merge: new ids added, missing metadata filled, reading state untouched.
        `states` (only from Reader's own JSON) are applied to papers without state."""
        incoming = list(papers)
        with self._transaction():
            plan = changes.plan_import(self._index.papers, incoming, self._now(), progress,
                                       keys=self._index.keys())
            if plan.fresh or plan.fills:
                self._write_papers(plan.fresh, plan.fills)
            if states:
                self._apply_import_states(states)
        if progress is not None:
            progress(len(incoming), len(incoming))
        return plan.report

    def _write_papers(self, fresh: dict[str, Paper], fills: dict[str, dict[str, Any]]) -> None:
        """One catalogue write through TinyDB. The table is rebuilt from the papers in
        memory (current: the transaction re-read the file if another process changed
        it), sharing their strings, instead of parsing the file a second time."""
        index = self._index
        with gc_paused(), self._cat.batch():
            data = schema.empty(schema.CATALOGUE)
            docs = data[schema.PAPERS_TABLE]
            for i, paper in enumerate(index.papers.values(), 1):
                docs[str(i)] = paper_doc(paper)
            self._cat.write(data)  # inside batch(): becomes the cache, written once below
            table = Table(self._cat, schema.PAPERS_TABLE, cache_size=0)
            if fills:
                targets = [int(k) for k, doc in docs.items() if doc["id"] in fills]

                def fill(doc: MutableMapping[str, Any]) -> None:
                    doc.update(fills[doc["id"]])
                table.update(fill, doc_ids=targets)
            if fresh:
                table.insert_multiple(paper_doc(p) for p in fresh.values())
            del docs, data
        self._cat.release()
        index.add(fresh, {pid: replace(index.papers[pid], **f) for pid, f in fills.items()})

    def _apply_import_states(self, states: dict[str, ReadingState]) -> None:
        todo: dict[str, ReadingState] = {}
        for pid, state in states.items():
            if pid in self._index.papers and pid not in self._states:
                new = copy_state(state)
                new.paper_id = pid
                new.note = sanitize(new.note)
                new.tags = clean_tags(new.tags)
                if not new.is_default:
                    todo[pid] = new
        if todo:
            self._write_states(todo)
