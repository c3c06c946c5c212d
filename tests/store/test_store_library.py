"""The Library API, run against both the in-memory and the on-disk storage."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from store_fixtures import FakeClock, make_papers

from reader.errors import ReaderError, UnknownPaperError
from reader.model import Paper, ReadingState, Status
from reader.store import Library

P0, P1, P2 = "arxiv:2401.00000", "arxiv:2401.00001", "arxiv:2401.00002"


def test_import_adds_then_merges_without_touching_state(lib: Library) -> None:
    lib.set_status(P0, Status.READ)
    again = lib.add_papers(make_papers(5))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)

    richer = replace(make_papers(1)[0], doi="10.1/x", venue="ICML", title="Other title")
    bare = Paper(id="arxiv:2402.00001", title="New one")
    report = lib.add_papers([richer, bare])
    assert (report.added, report.updated, report.unchanged) == (1, 1, 0)
    merged = lib.paper(P0)
    assert (merged.doi, merged.venue) == ("10.1/x", "ICML")
    assert merged.title == "Paper number 0"  # existing metadata is never overwritten
    assert lib.state(P0).status is Status.READ  # import never touches reading state
    assert [p.id for p in lib.papers()][-1] == "arxiv:2402.00001"  # import order kept
    assert len(lib) == 6


def test_import_stamps_added_at_from_clock_and_reports_progress(lib: Library) -> None:
    seen: list[tuple[int, int]] = []
    lib.add_papers(make_papers(3, prefix="2403"), progress=lambda i, n: seen.append((i, n)))
    assert seen[-1] == (3, 3)
    assert lib.paper("arxiv:2403.00000").added_at.startswith("2026-01-01T12:")


def test_import_states_apply_only_to_papers_without_state(lib: Library) -> None:
    lib.set_rating(P0, 2)
    states = {P0: ReadingState(P0, status=Status.READ, rating=5),
              P1: ReadingState(P1, status=Status.READ, rating=5, tags=["#Deep Learning"])}
    lib.add_papers(make_papers(5), states=states)
    assert lib.state(P0).rating == 2 and lib.state(P0).status is Status.NEW
    assert lib.state(P1).rating == 5 and lib.state(P1).tags == ["deep-learning"]


def test_status_change_records_history_with_clock(lib: Library, clock: FakeClock) -> None:
    change = lib.set_status(P1, Status.READING)
    assert change.description == "status: new → reading"
    assert change.before.status is Status.NEW and change.after.status is Status.READING
    history = lib.state(P1).history
    assert [(h.status, h.previous) for h in history] == [(Status.READING, Status.NEW)]
    assert history[0].at == clock.now.isoformat(timespec="seconds")
    same = lib.set_status(P1, Status.READING)
    assert "unchanged" in same.description and len(lib.state(P1).history) == 1


def test_rating_tags_note(lib: Library) -> None:
    assert lib.set_rating(P0, 4).description == "rating: 4"
    assert lib.set_rating(P0, None).description == "rating cleared"
    assert lib.state(P0).rating is None
    with pytest.raises(ReaderError):
        lib.set_rating(P0, 6)
    assert lib.add_tags(P0, ["#ML", "nlp, vision", "ml"]).description == "tags: +ml +nlp +vision"
    assert lib.remove_tags(P0, ["NLP"]).description == "tags: -nlp"
    assert lib.state(P0).tags == ["ml", "vision"]
    with pytest.raises(ReaderError):
        lib.add_tags(P0, ["  ", "#"])
    lib.set_note(P0, "evil \x1b[31mred\x1b[0m\r\nline two\n\n")
    assert lib.state(P0).note == "evil red\nline two"
    assert lib.set_note(P0, "").description == "note cleared"


def test_undo_reverts_changes_in_reverse_order(lib: Library) -> None:
    lib.set_status(P0, Status.TO_READ)
    lib.set_rating(P0, 3)
    lib.add_tags(P0, ["x"])
    undone = lib.undo()
    assert undone is not None and undone.description == "undone: tags: +x"
    assert lib.state(P0).tags == [] and lib.state(P0).rating == 3
    lib.undo()
    lib.undo()
    assert lib.state(P0).status is Status.NEW and lib.state(P0).is_default
    assert lib.undo() is None


def test_undo_of_a_cleared_rating(lib: Library) -> None:
    lib.set_rating(P0, 2)
    lib.set_rating(P0, None)
    lib.undo()
    assert lib.state(P0).rating == 2


def test_queue_moves(lib: Library) -> None:
    for pid in (P0, P1, P2):
        lib.set_status(pid, Status.TO_READ)
    assert [e.paper.id for e in lib.queue()] == [P0, P1, P2]
    lib.move_in_queue(P2, -1)
    assert [e.paper.id for e in lib.queue()] == [P0, P2, P1]
    assert "already at the top" in lib.move_in_queue(P0, -3).description
    lib.undo()
    assert [e.paper.id for e in lib.queue()] == [P0, P1, P2]
    with pytest.raises(ReaderError):
        lib.move_in_queue("arxiv:2401.00004", 1)


def test_saved_searches(lib: Library) -> None:
    lib.save_search("todo", "status:to-read")
    lib.save_search("ml", "tag:ml")
    lib.save_search("todo", "status:to-read rating:>=4")
    assert lib.saved_searches() == {"todo": "status:to-read rating:>=4", "ml": "tag:ml"}
    lib.delete_search("ml")
    lib.delete_search("not there")
    assert lib.saved_searches() == {"todo": "status:to-read rating:>=4"}


@pytest.mark.parametrize(("given", "expected"), [
    (P1, P1), ("arxiv:2401.00003", "arxiv:2401.00003"), ("2401.00002", P2),
    ("2401.00002v3", P2), ("ARXIV:2401.00004", "arxiv:2401.00004"),
    ("https://arxiv.org/abs/2401.00001v2", P1),
])
def test_resolve_accepts_ids_prefixes_and_bare_arxiv_ids(lib: Library, given: str,
                                                         expected: str) -> None:
    assert lib.resolve(given) == expected


def test_resolve_without_scheme_pools_all_kinds_of_ids(lib: Library) -> None:
    lib.add_papers([Paper(id="doi:10.5555/abc", title="A DOI paper"),
                    Paper(id="title:0a1b2c3d4e5f", title="No id at all")])
    assert lib.resolve("10.5555/ABC") == "doi:10.5555/abc"
    assert lib.resolve("0a1b") == "title:0a1b2c3d4e5f"
    assert lib.resolve("title:0a") == "title:0a1b2c3d4e5f"
    lib.add_papers([Paper(id="title:24010000aaaa", title="Hash that looks like a date")])
    with pytest.raises(UnknownPaperError, match="matches 6 papers"):
        lib.resolve("2401")
    assert lib.resolve("2401.00001") == P1


def test_resolve_errors_name_the_candidates(lib: Library) -> None:
    with pytest.raises(UnknownPaperError, match="matches 5 papers"):
        lib.resolve("2401")
    with pytest.raises(UnknownPaperError, match="0 candidates"):
        lib.resolve("9999")
    with pytest.raises(UnknownPaperError):
        lib.set_status("arxiv:9999.00000", Status.READ)


def test_entries_follow_changes_and_are_not_shared_lists(lib: Library) -> None:
    first = lib.entries()
    assert [e.paper.id for e in first][:2] == [P0, P1]
    lib.set_status(P1, Status.READ)
    after = lib.entries()
    assert after[1].state.status is Status.READ
    assert first[1].state.status is Status.NEW  # earlier snapshots are not mutated
    after.clear()
    assert len(lib.entries()) == 5
    assert lib.entry(P1).to_dict()["status"] == "read"


def test_untouched_papers_are_not_stored_and_a_state_set_back_keeps_its_stamps(
        lib: Library) -> None:
    lib.set_rating(P0, 5)
    lib.undo()
    assert lib.state(P0).rating is None
    if lib.path is not None:
        text = lib.path.with_name("library.state.json").read_text()
        assert P1 not in text
        # the cleared rating keeps the stamp that lets it win over the older 5 in a merge
        assert '"rating":null' in text and '"at":{"rating":' in text


# --- on disk only -----------------------------------------------------------------

def test_everything_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    with Library.open(path, clock=FakeClock()) as lib:
        lib.add_papers(make_papers(3))
        lib.set_status(P0, Status.READ)
        lib.set_rating(P0, 5)
        lib.add_tags(P1, ["keep"])
        lib.set_note(P2, "my **private** note")
        lib.save_search("s", "q")
        before = [e.to_dict() for e in lib.entries()]
    with Library.open(path, create=False) as again:
        assert [e.to_dict() for e in again.entries()] == before
        assert again.state(P0).history[0].status is Status.READ
        assert again.saved_searches() == {"s": "q"}
        assert again.undo() is None  # undo is per process, in memory


def test_two_processes_see_and_merge_each_others_changes(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    with Library.open(path) as app, Library.open(path) as cli:
        app.add_papers(make_papers(3))
        assert app.reload_if_changed() is False
        assert cli.reload_if_changed() is True
        assert cli.resolve("2401.00001") == P1
        cli.add_tags(P1, ["from-cli"])
        entries_before = app.entries()
        assert app.reload_if_changed() is True
        assert app.entry(P1).state.tags == ["from-cli"]
        assert app.entries()[1].state.tags == ["from-cli"]
        assert entries_before[1].state.tags == []
        app.add_tags(P1, ["from-app"])  # a change made after the other one: both kept
        cli.set_rating(P1, 3)
    with Library.open(path, create=False) as lib:
        state = lib.state(P1)
        assert (state.tags, state.rating) == (["from-cli", "from-app"], 3)


def test_undo_never_overwrites_a_change_made_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    with Library.open(path) as app, Library.open(path) as cli:
        app.add_papers(make_papers(2))
        app.set_note(P0, "draft")
        cli.set_note(P0, "written in another terminal")
        with pytest.raises(ReaderError, match="changed elsewhere"):
            app.undo()
        assert app.state(P0).note == "written in another terminal"
        cli.undo()
        assert app.reload_if_changed() is True
        assert app.state(P0).note == "draft"


def test_imports_from_two_processes_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    with Library.open(path) as app, Library.open(path) as cli:
        app.add_papers(make_papers(2))
        cli.add_papers(make_papers(2, prefix="2402"))  # re-reads app's import first
        app.add_papers([replace(make_papers(1, prefix="2402")[0], venue="NeurIPS")])
        app.set_status("arxiv:2402.00001", Status.READ)
    with Library.open(path, create=False) as lib:
        assert [p.id for p in lib.papers()] == [P0, P1, "arxiv:2402.00000", "arxiv:2402.00001"]
        assert lib.paper("arxiv:2402.00000").venue == "NeurIPS"
        assert lib.state("arxiv:2402.00001").status is Status.READ
