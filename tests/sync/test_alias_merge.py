"""A paper known by a title id on one machine (a page copy, resolved later to its
arXiv id) and by its arXiv id on the other is one paper after the copies merge, with
both machines' reading state (field stamps) and both notes (the note-merge rules)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.ids import paper_id
from reader.model import Paper, Status
from reader.store import Library
from reader.store.merging import merge_into

TITLE = "Attention Is All You Need"
ARXIV = "1706.03762"
BY_TITLE, BY_ARXIV = paper_id(None, None, TITLE), f"arxiv:{ARXIV}"
OTHER = Paper(id="arxiv:2405.00001", title="Another paper")


def two_machines(tmp_path: Path) -> tuple[Path, Path]:
    """`here` met the paper in a page copy (title id) and resolved it later (its arXiv
    id filled); `there` added it by arXiv id. Each set its own reading state."""
    here, there = tmp_path / "here" / "library.json", tmp_path / "there" / "library.json"
    with Library.open(here, device="here") as lib:
        lib.add_papers([OTHER])
    there.parent.mkdir()
    for name in ("library.json", "library.state.json"):
        shutil.copy(here.with_name(name), there.with_name(name))
    with Library.open(here, device="here") as lib:
        lib.add_papers([Paper(id=BY_TITLE, title=TITLE)])
        lib.add_papers([Paper(id=BY_TITLE, title=TITLE, arxiv_id=ARXIV)])  # resolved
        assert lib.paper(BY_TITLE).arxiv_id == ARXIV
        lib.set_rating(BY_TITLE, 4)
        lib.set_note(BY_TITLE, "Here.")
    with Library.open(there, device="there") as lib:
        lib.add_papers([Paper(id=BY_ARXIV, title=TITLE, arxiv_id=ARXIV,
                              abstract="The Transformer.")])
        lib.set_status(BY_ARXIV, Status.READ)
        lib.add_tags(BY_ARXIV, ["ml"])
        lib.set_note(BY_ARXIV, "There.")
    return here, there


def assert_one_paper_with_both_states(db: Path, pid: str) -> None:
    with Library.open(db, create=False) as lib:
        ids = [p.id for p in lib.papers()]
        assert sorted(ids) == sorted([OTHER.id, pid])
        assert lib.paper(pid).abstract == "The Transformer."
        state = lib.state(pid)
        assert (state.status, state.rating, state.tags) == (Status.READ, 4, ["ml"])
        assert "Here." in state.note and "There." in state.note
        assert lib.resolve(BY_ARXIV) == pid


@pytest.mark.parametrize("first", ["library.json", "library.state.json"])
def test_reader_merge_joins_the_two_ids_whichever_file_comes_first(
        tmp_path: Path, first: str, capsys: pytest.CaptureFixture[str]) -> None:
    here, there = two_machines(tmp_path)
    order = [first, *({"library.json", "library.state.json"} - {first})]
    for name in order:
        assert main(["--db", str(here), "merge", str(there.with_name(name))]) == 0
    assert_one_paper_with_both_states(here, BY_TITLE)  # here keeps its id
    for name in order:
        assert main(["--db", str(there), "merge", str(here.with_name(name))]) == 0
    assert_one_paper_with_both_states(there, BY_ARXIV)  # and there its own
    capsys.readouterr()


def test_the_merge_driver_joins_the_two_ids_in_the_catalogue(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path)
    merge_into(here, there)
    papers = json.loads(here.read_text())["papers"].values()
    assert sorted(p["id"] for p in papers) == sorted([OTHER.id, BY_TITLE])
    merge_into(there, here.with_name("library.json"))
    papers = json.loads(there.read_text())["papers"].values()
    assert sorted(p["id"] for p in papers) == sorted([OTHER.id, BY_ARXIV])


def test_a_git_style_merge_of_both_files_then_opening_joins_the_states(tmp_path: Path) -> None:
    """The merge driver merges each file alone; the next `reader` command that merges
    (here `reader sync`'s own step, run as `join_aliases`) folds the state kept
    under the other id into the paper's."""
    here, there = two_machines(tmp_path)
    merge_into(here, there)
    merge_into(here.with_name("library.state.json"), there.with_name("library.state.json"))
    with Library.open(here, device="here") as lib:
        assert lib.join_aliases() == 1
    assert_one_paper_with_both_states(here, BY_TITLE)
