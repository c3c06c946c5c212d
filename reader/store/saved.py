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

    def rename_search(self, name: str, new_name: str) -> None:
        """Give a saved search another name (its query unchanged)."""
        new_name = clean_line(new_name)
        if not new_name:
            raise ReaderError("a saved search needs a name")
        with self._transaction():
            doc_id = self._search_ids.get(name)
            if doc_id is None:
                raise ReaderError(f"no saved search {name!r}")
            if new_name == name:
                return
            if new_name in self._search_ids:
                raise ReaderError(f"a saved search is already called {new_name!r}")
            with self._st.batch():
                Table(self._st, schema.SEARCHES_TABLE, cache_size=0).update(
                    {"name": new_name}, doc_ids=[doc_id])
            self._search_ids[new_name] = self._search_ids.pop(name)
            self._searches[new_name] = self._searches.pop(name)
