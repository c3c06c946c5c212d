"""How one query term is matched: words (word index or scans), phrases, authors,
and the ranking tiers of a term. Mixed into SearchIndex, which owns the data."""

from __future__ import annotations

from collections import OrderedDict

from reader.model import Entry
from reader.search import bits, rank
from reader.search.match import filter_matches, implies, phrase_in, phrase_pattern
from reader.search.query import Filter, Term
from reader.search.reading_state import ReadingStateIndex
from reader.search.scan import AUTHORS, TITLE, TextScan
from reader.search.word_index import WordIndex

# Extra weight of a match, per field, over a match in the abstract (weight 1).
TITLE_BONUS = 2.0
AUTHOR_TAG_BONUS = 1.0
NOTE_BONUS = 0.5


class TermMatching:
    """The term-level half of SearchIndex (see search_index.py for the data)."""

    words: WordIndex | None
    text: TextScan
    state: ReadingStateIndex
    scan_limit: int
    _entries: list[Entry]
    _phrases: OrderedDict[tuple[tuple[str, ...], bool], tuple[int, int, int]]

    def _tiers(self, term: Term, mask: int, titled: int) -> rank.Tiers:
        if term.phrase:
            return rank.partition(mask, [(TITLE_BONUS, titled)])
        if term.prefix and len(term.words[0]) <= (1 if self.words else 2):
            return [(0.0, mask)]  # a first letter or two say little about relevance
        title, author = self._title_author(term, mask)
        tags, note = self.state.word_masks(term.words[0], term.prefix)
        return rank.partition(mask, [(TITLE_BONUS, title), (AUTHOR_TAG_BONUS, author | tags),
                                     (NOTE_BONUS, note)])

    def _indexed(self, word: str, prefix: bool, scope: int) -> WordIndex | None:
        """The word index when it beats scanning `scope` for `word` (few papers: scan)."""
        words = self.words
        if words is None or (scope.bit_count() <= self.scan_limit
                             and not words.has_cached(word, prefix)):
            return None
        return words

    def _word(self, word: str, prefix: bool, scope: int) -> int:
        """Papers of `scope` holding `word` in their catalogue text, tags or note."""
        tags, note = self.state.word_masks(word, prefix)
        words = self._indexed(word, prefix, scope)
        if words is None:
            found = self.text.word(word, prefix, scope)
        elif prefix and len(word) == 1:  # the first key typed: precomputed, or a scan
            found = words.initials.get(word, -1)
            if found == -1:
                found = self.text.word(word, prefix, scope)
        else:
            found = words.word_masks(word, prefix)[0]
        return (found | tags | note) & scope

    def _phrase(self, term: Term, scope: int) -> tuple[int, int]:
        """(papers of `scope` with the phrase, those having it in the title)."""
        candidates = scope
        for known, (kscope, kfound, _) in self._phrases.items():
            if implies(term, known) and scope & ~kscope == 0:
                if known == (term.words, term.prefix):
                    return kfound & scope, self._phrases[known][2] & scope
                candidates &= kfound
        last = len(term.words) - 1
        for i, word in enumerate(term.words):
            candidates = self._word(word, term.prefix and i == last, candidates)
            if not candidates:
                break
        titles = -1  # the papers having every word of the phrase in their title
        if self.words is not None and candidates:
            titles = candidates
            for i, word in enumerate(term.words):
                prefix = term.prefix and i == last
                if not (prefix and len(word) < 3):  # short prefixes: too many words to unite
                    titles &= self.words.field_mask(0, word, prefix)
        positions = bits.to_positions(candidates)
        found, in_title = self.text.phrase(positions, term.words, term.prefix, titles)
        extra = candidates  # papers whose tags or note hold every word of the phrase
        for i, word in enumerate(term.words):
            if extra:
                tags, note = self.state.word_masks(word, term.prefix and i == last)
                extra &= tags | note
        if extra:
            pattern = phrase_pattern(term)
            done = set(found)
            for p in bits.to_positions(extra):
                st = self._entries[p].state
                if p not in done and phrase_in(pattern, [st.note, *st.tags]):
                    found.append(p)
        size = self.text.size
        result = (bits.from_positions(sorted(found), size), bits.from_positions(in_title, size))
        self._phrases[(term.words, term.prefix)] = (scope, *result)
        if len(self._phrases) > 32:
            self._phrases.popitem(last=False)
        return result

    def _title_author(self, term: Term, mask: int) -> tuple[int, int]:
        """Masks of the papers of `mask` holding the word in their title, their authors."""
        words = self._indexed(term.words[0], term.prefix, mask)
        if words is not None:
            _, title, author = words.word_masks(term.words[0], term.prefix)
            return title & mask, author & mask
        word, prefix = term.words[0], term.prefix
        return (self.text.word(word, prefix, mask, TITLE),
                self.text.word(word, prefix, mask, AUTHORS))

    def _authors(self, flt: Filter, scope: int) -> int:
        """Papers of `scope` with one author holding all the filter's words."""
        words = self._indexed(flt.words[0], True, scope)
        for word in flt.words:
            if words is not None:
                scope &= words.field_mask(2, word, True)
            else:
                scope = self.text.word(word, True, scope, AUTHORS)
        positions = bits.to_positions(scope)
        if len(flt.words) > 1:
            plain = Filter("author", False, words=flt.words)
            positions = [p for p in positions if filter_matches(plain, self._entries[p])]
        return bits.from_positions(positions, self.text.size)
