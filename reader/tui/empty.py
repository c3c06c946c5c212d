"""What an empty paper list says: why it is empty and what to do (pure functions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.search import Query
    from reader.tui.state import LibraryView, Shelf

SHELF_HINTS = {
    "status:new": "The Inbox is empty: every paper is triaged. reader import FILE adds more.",
    "status:to-read": "Nothing to read yet: t on a paper puts it here.",
    "status:reading": "Nothing in progress: r on a paper you start puts it here.",
    "status:read": "Nothing read yet: d marks a paper read.",
    "status:skipped": "Nothing skipped: x skips a paper you will not read.",
    "all": "The library is empty: reader import FILE adds papers.",
}


def empty_hint(view: LibraryView, shelf: Shelf, query: Query | None) -> str:
    """Why `shelf` shows nothing for `query` (None: no query), and what to do."""
    if query is None or not query.filters_anything:
        if shelf.tag is not None:
            return f"No paper is tagged #{shelf.tag} any more: + adds a tag."
        return SHELF_HINTS.get(shelf.key, "Nothing here.")
    on = [e for e in view.entries.values() if shelf.holds(e)]
    kinds = {f.kind for f in query.filters if not f.negated}
    if "year" in kinds and on and not any(e.paper.year for e in on):
        return (f"None of the {len(on):,} papers here has a year, so year: finds "
                "nothing; the source they came from gave none.")
    if "author" in kinds and on and not any(e.paper.authors for e in on):
        return (f"None of the {len(on):,} papers here has authors, so author: finds "
                "nothing (a page copy lists no names; import the arXiv or BibTeX "
                "record to get them).")
    if not on:
        return SHELF_HINTS.get(shelf.key, "Nothing here.") + " (so nothing to search)"
    return (f"No paper here matches {query.text.strip()!r}: fewer words, or escape "
            "to clear the search (? lists the search syntax).")
