"""Saved searches (name -> query), kept in the reading-state file."""

from __future__ import annotations

from tinydb.table import Table

from reader.errors import ReaderError
from reader.store import schema
from reader.store.core import LibraryCore
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
            table = Table(self._st, schema.SEARCHES_TABLE, cache_size=0)
            with self._st.batch():
                if self._st.read() is None:
                    self._st.write(schema.empty(schema.STATE))
                if name in self._search_ids:
                    table.update({"query": query}, doc_ids=[self._search_ids[name]])
                else:
                    self._search_ids[name] = table.insert({"name": name, "query": query})
            self._searches[name] = query

    def delete_search(self, name: str) -> None:
        with self._transaction():
            doc_id = self._search_ids.get(name)
            if doc_id is None:
                return
            with self._st.batch():
                Table(self._st, schema.SEARCHES_TABLE, cache_size=0).remove(doc_ids=[doc_id])
            del self._search_ids[name]
            self._searches.pop(name, None)
