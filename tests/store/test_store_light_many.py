"""Many whole papers read through the derived index in one batch (LightPapers.many,
QuickLibrary.entries_at) are the full load's papers, or Stale: a damaged or
invalid document is never answered from, the full load reads it (and warns)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from reader.model import Paper, Status
from reader.store import Library
from reader.store.light import LightPapers, Stale
from reader.store.quick import QuickLibrary


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "library.json"
    with Library.open(path) as lib:
        lib.add_papers([Paper(id=f"x{i}", title=f"Paper {i} “quoted” \\ {i}", year=2000 + i % 9,
                              abstract=f"About {i}.\nTwo lines.", authors=["Zoë Müller"] * (i % 3),
                              urls=[f"https://x.org/{i}"] if i % 2 else [])
                        for i in range(1300)])  # more than two slices of documents
        lib.set_status("x7", Status.READ)
    return path


def _light(lib: QuickLibrary) -> LightPapers:
    papers = lib._catalogue.papers
    assert isinstance(papers, LightPapers)
    return papers


def test_many_papers_in_any_order_are_the_full_loads(db: Path) -> None:
    with Library.open(db, create=False) as full:
        entries = full.entries()
    rng = random.Random(2)
    with QuickLibrary.open(db, create=False) as quick:
        for rows in ([], [5], list(range(1300)), rng.sample(range(1300), 700)):
            assert _light(quick).many(rows) == [entries[row].paper for row in rows]
            assert quick.entries_at(rows) == [entries[row] for row in rows]
        assert quick.quick


def _edit_in_place(db: Path, old: bytes, new: bytes) -> None:
    """A hand edit that keeps the file's size, inode and time (the index still
    vouches for it: only the document check can catch it)."""
    assert len(old) == len(new)
    st = db.stat()
    data = db.read_bytes()
    assert data.count(old) == 1
    with open(db, "r+b") as fh:
        fh.write(data.replace(old, new))
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))


INVALID = (b'About 9.\\nTwo lines.","authors":[]', b'About 9.\\nTwo lines.","authors":{}')
DAMAGED = (b'"id":"x9",', b'"id":"x9"]')


@pytest.mark.parametrize("edit", [INVALID, DAMAGED])
def test_an_invalid_or_damaged_document_is_stale(db: Path, edit: tuple[bytes, bytes]) -> None:
    with QuickLibrary.open(db, create=False) as quick:
        assert quick.quick
    _edit_in_place(db, *edit)
    with QuickLibrary.open(db, create=False) as quick:
        assert quick.quick
        light = _light(quick)
        assert light.many([8, 10]) == [light.at(8), light.at(10)]
        with pytest.raises(Stale):
            light.many([8, 9, 10])
        if edit == INVALID:  # (a damaged file: the full load refuses it whole)
            assert quick.entries_at(list(range(20))) is None  # the caller parses it
            assert "x9" not in [e.paper.id for e in quick.entries()]


def test_an_invalid_record_left_out_of_the_index_is_left_out(db: Path) -> None:
    text = db.read_text(encoding="utf-8")
    db.write_text(text.replace('"urls":["https://x.org/7"]', '"urls":[7]'), encoding="utf-8")
    with Library.open(db, create=False) as full:
        want = full.entries()
    with QuickLibrary.open(db, create=False) as quick:  # the full load writes the index
        assert not quick.quick
    with QuickLibrary.open(db, create=False) as quick:
        assert quick.quick and quick.entries_at(list(range(len(want)))) == want


def test_every_paper_in_another_order_keeps_its_own_state(db: Path) -> None:
    with Library.open(db, create=False) as full:
        entries = full.entries()
    rows = list(range(len(entries)))
    random.Random(1).shuffle(rows)
    with QuickLibrary.open(db, create=False) as quick:
        briefs = quick.entries_at(rows, whole=False)
        assert briefs is not None and quick.quick
        assert [e.paper.id for e in briefs] == [entries[row].paper.id for row in rows]
        assert [e.state.status for e in briefs] == [entries[row].state.status for row in rows]
