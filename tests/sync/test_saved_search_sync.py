"""Saved searches sync like tags: a deletion on one machine wins over the older copy
on the other, a rename is a deletion plus an addition, and state files written
before deletions were recorded (schema 2) still load and merge."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sync_fixtures import SkewedClock

from reader.errors import ReaderError
from reader.model import Paper
from reader.store import Library
from reader.store.mergeable_searches import merge_tables
from reader.store.merging import merge_into
from reader.store.schema import SCHEMAS, SEARCHES_TABLE, STATE

P0 = "arxiv:2405.00000"


def two_machines(tmp_path: Path, searches: dict[str, str]) -> tuple[Path, Path]:
    """Two copies of one library that both hold `searches` (synced once)."""
    here, there = tmp_path / "here" / "library.json", tmp_path / "there" / "library.json"
    with Library.open(here, device="here") as lib:
        lib.add_papers([Paper(id=P0, title="Paper 0")])
        for name, query in searches.items():
            lib.save_search(name, query)
    there.parent.mkdir()
    for name in ("library.json", "library.state.json"):
        shutil.copy(here.with_name(name), there.with_name(name))
    return here, there


def merged_both_ways(here: Path, there: Path) -> tuple[dict[str, str], dict[str, str]]:
    with Library.open(here, device="here") as a, Library.open(there, device="there") as b:
        a.merge_file(there.with_name("library.state.json"))
        b.merge_file(here.with_name("library.state.json"))
        return a.saved_searches(), b.saved_searches()


def test_a_search_deleted_on_one_machine_stays_deleted_after_a_sync(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path, {"todo": "status:to-read", "ml": "tag:ml"})
    with Library.open(there, device="there") as lib:
        lib.delete_search("ml")
    ours, theirs = merged_both_ways(here, there)
    assert ours == theirs == {"todo": "status:to-read"}


def test_a_renamed_search_is_not_back_under_its_old_name(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path, {"kv": "kv cache"})
    with Library.open(here, device="here") as lib:
        lib.rename_search("kv", "kv caches")
    ours, theirs = merged_both_ways(here, there)
    assert ours == theirs == {"kv caches": "kv cache"}


def test_a_search_saved_again_after_the_deletion_elsewhere_is_kept(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path, {"ml": "tag:ml"})
    with Library.open(there, device="there") as lib:
        lib.delete_search("ml")
    with Library.open(here, device="here") as lib:  # later than the deletion
        lib.save_search("ml", "tag:ml rating:>=4")
    ours, theirs = merged_both_ways(here, there)
    assert ours == theirs == {"ml": "tag:ml rating:>=4"}


def test_a_deleted_search_can_be_saved_again_on_the_same_machine(tmp_path: Path) -> None:
    here, _ = two_machines(tmp_path, {"ml": "tag:ml"})
    with Library.open(here, device="here") as lib:
        lib.delete_search("ml")
        assert lib.saved_searches() == {}
        lib.save_search("ml", "tag:ml")
        lib.rename_search("ml", "learning")
        lib.save_search("ml", "tag:ml again")
    with Library.open(here, create=False) as lib:
        assert lib.saved_searches() == {"learning": "tag:ml", "ml": "tag:ml again"}


def schema_2_state(searches: dict[str, str]) -> dict[str, Any]:
    """A state file as the previous Reader wrote it: searches without stamps."""
    return {"_meta": {"1": {"app": "reader", "kind": "state", "schema": 2}},
            "state": {},
            "searches": {str(i): {"name": n, "query": q}
                         for i, (n, q) in enumerate(searches.items(), 1)}}


def test_a_schema_2_state_file_loads_and_merges(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path, {})
    old = {"todo": "status:to-read", "ml": "tag:ml"}
    for path in (here, there):
        path.with_name("library.state.json").write_text(json.dumps(schema_2_state(old)))
    with Library.open(here, create=False) as lib:
        assert lib.saved_searches() == old
    with Library.open(there, device="there") as lib:
        lib.delete_search("ml")  # written in the current schema, with a tombstone
    data = json.loads(there.with_name("library.state.json").read_text())
    assert data["_meta"]["1"]["schema"] == SCHEMAS[STATE]
    ours, theirs = merged_both_ways(here, there)
    assert ours == theirs == {"todo": "status:to-read"}


def test_two_schema_2_files_merge_as_before_the_greater_query_winning(tmp_path: Path) -> None:
    ours_path, theirs_path = tmp_path / "ours.json", tmp_path / "theirs.json"
    ours_path.write_text(json.dumps(schema_2_state({"a": "x", "b": "old"})))
    theirs_path.write_text(json.dumps(schema_2_state({"b": "young", "c": "z"})))
    report = merge_into(ours_path, theirs_path)
    assert report.searches_changed == 2
    data = json.loads(ours_path.read_text())
    assert {d["name"]: d["query"] for d in data["searches"].values()} == {
        "a": "x", "b": "young", "c": "z"}


def test_the_merge_driver_keeps_a_deletion(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path, {"todo": "status:to-read", "ml": "tag:ml"})
    with Library.open(there, device="there") as lib:
        lib.delete_search("ml")
    ours = here.with_name("library.state.json")
    merge_into(ours, there.with_name("library.state.json"))
    with Library.open(here, create=False) as lib:
        assert lib.saved_searches() == {"todo": "status:to-read"}


# --- replicas saving, deleting, renaming and merging in random orders converge ---------------

NAMES = ["a", "b", "c"]
search_op = st.tuples(st.sampled_from(["save", "delete", "rename", "merge"]),
                      st.integers(0, 2), st.integers(0, 2), st.integers(0, 2))


def live(table: dict[str, Any]) -> dict[str, str]:
    return {d["name"]: d["query"] for d in table.values() if "gone" not in d}


@settings(max_examples=100, deadline=None)
@given(steps=st.lists(search_op, max_size=25), perm=st.permutations([0, 1, 2]))
def test_saved_searches_of_replicas_converge_in_any_order(
        steps: list[tuple[str, int, int, int]], perm: list[int]) -> None:
    libs = [Library.open(None, clock=SkewedClock(skew), device=f"m{i}")
            for i, skew in enumerate((-3, 0, 4))]
    for kind, r, x, y in steps:
        lib = libs[r]
        if kind == "save":
            lib.save_search(NAMES[x], f"query {y}")
        elif kind == "delete":
            lib.delete_search(NAMES[x])
        elif kind == "rename" and NAMES[x] in lib.saved_searches():
            with contextlib.suppress(ReaderError):  # the new name is taken
                lib.rename_search(NAMES[x], NAMES[y])
        elif kind == "merge" and x != r:
            lib.merge_data(STATE, libs[x].state_data())
    tables = [lib.state_data()[SEARCHES_TABLE] for lib in libs]
    results = []
    for order in (perm, perm[::-1]):
        acc: dict[str, Any] = {}
        for i in order:
            acc = merge_tables(acc, tables[i])[0]
        results.append(live(acc))
        assert live(merge_tables(acc, acc)[0]) == results[-1]  # idempotent
    assert results[0] == results[1]  # the order does not matter
    for _ in range(2):
        for i in perm:
            for j in perm:
                if i != j:
                    libs[j].merge_data(STATE, libs[i].state_data())
    assert all(lib.saved_searches() == results[0] for lib in libs)
