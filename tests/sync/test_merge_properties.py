"""Property tests of the state merge: replicas of one library, changed apart and
merged in random orders and groupings, converge; no acknowledged note text is lost.

Each replica is a real Library (in memory) with its own machine name and clock
(the clocks disagree by minutes, as real machines' clocks can).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sync_fixtures import SkewedClock

from reader.errors import ReaderError
from reader.model import Paper, Status
from reader.store import Library
from reader.store.merging import merge_states
from reader.store.schema import STATE, STATE_TABLE

PAPERS = [Paper(id=f"arxiv:2401.0000{i}", title=f"Paper {i}") for i in range(3)]
TAGS = ["ml", "nlp", "vision"]


@dataclass
class World:
    libs: list[Library]
    written: list[tuple[str, str]] = field(default_factory=list)
    """(paper id, note text) of every note saved."""
    seen_when_edited: list[tuple[str, str]] = field(default_factory=list)
    """(paper id, note shown) on the replica at each note edit: texts in it were
    acknowledged by the user who replaced them."""


def make_world(n: int) -> World:
    libs = []
    for i in range(n):
        lib = Library.open(None, clock=SkewedClock(skew_minutes=(-3, 0, 4)[i]),
                           device=f"machine{i}")
        lib.add_papers(PAPERS)
        libs.append(lib)
    return World(libs)


def by_paper(data: dict[str, Any]) -> dict[str, Any]:
    return {doc["paper_id"]: doc for doc in data[STATE_TABLE].values()}


op = st.one_of(
    st.tuples(st.just("status"), st.integers(0, 2), st.integers(0, 2),
              st.sampled_from(list(Status))),
    st.tuples(st.just("rating"), st.integers(0, 2), st.integers(0, 2),
              st.sampled_from([None, 1, 3, 5])),
    st.tuples(st.just("tag"), st.integers(0, 2), st.integers(0, 2), st.sampled_from(TAGS)),
    st.tuples(st.just("untag"), st.integers(0, 2), st.integers(0, 2), st.sampled_from(TAGS)),
    st.tuples(st.just("note"), st.integers(0, 2), st.integers(0, 2), st.booleans()),
    st.tuples(st.just("undo"), st.integers(0, 2), st.integers(0, 2), st.none()),
    st.tuples(st.just("queue"), st.integers(0, 2), st.integers(0, 2), st.sampled_from([-1, 1])),
    st.tuples(st.just("merge"), st.integers(0, 2), st.integers(0, 2), st.none()),
)


def apply(world: World, step: tuple[Any, ...], counter: list[int]) -> None:
    kind, r, x, arg = step
    lib = world.libs[r % len(world.libs)]
    pid = PAPERS[x].id
    if kind == "status":
        lib.set_status(pid, arg)
    elif kind == "rating":
        lib.set_rating(pid, arg)
    elif kind == "tag":
        lib.add_tags(pid, [arg])
    elif kind == "untag":
        lib.remove_tags(pid, [arg])
    elif kind == "note":
        counter[0] += 1
        shown = lib.state(pid).note
        text = f"note{counter[0]}x" if not arg else (shown + f"\nline{counter[0]}x").strip()
        world.seen_when_edited.append((pid, shown))
        world.written.append((pid, text))
        lib.set_note(pid, text)
    elif kind == "queue":
        lib.set_status(pid, Status.TO_READ)
        with contextlib.suppress(ReaderError):  # not in the queue (a merge changed it)
            lib.move_in_queue(pid, arg)
    elif kind == "undo":
        try:
            change = lib.undo()
        except ReaderError:  # refused: changed elsewhere since (a merge)
            return
        if change is not None and change.before.note != change.after.note:
            world.seen_when_edited.append((change.paper_id, change.before.note))
    elif kind == "merge":
        other = world.libs[x % len(world.libs)]
        if other is not lib:
            lib.merge_data(STATE, other.state_data())


def fold(datas: list[dict[str, Any]], order: list[int], right: bool) -> dict[str, Any]:
    """Merge all datas in `order`, grouped to the left or to the right."""
    items = [datas[i] for i in order]
    if right:
        acc = items[-1]
        for d in reversed(items[:-1]):
            acc = merge_states(d, acc)[0]
        return acc
    acc = items[0]
    for d in items[1:]:
        acc = merge_states(acc, d)[0]
    return acc


@settings(max_examples=150, deadline=None)
@given(n=st.integers(2, 3), steps=st.lists(op, max_size=30),
       perm=st.permutations([0, 1, 2]), perm2=st.permutations([0, 1, 2]))
def test_replicas_converge_in_any_order_and_keep_every_acknowledged_note(
        n: int, steps: list[tuple[Any, ...]], perm: list[int], perm2: list[int]) -> None:
    world = make_world(n)
    counter = [0]
    for step in steps:
        apply(world, step, counter)
    datas = [lib.state_data() for lib in world.libs]
    order1 = [i for i in perm if i < n]
    order2 = [i for i in perm2 if i < n]
    left = by_paper(fold(datas, order1, right=False))
    right = by_paper(fold(datas, order2, right=True))
    assert left == right  # commutative and associative
    twice = by_paper(fold([fold(datas, order1, False)] * 2, [0, 1], False))
    assert twice == left  # idempotent
    # the libraries themselves, merged pairwise round the ring twice, reach the same state
    for _ in range(2):
        for i in order1:
            for j in order1:
                if i != j:
                    world.libs[j].merge_data(STATE, world.libs[i].state_data())
    finals = [by_paper(lib.state_data()) for lib in world.libs]
    for final in finals:
        assert final == left
    for pid, text in world.written:
        note = world.libs[0].state(pid).note
        acknowledged = any(p == pid and text in shown for p, shown in world.seen_when_edited)
        assert text in note or acknowledged, (text, note)


# --- the document merge itself, on states migrated from schema 1 (equal stamps) ------------

old_docs = st.fixed_dictionaries({
    "paper_id": st.just("arxiv:2401.00000"),
    "status": st.sampled_from([s.value for s in Status]),
    "rating": st.sampled_from([None, 1, 4]),
    "tags": st.lists(st.sampled_from(TAGS), unique=True, max_size=3),
    "note": st.sampled_from(["", "alpha", "beta", "alpha beta"]),
    "history": st.just([]),
    "updated_at": st.sampled_from([None, "2026-01-01T10:00:00+00:00",
                                   "2026-01-02T10:00:00+00:00"]),
    "queue_pos": st.sampled_from([None, 0.0, 2.0]),
})


@settings(max_examples=300, deadline=None)
@given(st.lists(old_docs, min_size=3, max_size=3))
def test_merging_documents_is_commutative_associative_idempotent(
        docs: list[dict[str, Any]]) -> None:
    from reader.store.mergeable import legacy_meta, merge_docs

    a, b, c = ({**d, "sync": legacy_meta(d)} for d in docs)
    assert merge_docs(a, b) == merge_docs(b, a)
    assert merge_docs(merge_docs(a, b), c) == merge_docs(a, merge_docs(b, c))
    ab = merge_docs(a, b)
    assert merge_docs(ab, ab) == ab and merge_docs(ab, a) == ab
    for d in (a, b):
        assert d["note"] in ab["note"]  # two different notes are both kept
