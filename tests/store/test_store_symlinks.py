"""A library whose files are symbolic links is changed where the links point: the
links stay links, and the library they point to sees every change and shares the lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_fixtures import make_papers

from reader.cli import main
from reader.store import Library
from reader.store.files import LibraryFiles


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """(the real library.json, a library.json link to it, with a linked state file)."""
    real = tmp_path / "real" / "library.json"
    with Library.open(real) as lib:
        lib.add_papers(make_papers(3))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "library.json").symlink_to(real)
    (elsewhere / "library.state.json").symlink_to(real.with_name("library.state.json"))
    return real, elsewhere / "library.json"


def test_a_change_through_links_reaches_the_real_library(
        linked: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    real, link = linked
    pid = make_papers(1)[0].id
    assert main(["--db", str(link), "rate", pid, "4"]) == 0
    assert main(["--db", str(link), "mark", pid, "read"]) == 0
    assert link.is_symlink() and link.with_name("library.state.json").is_symlink()
    with Library.open(real) as lib:
        assert (lib.state(pid).rating, lib.state(pid).status.value) == (4, "read")
    assert not list(link.parent.glob("*.lock"))  # the lock is the real library's
    capsys.readouterr()


def test_an_import_through_a_link_reaches_the_real_catalogue(
        linked: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real, link = linked
    listing = tmp_path / "more.bib"
    listing.write_text("@article{k, title={A brand new paper}, year={2025}}\n")
    assert main(["--db", str(link), "import", str(listing)]) == 0
    assert link.is_symlink()
    titles = [d["title"] for d in json.loads(real.read_text())["papers"].values()]
    assert "A brand new paper" in titles
    capsys.readouterr()


def test_the_link_and_the_real_path_share_one_lock_and_one_set_of_files(
        linked: tuple[Path, Path]) -> None:
    real, link = linked
    assert LibraryFiles.at(link) == LibraryFiles.at(real)
    assert LibraryFiles.at(link).lock == real.with_name("library.json.lock")


def test_a_state_file_linked_to_another_folder_is_written_there(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Library.open(home / "library.json") as lib:
        lib.add_papers(make_papers(2))
    vault = tmp_path / "vault"
    vault.mkdir()
    state = home / "library.state.json"
    state.rename(vault / "my-state.json")
    state.symlink_to(vault / "my-state.json")
    pid = make_papers(1)[0].id
    with Library.open(home / "library.json") as lib:
        lib.set_note(pid, "kept where the link points")
    assert state.is_symlink()
    doc = json.loads((vault / "my-state.json").read_text())
    assert [d["note"] for d in doc["state"].values()] == ["kept where the link points"]
