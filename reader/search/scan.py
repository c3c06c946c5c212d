"""The catalogue text as one folded byte string per paper, searched by C-level scans.

Folding each paper into bytes is the first step of an index, far quicker than the
word index built from it (word_index.py), so search works by scanning this text
until the word index is there; after, a scan still answers when few papers are in
play (a phrase, a word among a filter's papers). `bytes.__contains__` runs in C
over each paper's text. Word results are cached, and a longer word is only looked
for in the papers that matched its prefix (typing "bott" scans only the "bot"
papers), so a keystroke rarely scans everything.

Layout of one paper (folding.encode): title, body fields, authors, separated by
control-character markers, every token between single or repeated spaces. So
`b" bott"` finds a word starting with "bott", `b" kv +cache "` (a regex) the
exact pair, and nothing spans two fields.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, repeat

from reader.model import Entry
from reader.search import bits
from reader.search.folding import encode
from reader.search.query import cat_matches
from reader.search.tokens import has_code_link

_CACHE_SIZE = 256
_PREFIX_STEPS = 128
"""How many shorter prefixes of a searched word are looked up in the cache."""
ANY, TITLE, AUTHORS = 0, 1, 2
"""Where `TextScan.word` looks."""
_FOUND = (-1).__ne__


def needle(word: str, prefix: bool) -> bytes:
    return b" " + word.encode("utf-8") + (b"" if prefix else b" ")


def phrase_regex(words: Sequence[str], prefix: bool) -> re.Pattern[bytes]:
    body = b" +".join(re.escape(w.encode("utf-8")) for w in words)
    return re.compile(b" " + body + (b"" if prefix else b" "))


def phrase_search(words: Sequence[str],
                  prefix: bool) -> Callable[..., re.Match[bytes] | None]:
    """`phrase_regex(words, prefix).search` for two words or more, faster: the regex is
    only tried where its first word starts (a C-level find), not at every byte."""
    assert len(words) > 1, "a one-word phrase is a word: no regex needed"
    match = phrase_regex(words, prefix).match
    head = b" " + words[0].encode("utf-8") + b" "

    def search(doc: bytes, pos: int = 0, end: int = sys.maxsize) -> re.Match[bytes] | None:
        find = doc.find
        while (pos := find(head, pos, end)) >= 0:
            m = match(doc, pos, end)
            if m is not None:
                return m
            pos += 1
        return None
    return search


class TextScan:
    """Folded catalogue text, plus the per-paper values filters and sorts need."""

    def __init__(self) -> None:
        self.size = 0
        self.docs: list[bytes] = []
        self.title_end = array("I")
        self.author_start = array("I")
        self.year = array("H")
        self.added: list[str] = []
        self.titles: list[str] = []
        self.keys: list[str] = []
        """Case-folded citation keys (for key:x)."""
        self.cats: list[tuple[str, ...]] = []
        """Case-folded arXiv categories (for cat:x)."""
        self.year_positions: dict[int, list[int]] = defaultdict(list)
        self.code = 0
        self.abstract = 0
        self.link = 0
        self._cache: OrderedDict[tuple[int, str, bool], tuple[int, int]] = OrderedDict()
        """(field, word, prefix) -> (scope, papers of the scope holding the word there)."""
        self._year_masks: dict[int, int] = {}

    def add(self, entries: Sequence[Entry]) -> None:
        start = self.size
        code: list[int] = []
        abstract: list[int] = []
        link: list[int] = []
        for pos, entry in enumerate(entries, start):
            doc, title_end, author_start = encode(entry)
            self.docs.append(doc)
            self.title_end.append(title_end)
            self.author_start.append(author_start)
            paper = entry.paper
            y = paper.year if paper.year and 0 < paper.year < 65536 else 0
            self.year.append(y)
            if y:
                self.year_positions[y].append(pos)
            self.added.append(paper.added_at)
            self.titles.append(paper.title)
            self.keys.append(paper.key.casefold())
            self.cats.append(tuple(c.casefold() for c in paper.categories))
            if paper.urls:
                link.append(pos)
            if paper.abstract.strip():
                abstract.append(pos)
            if (paper.urls or "http" in paper.abstract) and has_code_link(paper.urls,
                                                                         paper.abstract):
                code.append(pos)
        self.size = start + len(entries)
        self.code |= bits.from_positions(code, self.size)
        self.abstract |= bits.from_positions(abstract, self.size)
        self.link |= bits.from_positions(link, self.size)
        self._cache.clear()
        self._year_masks.clear()

    def replace(self, pos: int, entry: Entry) -> None:
        """Take new catalogue text for the paper at `pos` (a metadata merge)."""
        self.docs[pos], self.title_end[pos], self.author_start[pos] = encode(entry)
        paper, bit = entry.paper, 1 << pos
        y = paper.year if paper.year and 0 < paper.year < 65536 else 0
        if self.year[pos]:
            self.year_positions[self.year[pos]].remove(pos)
        if y:
            self.year_positions[y].append(pos)
            self.year_positions[y].sort()
        self.year[pos] = y
        self.added[pos] = paper.added_at
        self.titles[pos] = paper.title
        self.keys[pos] = paper.key.casefold()
        self.cats[pos] = tuple(c.casefold() for c in paper.categories)
        self.code = self.code & ~bit | (bit if has_code_link(paper.urls, paper.abstract) else 0)
        self.abstract = self.abstract & ~bit | (bit if paper.abstract.strip() else 0)
        self.link = self.link & ~bit | (bit if paper.urls else 0)
        self._cache.clear()
        self._year_masks.clear()

    def drop_caches(self) -> None:
        self._cache.clear()

    # words -------------------------------------------------------------------
    def word(self, word: str, prefix: bool, scope: int, field: int = ANY) -> int:
        """Papers of `scope` whose text holds `word` (or a word it starts) in `field`."""
        if not scope:
            return 0
        cache = self._cache
        key = (field, word, prefix)
        hit = cache.get(key)
        if hit is not None and scope & ~hit[0] == 0:
            cache.move_to_end(key)
            return hit[1] & scope
        candidates = scope
        for shorter in self._prefixes(word, prefix):
            known = cache.get((field, *shorter))
            if known is not None and scope & ~known[0] == 0:
                candidates = known[1] & scope
                break
        found = self.scan(candidates, needle(word, prefix), field)
        cache[key] = (scope, found)
        if len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
        return found

    @staticmethod
    def _prefixes(word: str, prefix: bool) -> Iterator[tuple[str, bool]]:
        """Cache keys whose matches include every match of (word, prefix), longest first.
        One at a time, and only the last _PREFIX_STEPS: all prefixes of a long word at
        once take memory in the square of its length."""
        if not prefix:
            yield word, True
        for i in range(len(word) - 1, max(0, len(word) - 1 - _PREFIX_STEPS), -1):
            yield word[:i], True

    def scan(self, candidates: int, pattern: bytes, field: int = ANY) -> int:
        """Papers among `candidates` whose text (or title, or authors) contains `pattern`."""
        if field == TITLE:
            found = self.in_titles(bits.to_positions(candidates), pattern)
        elif field == AUTHORS:
            found = self.in_authors(bits.to_positions(candidates), pattern)
        elif candidates == bits.full(self.size):
            found = list(compress(range(self.size), map(bytes.__contains__, self.docs,
                                                        repeat(pattern))))
        else:
            positions = bits.to_positions(candidates)
            texts = map(self.docs.__getitem__, positions)
            found = list(compress(positions, map(bytes.__contains__, texts, repeat(pattern))))
        return bits.from_positions(found, self.size)

    def in_titles(self, positions: list[int], pattern: bytes) -> list[int]:
        texts = map(self.docs.__getitem__, positions)
        ends = map(self.title_end.__getitem__, positions)
        return list(compress(positions, map(_FOUND, map(bytes.find, texts, repeat(pattern),
                                                        repeat(0), ends))))

    def in_authors(self, positions: list[int], pattern: bytes) -> list[int]:
        texts = map(self.docs.__getitem__, positions)
        starts = map(self.author_start.__getitem__, positions)
        return list(compress(positions, map(_FOUND, map(bytes.find, texts, repeat(pattern),
                                                        starts))))

    def phrase(self, positions: list[int], words: Sequence[str], prefix: bool,
               titles: int = -1) -> tuple[list[int], list[int]]:
        """(papers among `positions` with the phrase, those with it in the title).

        Words separated by one space are found by a fast substring search; the
        regex (punctuation or several spaces between the words) only runs on
        papers where a phrase word is followed by two spaces somewhere. `titles`:
        a mask of the papers whose title may hold it (-1: any), the others' titles
        are not searched.
        """
        docs, title_end = self.docs, self.title_end
        plain = b" " + " ".join(words).encode("utf-8") + (b"" if prefix else b" ")
        found = list(compress(positions, map(bytes.__contains__, map(docs.__getitem__,
                                                                     positions), repeat(plain))))
        if titles != -1:
            may = set(bits.to_positions(titles))
            titled = self.in_titles([p for p in found if p in may], plain)
        else:
            titled = self.in_titles(found, plain)
        search = phrase_search(words, prefix)
        if len(found) < len(positions):
            done = set(found)
            rest = [p for p in positions if p not in done]
            for p in self._spaced(rest, words, titles_only=False):
                m = search(docs[p])
                if m is not None:
                    found.append(p)
                    if m.end() <= title_end[p]:  # the first match is in the title
                        titled.append(p)
            found.sort()
        if len(titled) < len(found):  # in the title in a spaced form, plainly elsewhere
            done = set(titled)
            others = [p for p in found if p not in done and (titles == -1 or p in may)]
            titled.extend(p for p in self._spaced(others, words, titles_only=True)
                          if search(docs[p], 0, title_end[p]))
        return found, titled

    def _spaced(self, positions: list[int], words: Sequence[str], *,
                titles_only: bool) -> list[int]:
        """Papers where one of the phrase's inner words is followed by 2+ spaces."""
        if len(words) < 2:
            return []
        found: set[int] = set()
        for word in words[:-1]:
            pattern = b" " + word.encode("utf-8") + b"  "
            if titles_only:
                found.update(self.in_titles(positions, pattern))
            else:
                texts = map(self.docs.__getitem__, positions)
                found.update(compress(positions, map(bytes.__contains__, texts,
                                                     repeat(pattern))))
        return sorted(found)

    def key_mask(self, start: str) -> int:
        """Papers whose folded citation key starts with `start`."""
        found = [pos for pos, key in enumerate(self.keys) if key.startswith(start)]
        return bits.from_positions(found, self.size)

    def cat_mask(self, value: str) -> int:
        """Papers with an arXiv category `value` or in its archive (query.cat_matches)."""
        found = [pos for pos, cats in enumerate(self.cats) if cats and cat_matches(value, cats)]
        return bits.from_positions(found, self.size)

    def year_mask(self, lo: int | None, hi: int | None) -> int:
        mask = 0
        for y, positions in self.year_positions.items():
            if (lo is None or y >= lo) and (hi is None or y <= hi) and positions:
                cached = self._year_masks.get(y)
                if cached is None:
                    cached = self._year_masks[y] = bits.from_positions(positions, self.size)
                mask |= cached
        return mask
