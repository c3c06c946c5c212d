"""A search index without the papers' text: `SearchIndex.over_words(ids, words,
state)`, over a saved word index and the reading states (ReadingStateIndex.placed
makes those from the few stored states of a big library).

Words, word prefixes, excluded words and reading-state filters are answered as the
full index answers them (its own evaluation and ranking; never a scan of the
text, which the word index replaces). A query that needs the text (a phrase,
`author:`, `year:`, `key:`, `cat:`, `has:code`, a sort, for-you) reaches the
stand-in below, which raises NeedsText: the caller answers it from the whole
library. The index only searches: nothing is added to it, and `position`,
`related` and for-you need the full index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn, cast

if TYPE_CHECKING:
    from reader.model import Entry
    from reader.search.scan import TextScan

__all__ = ["NeedsText", "NoText", "missing"]


class NeedsText(Exception):
    """The query needs the papers' text, which this index does not hold."""


class NoText:
    """Stands for the text scan and the entries: any use raises NeedsText."""

    def __getattr__(self, name: str) -> NoReturn:
        raise NeedsText(name)

    def __getitem__(self, key: object) -> NoReturn:
        raise NeedsText("entries")

    def __len__(self) -> NoReturn:
        raise NeedsText("entries")


def missing() -> tuple[TextScan, list[Entry]]:
    """The stand-ins for an index's text scan and entries."""
    return cast("TextScan", NoText()), cast("list[Entry]", NoText())
