"""Two machines, two library folders and one bare git repository, all in a temporary
folder: each side changes statuses, ratings, tags and notes (some on the same
papers), both run `reader sync` twice, and both end identical with every note."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Paper, Status
from reader.store import Library

pytestmark = pytest.mark.skipif(shutil.which("git") is None,
                                reason="git is not installed (reader sync needs it on PATH)")

PAPERS = [Paper(id=f"arxiv:2402.0000{i}", title=f"Paper {i}", abstract=f"About {i}.")
          for i in range(6)]
P = [p.id for p in PAPERS]


class Machine:
    def __init__(self, root: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.db = root / name / "library.json"
        self.name = name
        self.monkeypatch = monkeypatch

    def run(self, *args: str) -> int:
        self.monkeypatch.setenv("READER_DEVICE", self.name)
        return main(["--db", str(self.db), *args])

    def library(self) -> Library:
        return Library.open(self.db, create=False, device=self.name)


@pytest.fixture
def remote(tmp_path: Path) -> str:
    path = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return str(path)


def test_two_machines_sync_through_a_bare_repository_and_end_identical(
        tmp_path: Path, remote: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    laptop = Machine(tmp_path, "laptop", monkeypatch)
    desktop = Machine(tmp_path, "desktop", monkeypatch)
    with Library.open(laptop.db, device="laptop") as lib:
        lib.add_papers(PAPERS[:4])
        lib.set_note(P[0], "Shared idea from before.")
    assert laptop.run("sync", "init", remote) == 0
    assert laptop.run("sync") == 0
    # the desktop has no library yet: it takes the remote's
    assert desktop.run("sync", "init", remote) == 0
    assert "took the library from" in capsys.readouterr().out
    with desktop.library() as lib:
        assert len(lib) == 4 and lib.state(P[0]).note == "Shared idea from before."

    # both change things apart, some on the same papers
    laptop.run("mark", P[0], "read")
    laptop.run("rate", P[1], "4")
    laptop.run("tag", P[2], "ml", "survey")
    laptop.run("note", P[0], "Laptop: the proof in section 3 is wrong.")
    laptop.run("note", P[3], "Laptop only note.")
    desktop.run("mark", P[0], "reading")
    desktop.run("rate", P[2], "2")
    desktop.run("tag", P[2], "nlp")
    desktop.run("tag", P[2], "survey", "--remove")  # the tag did not exist here: no-op
    desktop.run("note", P[0], "Desktop: compare with the 2023 paper.")
    desktop.run("note", P[1], "Desktop only note.")
    with Library.open(desktop.db, device="desktop") as lib:  # a paper imported here only
        lib.add_papers(PAPERS[4:])
        lib.set_status(P[4], Status.TO_READ)
    capsys.readouterr()

    for _ in range(2):
        assert laptop.run("sync") == 0
        assert desktop.run("sync") == 0
    out = capsys.readouterr().out
    assert "note conflict kept" in out

    for name in ("library.json", "library.state.json"):
        assert (laptop.db.parent / name).read_bytes() == (desktop.db.parent / name).read_bytes()
    with laptop.library() as a, desktop.library() as b:
        assert [e.to_dict() for e in a.entries()] == [e.to_dict() for e in b.entries()]
        assert len(a) == 6
        note0 = a.state(P[0]).note
        for text in ("Laptop: the proof in section 3 is wrong.",
                     "Desktop: compare with the 2023 paper."):
            assert text in note0
        assert a.state(P[3]).note == "Laptop only note."
        assert a.state(P[1]).note == "Desktop only note."
        assert a.state(P[1]).rating == 4 and a.state(P[2]).rating == 2
        assert set(a.state(P[2]).tags) == {"ml", "survey", "nlp"}
        assert a.state(P[0]).status is Status.READING  # the desktop's change came later
        assert a.state(P[4]).status is Status.TO_READ
    # nothing but the library files (and git's own) is tracked
    tracked = subprocess.run(["git", "-C", str(laptop.db.parent), "ls-files"], check=True,
                             capture_output=True, text=True).stdout.split()
    assert sorted(tracked) == [".gitattributes", ".gitignore", "library.json",
                               "library.state.json"]


def test_two_existing_libraries_merge_on_the_first_sync(
        tmp_path: Path, remote: str, monkeypatch: pytest.MonkeyPatch) -> None:
    laptop = Machine(tmp_path, "laptop", monkeypatch)
    desktop = Machine(tmp_path, "desktop", monkeypatch)
    with Library.open(laptop.db, device="laptop") as lib:
        lib.add_papers(PAPERS[:3])
        lib.set_note(P[0], "Laptop's note.")
    with Library.open(desktop.db, device="desktop") as lib:
        lib.add_papers(PAPERS[2:])
        lib.set_note(P[2], "Desktop's note.")
    assert laptop.run("sync", "init", remote) == 0
    assert laptop.run("sync") == 0
    assert desktop.run("sync", "init", remote) == 0
    assert desktop.run("sync") == 0
    assert laptop.run("sync") == 0
    with laptop.library() as a, desktop.library() as b:
        assert len(a) == len(b) == 6
        assert a.state(P[0]).note == "Laptop's note." == b.state(P[0]).note
        assert a.state(P[2]).note == "Desktop's note." == b.state(P[2]).note


def test_sync_without_git_says_so_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["--db", str(tmp_path / "library.json"), "sync"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: git is not installed") and "\n" not in err


def test_sync_before_init_says_what_to_run(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "library.json"), "sync"]) == 1
    assert "reader sync init" in capsys.readouterr().err


def test_an_unreachable_remote_is_one_line_and_the_changes_stay_committed(
        tmp_path: Path, remote: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    laptop = Machine(tmp_path, "laptop", monkeypatch)
    with Library.open(laptop.db, device="laptop") as lib:
        lib.add_papers(PAPERS[:2])
    assert laptop.run("sync", "init", str(tmp_path / "gone.git")) == 0
    laptop.run("mark", P[0], "read")
    capsys.readouterr()
    assert laptop.run("sync") == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("reader: git fetch failed")
    assert err.endswith("your changes are committed locally")
    log = subprocess.run(["git", "-C", str(laptop.db.parent), "log", "--oneline"],
                         check=True, capture_output=True, text=True).stdout
    assert len(log.splitlines()) == 2  # the library, then the change


def test_a_paper_known_by_two_ids_is_one_paper_with_both_states_after_a_sync(
        tmp_path: Path, remote: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from reader.ids import paper_id

    title = "Attention Is All You Need"
    by_title, by_arxiv = paper_id(None, None, title), "arxiv:1706.03762"
    laptop = Machine(tmp_path, "laptop", monkeypatch)
    desktop = Machine(tmp_path, "desktop", monkeypatch)
    with Library.open(laptop.db, device="laptop") as lib:
        lib.add_papers(PAPERS[:1])
    assert laptop.run("sync", "init", remote) == 0
    assert laptop.run("sync") == 0
    assert desktop.run("sync", "init", remote) == 0
    with Library.open(laptop.db, device="laptop") as lib:  # a page copy, resolved later
        lib.add_papers([Paper(id=by_title, title=title)])
        lib.add_papers([Paper(id=by_title, title=title, arxiv_id="1706.03762")])
        lib.set_note(by_title, "Laptop note.")
        lib.set_rating(by_title, 5)
    with Library.open(desktop.db, device="desktop") as lib:  # added by arXiv id
        lib.add_papers([Paper(id=by_arxiv, title=title, arxiv_id="1706.03762")])
        lib.set_note(by_arxiv, "Desktop note.")
        lib.set_status(by_arxiv, Status.READ)
    assert desktop.run("sync") == 0
    capsys.readouterr()
    assert laptop.run("sync") == 0
    assert "joined the reading state of 1 paper" in capsys.readouterr().out
    with laptop.library() as lib:
        assert sorted(p.id for p in lib.papers()) == sorted([P[0], by_title])
        state = lib.state(by_title)
        assert (state.status, state.rating) == (Status.READ, 5)
        assert "Laptop note." in state.note and "Desktop note." in state.note
