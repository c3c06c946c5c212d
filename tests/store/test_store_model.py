"""Random sequences of changes: memory and disk agree, and the disk survives a reopen."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from store_fixtures import FakeClock, make_papers

from reader.errors import ReaderError
from reader.model import Status
from reader.store import Library

IDS = [p.id for p in make_papers(4)]
ops = st.lists(st.one_of(
    st.tuples(st.just("status"), st.sampled_from(IDS), st.sampled_from(list(Status))),
    st.tuples(st.just("rating"), st.sampled_from(IDS), st.none() | st.integers(1, 5)),
    st.tuples(st.just("tag"), st.sampled_from(IDS), st.sampled_from(["a", "b", "#C d"])),
    st.tuples(st.just("untag"), st.sampled_from(IDS), st.sampled_from(["a", "b", "c-d"])),
    st.tuples(st.just("note"), st.sampled_from(IDS), st.text(max_size=20)),
    st.tuples(st.just("move"), st.sampled_from(IDS), st.integers(-2, 2)),
    st.tuples(st.just("undo"), st.just(""), st.just(0)),
    st.tuples(st.just("search"), st.sampled_from(["x", "y"]), st.sampled_from(["q", ""])),
), max_size=25)


def apply(lib: Library, op: tuple[str, str, Any]) -> str:
    kind, pid, arg = op
    try:
        if kind == "status":
            return lib.set_status(pid, arg).description
        if kind == "rating":
            return lib.set_rating(pid, arg).description
        if kind == "tag":
            return lib.add_tags(pid, [arg]).description
        if kind == "untag":
            return lib.remove_tags(pid, [arg]).description
        if kind == "note":
            return lib.set_note(pid, arg).description
        if kind == "move":
            return lib.move_in_queue(pid, arg).description
        if kind == "search":
            if arg:
                lib.save_search(pid, arg)
            else:
                lib.delete_search(pid)
            return "search"
        change = lib.undo()
        return change.description if change else "nothing"
    except ReaderError as exc:
        return f"error: {exc}"


def snapshot(lib: Library) -> tuple[list[dict[str, Any]], dict[str, str]]:
    return [e.state.to_dict() for e in lib.entries()], lib.saved_searches()


@settings(max_examples=25, deadline=None)
@given(sequence=ops)
def test_memory_and_disk_agree_and_disk_reopens_the_same(sequence: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "library.json"
        with Library.open(None, clock=FakeClock()) as mem, \
                Library.open(path, clock=FakeClock()) as disk:
            mem.add_papers(make_papers(4))
            disk.add_papers(make_papers(4))
            for op in sequence:
                assert apply(mem, op) == apply(disk, op)
            expected = snapshot(mem)
            assert snapshot(disk) == expected
        with Library.open(path, create=False) as again:
            assert snapshot(again) == expected
        problems = [x for x in Library.check(path) if x.startswith(("error", "warning"))]
        assert problems == []
