"""The "for you" order: papers like those the user kept first, like those skipped last.

A Rocchio profile over the related-papers engine's TF-IDF vectors (related.py):
the unit vectors of the papers the user kept (rated 4-5, read, reading, to read)
are averaged, those of the papers skipped or rated 1-2 averaged and subtracted
(weighed BETA). Scoring every paper by cosine would tokenize the whole library;
instead the profile's strongest stems are looked up in the word index and each
paper holding one gains the stem's weight (twice in the title), damped for long
papers as BM25 does: one numpy add per stem, no pass over the library's text.

    order(index, positions)  -> (positions best first, note)   # note: why unranked
    reason(index, pos)       -> 'like "Concept Bottleneck Models", which you rated 5'
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from reader.model import Entry, Status
from reader.search import bits
from reader.search.reading_state import ReadingStateIndex
from reader.search.related import TITLE_REPEAT, Stats, cached_stem
from reader.search.scan import TextScan
from reader.search.tokens import STOP_WORDS
from reader.search.word_index import WordIndex

if TYPE_CHECKING:  # numpy is imported when a for-you order is asked for, not before
    import numpy as np
    import numpy.typing as npt

BETA = 0.75
"""Weight of what the user pushed away, against what they kept (Rocchio's beta)."""
STEMS = 300
"""The profile's strongest stems looked up in the word index."""
PROFILE_MAX = 500
"""At most this many papers kept (and as many pushed away) make the profile: the
cost of a profile stays bounded in a library with years of decisions."""
KEPT = (Status.TO_READ, Status.READING, Status.READ)
NO_DECISIONS = "for you: no decisions yet (rate, read or skip a few papers); default order"


class Library(Protocol):
    """What the for-you order reads of the search index (search_index.SearchIndex)."""

    @property
    def state(self) -> ReadingStateIndex: ...
    @property
    def text(self) -> TextScan: ...
    @property
    def alive(self) -> int: ...
    def __len__(self) -> int: ...
    def word_index(self) -> WordIndex: ...
    def entry_at(self, pos: int) -> Entry: ...


@dataclass(slots=True)
class Profile:
    """What the user's decisions say: a weight per stem, and the papers behind it."""

    weights: dict[str, float]
    liked: list[tuple[int, dict[str, float]]] = field(default_factory=list)
    """(position, unit vector) of the papers kept."""
    disliked: list[tuple[int, dict[str, float]]] = field(default_factory=list)
    key: tuple[int, int, int] = (0, 0, 0)
    """What the profile was built from (kept mask, pushed-away mask, paper count)."""


def _masks(index: Library) -> tuple[int, int]:
    """(papers kept, papers pushed away) as position masks, at most PROFILE_MAX
    each: the strongest signals first (rated 5, 4, then read, reading, to read;
    rated 1, 2, then skipped)."""
    state, alive = index.state, index.alive
    low = state.rating_masks[1] | state.rating_masks[2]
    kept = _capped([state.rating_masks[5], state.rating_masks[4],
                    *(state.status_masks[s.value] & ~low for s in KEPT)], alive)
    away = _capped([state.rating_masks[1], state.rating_masks[2],
                    state.status_masks[Status.SKIPPED.value] & ~state.rating_masks[4]
                    & ~state.rating_masks[5]], alive & ~kept)
    return kept, away


def _capped(masks: list[int], alive: int) -> int:
    """The union of `masks` (within `alive`), taken in order until PROFILE_MAX papers."""
    taken = 0
    for mask in masks:
        mask &= alive & ~taken
        room = PROFILE_MAX - taken.bit_count()
        if room <= 0:
            break
        if mask.bit_count() > room:
            mask = sum(1 << p for p in bits.to_positions(mask)[-room:])  # the latest added
        taken |= mask
    return taken


def _vector(index: Library, stats: Stats, pos: int) -> dict[str, float]:
    """A paper's unit TF-IDF vector of single stems, title counted twice (as
    related.py weighs them), read from the folded text the index already holds:
    C-level splits, no tokenizer pass."""
    doc = index.text.docs[pos]
    mark = doc.find(b"\x02")
    title = doc[:mark] if mark >= 0 else doc
    body = b""
    if mark >= 0:
        stop = doc.find(b"\x01", mark)
        cut = doc.find(b"\x03", mark)
        stop = min(x for x in (stop, cut, len(doc)) if x >= 0)
        body = doc[mark + 1:stop]
    counts: Counter[bytes] = Counter(body.split())
    for raw in title.split():
        counts[raw] += TITLE_REPEAT
    tf: dict[str, int] = {}
    for raw, n in counts.items():
        text = raw.decode("utf-8", "replace")
        if len(text) < 2 or text.isdigit() or text in STOP_WORDS:
            continue
        s = cached_stem(text)
        tf[s] = tf.get(s, 0) + n
    idf = stats.idf
    return _unit({s: (1 + math.log(n)) * idf(s) for s, n in tf.items()})


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {s: w / norm for s, w in vector.items()} if norm else {}


def profile(index: Library) -> Profile | None:
    """The user's profile, or None when they decided nothing yet (cached until a
    decision changes)."""
    kept, away = _masks(index)
    if not kept:
        return None  # skips alone say what to avoid, not what to read first
    key = (kept, away, len(index))
    cat = index.word_index()
    cached = cat.extras.get("foryou")
    if isinstance(cached, Profile) and cached.key == key:
        return cached
    stats = Stats.of(cat, len(index))
    liked = [(p, _vector(index, stats, p)) for p in bits.to_positions(kept)]
    disliked = [(p, _vector(index, stats, p)) for p in bits.to_positions(away)]
    weights: dict[str, float] = {}
    for vectors, sign in ((liked, 1.0 / len(liked)), (disliked, -BETA / max(len(disliked), 1))):
        for _, vector in vectors:
            for s, w in vector.items():
                weights[s] = weights.get(s, 0.0) + sign * w
    strongest = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:STEMS]
    made = Profile(dict(strongest), liked, disliked, key)
    cat.extras["foryou"] = made
    return made


