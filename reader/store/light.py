"""The catalogue seen through its derived index: papers read one by one, ids resolved
by bisection (quick.py's library runs on these instead of the parsed catalogue).

`LightPapers` is the papers-by-id mapping the library's code reads: the ids are
known, and a paper asked for is read from the catalogue file by one seek (its own
bytes, `"<doc id>":{...}`) and validated as a full load validates it.
`LightCatalogueView` resolves ids as CatalogueView does, its prefix searches
answered from the sorted names instead of sorting every id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import orjson

from reader.model import Paper
from reader.store.catalogue import CatalogueView
from reader.store.sections import DerivedIndex, NamesMap, Stale

__all__ = ["LightCatalogueView", "LightPapers", "Stale"]

_SLICE = 500
"""Documents parsed by one orjson call (`many`: one call for all is slower)."""


class LightPapers(Mapping[str, Paper]):
    """Papers by id, in catalogue order, each read from the catalogue file when asked."""

    def __init__(self, index: DerivedIndex, read: Callable[[int, int], bytes],
                 parse: Callable[[dict[str, Any]], dict[str, Paper]],
                 fields: tuple[str, ...]) -> None:
        self.index = index
        self._read = read
        self._parse = parse
        self._fields = fields
        self._cache: dict[str, Paper] = {}

    def briefs(self, rows: list[int] | None = None) -> list[Paper]:
        """Papers with only their id and the index's fields (the rest at its default),
        at `rows` (default: all, in catalogue order); Stale if the index is damaged."""
        columns = self.index.columns(self._fields)
        ids = self.index.ids
        if rows is not None:
            columns = {name: [col[r] for r in rows] for name, col in columns.items()}
            ids = [ids[r] for r in rows]
        papers = list(map(Paper, ids, columns.pop("title")))
        for name, values in columns.items():  # ~2x faster than keyword arguments
            for paper, value in zip(papers, values, strict=True):
                setattr(paper, name, value)
        return papers

    @property
    def documents_read(self) -> int:
        """Papers read from the catalogue file so far."""
        return len(self._cache)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.index.row_of(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.index.ids)

    def __len__(self) -> int:
        return self.index.count

    def __getitem__(self, paper_id: str) -> Paper:
        paper = self._cache.get(paper_id)
        if paper is None:
            row = self.index.row_of(paper_id)
            if row is None:
                raise KeyError(paper_id)
            paper = self.at(row)
        return paper

    def at(self, row: int) -> Paper:
        """The paper at `row` (its position in catalogue order)."""
        paper_id = self.index.id_at(row)
        paper = self._cache.get(paper_id)
        if paper is None:
            paper = self._cache[paper_id] = self._load(paper_id, row)
        return paper

    def many(self, rows: list[int]) -> list[Paper]:
        """The papers at `rows` (distinct), as `at` reads each (Stale as `at`), read in
        a batch: the documents parsed a slice at a time into one table, validated as a
        full load validates it (for one document, the checks cost more than the
        parse)."""
        ids, read = self.index.ids, self._read
        starts, lengths = self.index.places()
        table: dict[str, Any] = {}
        for first in range(0, len(rows), _SLICE):
            raws = [read(starts[row], lengths[row]) for row in rows[first:first + _SLICE]]
            if not all(raws):
                raise Stale("documents")  # not placed, or the file cut short
            try:  # each `"<doc id>":{...}`
                table.update(orjson.loads(b"{" + b",".join(raws) + b"}"))
            except orjson.JSONDecodeError as exc:
                raise Stale("documents") from exc
        if len(table) != len(rows):
            raise Stale("documents")
        for (key, doc), row in zip(table.items(), rows, strict=True):
            if not key.isdigit() or not isinstance(doc, dict) or doc.get("id") != ids[row]:
                raise Stale(ids[row])
        papers = self._parse(table)
        try:
            return [papers[ids[row]] for row in rows]
        except KeyError as exc:  # an invalid record: the full load skips it and says so
            raise Stale(str(exc)) from None

    def _load(self, paper_id: str, row: int) -> Paper:
        offset, length = self.index.place(row)
        if not length:
            raise Stale(paper_id)  # not placed: a full load reads it
        raw = self._read(offset, length)
        try:
            table = orjson.loads(b"{" + raw + b"}")  # `"<doc id>":{...}`: exactly one
        except orjson.JSONDecodeError as exc:
            raise Stale(paper_id) from exc
        if not isinstance(table, dict) or len(table) != 1:
            raise Stale(paper_id)
        (key, doc), = table.items()
        if not key.isdigit() or not isinstance(doc, dict) or doc.get("id") != paper_id:
            raise Stale(paper_id)
        paper = self._parse(table).get(paper_id)  # validated as a full load validates
        if paper is None:  # an invalid record: the full load skips it and says so
            raise Stale(paper_id)
        return paper


class LightCatalogueView(CatalogueView):
    """CatalogueView whose prefix searches use the derived index's sorted names while
    the papers are LightPapers (the same answers: names sort as `sorted` sorts)."""

    def light(self, papers: LightPapers, states: Any) -> None:
        index = papers.index
        aliases: Any = NamesMap(index, "aliases")  # read like the dicts they stand for
        keys: Any = NamesMap(index, "keys")
        self.reset(papers, states, aliases, keys)  # type: ignore[arg-type]

    def _prefixed(self, prefix: str) -> list[str]:
        papers = self.papers
        if isinstance(papers, LightPapers):
            return [name for name, _ in papers.index.names("by_id").prefixed(prefix)]
        return super()._prefixed(prefix)

    def _key_prefixed(self, prefix: str) -> list[str]:
        keys: object = self._keys
        if isinstance(keys, NamesMap) and isinstance(self.papers, LightPapers):
            return keys.prefixed(prefix)
        return super()._key_prefixed(prefix)


def rows_of(index: DerivedIndex, ids: Iterable[str]) -> list[int]:
    rows = []
    for pid in ids:
        row = index.row_of(pid)
        if row is None:
            raise Stale(pid)
        rows.append(row)
    return rows
