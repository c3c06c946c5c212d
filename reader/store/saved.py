"""Saved searches (name -> query), kept in the reading-state file.

Each save, deletion and rename stamps the name's document (mergeable_searches.py):
a deletion stays as a tombstone, so that a sync does not bring the search back."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from tinydb.table import Table

from reader.errors import ReaderError
from reader.store import mergeable_searches as searches
from reader.store import schema
from reader.store.core import LibraryCore
from reader.store.stamps import Hlc
from reader.text import clean_line

__all__ = ["SavedSearches"]


class SavedSearches(LibraryCore):
    # saved searches --------------------------------------------------
    def saved_searches(self) -> dict[str, str]:
        with self._mutex:
            return dict(self._searches)

    def save_search(self, name: str, query: str) -> None:
        name, query = clean_line(name), clean_line(query)
        if not name:
            raise ReaderError("a saved search needs a name")
        with self._transaction():
            self._write_searches(lambda at: [searches.saved(name, query, at)])
            self._searches[name] = query

    def delete_search(self, name: str) -> None:
        with self._transaction():
            if name not in self._searches:
                return
            self._write_searches(lambda at: [searches.gone(name, at)])
            del self._searches[name]

    def rename_search(self, name: str, new_name: str) -> None:
        """Give a saved search another name (its query unchanged): the old name is
        deleted, the new one saved (a rename made elsewhere merges the same way)."""
        new_name = clean_line(new_name)
        if not new_name:
            raise ReaderError("a saved search needs a name")
        with self._transaction():
            if name not in self._searches:
                raise ReaderError(f"no saved search {name!r}")
            if new_name == name:
                return
            if new_name in self._searches:
                raise ReaderError(f"a saved search is already called {new_name!r}")
            query = self._searches[name]
            self._write_searches(lambda at: [searches.gone(name, at),
                                             searches.saved(new_name, query, at)])
            self._searches[new_name] = self._searches.pop(name)

    def _write_searches(self, make: Callable[[str], list[dict[str, Any]]]) -> None:
        """Write the documents `make(stamp)` gives (one file write), each replacing
        its name's document; the stamp is later than theirs (a fresh tick)."""
        with self._st.batch():
            data = self._st.read()
            if data is None:
                data = schema.empty(schema.STATE)
                self._st.write(data)
            stored = data.get(schema.SEARCHES_TABLE) or {}
            after = max((searches.stamp_of(d) for d in stored.values() if isinstance(d, dict)),
                        default="")
            self._hlc = self._hlc or Hlc(self.device)
            docs = make(self._hlc.tick(self._clock(), after))
            table = Table(self._st, schema.SEARCHES_TABLE, cache_size=0)
            for doc in docs:
                doc_id = self._search_ids.get(doc["name"])
                if doc_id is None:
                    self._search_ids[doc["name"]] = table.insert(doc)
                else:
                    table.update(_replaced_by(doc), doc_ids=[doc_id])


def _replaced_by(new: dict[str, Any]) -> Callable[[MutableMapping[str, Any]], None]:
    def replace(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(new)
    return replace