def scores(index: Library, made: Profile) -> npt.NDArray[np.float64]:
    """Every position's score under `made` (higher is better)."""
    import numpy as np

    cat = index.word_index()
    stats = Stats.of(cat, len(index))
    total = np.zeros(cat.size, dtype=np.float64)
    for s, weight in made.weights.items():
        for term in stats.surface(s):
            for fieldno, boost in ((0, 2.0), (1, 1.0)):
                arr = cat.postings[fieldno].get(term)
                if arr is not None and len(arr):
                    total[np.frombuffer(arr, dtype=np.uint32)] += weight * boost
    norms = np.frombuffer(stats.length_norms(), dtype=np.float64)
    result: npt.NDArray[np.float64] = total * norms[: cat.size]
    return result


def order(index: Library, positions: list[int]) -> tuple[list[int], str]:
    """`positions` best first for the user, and a note when there is no profile
    (then they stay in library order)."""
    made = profile(index)
    if made is None:
        return positions, NO_DECISIONS
    import numpy as np

    values = scores(index, made)
    where = np.fromiter(positions, dtype=np.int64, count=len(positions))
    inside = where < len(values)
    mine = np.zeros(len(where), dtype=np.float64)
    mine[inside] = values[where[inside]]
    best = np.argsort(-mine, kind="stable")  # ties keep the order they came in
    return where[best].tolist(), ""


def reason(index: Library, pos: int) -> str:
    """One line on why `pos` is where it is in the for-you order ("" if no reason)."""
    made = profile(index)
    if made is None:
        return ""
    stats = Stats.of(index.word_index(), len(index))
    mine = _vector(index, stats, pos)
    if not mine:
        return ""

    def closest(vectors: list[tuple[int, dict[str, float]]]) -> tuple[float, int]:
        best = (0.0, -1)
        for p, vector in vectors:
            if p != pos:
                sim = sum(w * vector.get(s, 0.0) for s, w in mine.items())
                best = max(best, (sim, p))
        return best

    like, liked = closest(made.liked)
    unlike, disliked = closest(made.disliked)
    if liked >= 0 and like >= unlike and like > 0.05:
        return f"like “{_title(index.entry_at(liked))}”, which you {_did(index.entry_at(liked))}"
    if disliked >= 0 and unlike > 0.05:
        return (f"close to “{_title(index.entry_at(disliked))}”, which you "
                f"{_did(index.entry_at(disliked))}")
    return "shares little with the papers you decided on"


def _title(entry: Entry) -> str:
    title = " ".join(entry.paper.title.split())
    return title if len(title) <= 60 else title[:59] + "…"


def _did(entry: Entry) -> str:
    state = entry.state
    if state.rating:
        return f"rated {state.rating}"
    return {Status.TO_READ: "want to read", Status.READING: "are reading",
            Status.READ: "read", Status.SKIPPED: "skipped"}.get(state.status, "kept")
