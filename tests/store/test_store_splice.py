"""Deleting one paper by a splice of the catalogue file (reader.store.splice) leaves the
library a full-path deletion leaves: the same papers, states, backups and answers, a
file TinyDB reads, and a derived index that matches it; anything unusual takes the
full path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from store_fixtures import FakeClock
from tinydb import TinyDB

from reader.errors import ReaderError
from reader.model import Paper, Status
from reader.store import Library, derived, splice
from reader.store.quick import QuickLibrary


def _papers(n: int = 1001) -> list[Paper]:
    papers = [Paper(id=f"arxiv:2401.{i:05d}", title=f"Paper {i}, “quoted”",
                    arxiv_id=f"2401.{i:05d}",
                    abstract=f"About {i}\nwith \"quotes\" and \\ backslashes.",
                    authors=[f"Ada Lovelace{i}"], year=2020 + i % 5, key=f"lovelace{i}",
                    added_at=f"2026-01-{1 + i % 28:02d}T00:00:00+00:00")
              for i in range(n)]  # 1001: the last line of the file holds one document
    papers.append(Paper(id="title:aa11bb22cc", title="Resolved later", arxiv_id="2405.01234",
                        doi="10.5555/abc.def", key="later"))
    return papers


def _twins(tmp_path: Path, papers: list[Paper]) -> tuple[Path, Path]:
    a = tmp_path / "a" / "library.json"
    with Library.open(a, clock=FakeClock()) as lib:
        lib.add_papers(papers)
        lib.set_status("arxiv:2401.00003", Status.READ)
        lib.add_tags("title:aa11bb22cc", ["ml"])
    b = tmp_path / "b" / "library.json"
    shutil.copytree(a.parent, b.parent)
    return a, b


def _content(db: Path) -> tuple[object, ...]:
    with Library.open(db, create=False) as lib:
        entries = lib.entries()
        return (entries, lib.resolve("2405.01234") if "title:aa11bb22cc" in lib._catalogue.papers
                else None, sorted(p.name for p in db.parent.glob("*.bak.*")))


def _answer(lib: Library, typed: str) -> str:
    try:
        return "ok " + lib.resolve(typed)
    except ReaderError as exc:
        return "error " + str(exc)


def _spliced(db: Path, pid: str) -> bool:
    """Delete `pid` with a QuickLibrary; True when it was done by the splice."""
    with QuickLibrary.open(db, clock=FakeClock()) as lib:
        assert lib.quick
        before = [e.paper.title for e in lib.select(lambda s: True, whole=False)
                  if e.paper.id != pid]
        change = lib.delete_papers([pid])
        assert change.deleted and change.paper_id == pid
        if lib.quick:  # the same library, on the index it just wrote, knows it at once
            assert pid not in lib.paper_ids()
            assert [e.paper.title for e in lib.select(lambda s: True, whole=False)] == before
        return lib.quick


@pytest.mark.parametrize("pid", ["arxiv:2401.00003", "arxiv:2401.00000", "arxiv:2401.00499",
                                 "arxiv:2401.00500", "arxiv:2401.00777", "title:aa11bb22cc"])
def test_a_spliced_deletion_leaves_what_the_full_path_leaves(tmp_path: Path, pid: str) -> None:
    quick_db, full_db = _twins(tmp_path, _papers())
    assert _spliced(quick_db, pid)
    with Library.open(full_db, clock=FakeClock()) as lib:
        lib.delete_papers([pid])
    assert _content(quick_db) == _content(full_db)
    with TinyDB(quick_db) as db:  # still a file TinyDB reads, the paper gone
        docs = db.table("papers").all()
        assert len(docs) == len(_papers()) - 1 and pid not in {d["id"] for d in docs}
    with QuickLibrary.open(quick_db, create=False) as lib, \
            Library.open(full_db, create=False) as full:
        assert lib.quick  # the index of the new file was written with it
        for typed in (pid, "2401.0049", "lovelace7", "love", "later", "2405.01234",
                      "10.5555/abc.def", "2401.00998", "2401.00002"):
            assert _answer(lib, typed) == _answer(full, typed)
        for entry in full.entries():
            assert lib.entry(entry.paper.id) == entry
        assert [e.paper.title for e in lib.select(lambda s: True, whole=False)] == [
            e.paper.title for e in full.entries()]


def test_its_undo_puts_the_paper_back(tmp_path: Path) -> None:
    db, _ = _twins(tmp_path, _papers())
    with QuickLibrary.open(db, clock=FakeClock()) as lib, \
            Library.open(db, create=False) as before:
        want = before.entries()
        lib.delete_papers(["arxiv:2401.00003"])
        assert lib.quick
        lib.undo()
    with Library.open(db, create=False) as after:
        assert sorted(after.entries(), key=lambda e: e.paper.id) == sorted(
            want, key=lambda e: e.paper.id)


def test_a_paper_alone_on_its_line_takes_the_full_path(tmp_path: Path) -> None:
    db, twin = _twins(tmp_path, _papers(1000))  # the 1001st document: alone on its line
    assert not _spliced(db, "title:aa11bb22cc")
    with Library.open(twin) as lib:
        lib.delete_papers(["title:aa11bb22cc"])
    assert _content(db) == _content(twin)


def test_names_hiding_others_take_the_full_path(tmp_path: Path) -> None:
    papers = _papers(20)
    papers.append(Paper(id="title:bb", title="Holds another's arXiv id", arxiv_id="2401.00004"))
    db, twin = _twins(tmp_path, papers)
    assert not _spliced(db, "arxiv:2401.00004")  # its id is title:bb's alias, hidden
    with Library.open(twin) as lib:
        lib.delete_papers(["arxiv:2401.00004"])
    assert _content(db) == _content(twin)
    with QuickLibrary.open(db, create=False) as lib:
        assert lib.resolve("2401.00004") == "title:bb"


def test_invalid_records_take_the_full_path(tmp_path: Path) -> None:
    db, twin = _twins(tmp_path, _papers(20))
    for path in (db, twin):
        path.write_text(path.read_text(encoding="utf-8").replace(
            '"authors":["Ada Lovelace7"]', '"authors":7'), encoding="utf-8")
        with QuickLibrary.open(path, create=False) as lib:  # (writes the index)
            assert lib.skipped
    assert not _spliced(db, "arxiv:2401.00003")
    with Library.open(twin) as lib:
        lib.delete_papers(["arxiv:2401.00003"])
    assert db.read_bytes() == twin.read_bytes()  # the invalid record kept as it was


@pytest.mark.parametrize("damage", ["cut", "title", "empty", "stale"])
def test_a_stale_or_damaged_index_takes_the_full_path(tmp_path: Path, damage: str) -> None:
    db, twin = _twins(tmp_path, _papers(20))
    index = derived.index_file(db)
    good = index.read_bytes()
    index.write_bytes({"cut": good[:-10], "title": good.replace(b"Paper 1", b"Paper 9"),
                       "empty": b"", "stale": good}[damage])
    if damage == "stale":  # the catalogue replaced since (same content, another file)
        db.write_bytes(db.read_bytes())
    with QuickLibrary.open(db, clock=FakeClock()) as lib, Library.open(twin) as full:
        lib.delete_papers(["arxiv:2401.00005"])  # (a damaged column is found late)
        full.delete_papers(["arxiv:2401.00005"])
    assert _content(db) == _content(twin)
    with QuickLibrary.open(db, create=False) as lib:
        assert lib.quick  # a good index again


def test_a_catalogue_written_meanwhile_is_read_again_first(tmp_path: Path) -> None:
    db, _ = _twins(tmp_path, _papers(20))
    with QuickLibrary.open(db, clock=FakeClock()) as lib:
        assert lib.quick
        with Library.open(db) as other:  # another process imports meanwhile
            other.add_papers([Paper(id="arxiv:2402.00001", title="New")])
        lib.delete_papers(["arxiv:2401.00002"])
    with Library.open(db, create=False) as full:
        ids = [e.paper.id for e in full.entries()]
    assert "arxiv:2402.00001" in ids and "arxiv:2401.00002" not in ids


def test_a_read_only_catalogue_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    db, _ = _twins(tmp_path, _papers(20))
    before = db.read_bytes()
    db.chmod(0o400)
    with QuickLibrary.open(db, clock=FakeClock()) as lib, pytest.raises(ReaderError):
        lib.delete_papers(["arxiv:2401.00002"])
    assert db.read_bytes() == before


def _index_sections(db: Path) -> dict[str, bytes]:
    index = derived.load(derived.index_file(db), derived.signature(db.stat()))
    assert index is not None
    try:
        return derived.read_all(index)
    finally:
        index.close()


@pytest.mark.parametrize("pid", ["arxiv:2401.00000", "arxiv:2401.00499", "arxiv:2401.00500",
                                 "arxiv:2401.00999", "title:aa11bb22cc"])
@pytest.mark.parametrize("starts", [True, False])
def test_the_spliced_index_is_the_one_a_full_load_builds(tmp_path: Path, pid: str,
                                                         starts: bool) -> None:
    db, _ = _twins(tmp_path, _papers())
    if not starts:  # an index written before the columns' line starts were kept
        _drop_column_starts(db)
    assert _spliced(db, pid)
    spliced = _index_sections(db)
    derived.index_file(db).unlink()
    with QuickLibrary.open(db, create=False) as lib:  # a full load: writes a fresh index
        assert not lib.quick
    fresh = _index_sections(db)
    if not starts:
        fresh = {k: v for k, v in fresh.items()
                 if not (k.startswith("field:") and k.endswith(".starts"))}
    assert spliced == fresh


def _drop_column_starts(db: Path) -> None:
    index = derived.load(derived.index_file(db), derived.signature(db.stat()))
    assert index is not None
    sections = {k: v for k, v in derived.read_all(index).items()
                if not (k.startswith("field:") and k.endswith(".starts"))}
    count = index.count
    index.close()
    derived.save(derived.index_file(db), derived.signature(db.stat()), count, sections)


def test_a_damage_found_while_copying_leaves_the_file_and_no_temporary(tmp_path: Path) -> None:
    db, twin = _twins(tmp_path, _papers(20))
    index = derived.load(derived.index_file(db), derived.signature(db.stat()))
    assert index is not None
    sections = derived.read_all(index)
    count = index.count
    index.close()
    sections["field:year.starts"] = sections["field:year.starts"][:-4]  # one start missing
    derived.save(derived.index_file(db), derived.signature(db.stat()), count, sections)
    before = sorted(p.name for p in db.parent.iterdir())
    with QuickLibrary.open(db, clock=FakeClock()) as lib:
        light = lib._light
        assert light is not None
        row = light.row_of("arxiv:2401.00005")
        assert row is not None
        cut = splice.cut_of(light, row, lib._cat.read_range)
        assert cut is not None
        with lib._cat.opened() as fd, pytest.raises(derived.Stale):
            assert fd is not None
            splice.write_without(db, fd, cut, lambda: splice.index_without(light, row, cut))
    assert sorted(p.name for p in db.parent.iterdir()) == before
    with Library.open(db, create=False) as lib, Library.open(twin, create=False) as full:
        assert lib.entries() == full.entries()
    with QuickLibrary.open(db, clock=FakeClock()) as lib, Library.open(twin) as full:
        lib.delete_papers(["arxiv:2401.00005"])  # the full path, the same result
        full.delete_papers(["arxiv:2401.00005"])
    assert _content(db) == _content(twin)
