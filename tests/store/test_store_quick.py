"""The quick path (reader.store.quick, derived.py) answers exactly what a full load
answers: ids resolved, papers read, states changed; and it falls back to the full
load whenever its derived index is missing, stale, damaged or wrong."""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

import pytest
from store_fixtures import FakeClock

from reader.errors import ReaderError
from reader.model import Paper, Status
from reader.store import Library, derived
from reader.store.quick import QuickLibrary


def _papers() -> list[Paper]:
    papers = [Paper(id=f"arxiv:2401.{i:05d}", title=f"Paper {i} on “bottlenecks”",
                    abstract=f"Abstract {i}\nwith \"quotes\" and \\ backslashes.",
                    authors=[f"Ada Lovelace{i}", "Zoë Müller"], year=2020 + i % 5,
                    arxiv_id=f"2401.{i:05d}", urls=[f"https://example.org/{i}"],
                    source="test:fixture", added_at=f"2026-01-{1 + i % 28:02d}T00:00:00+00:00")
              for i in range(1200)]  # more than one line of 500 documents
    papers += [
        Paper(id="doi:10.1000/xyz.123", title="A DOI paper", doi="10.1000/xyz.123"),
        Paper(id="doi:10.1000/xyz.124", title="Another DOI paper", doi="10.1000/xyz.124"),
        Paper(id="title:3fa2b6c1d0e9", title="Only a title"),
        Paper(id="arxiv:cond-mat/0412498", title="An old arXiv id", arxiv_id="cond-mat/0412498"),
        Paper(id="title:aa11bb22cc", title="Resolved later", arxiv_id="2405.01234",
              doi="10.5555/abc.def"),  # known by aliases too
        Paper(id='title:we"ird\\id', title="An id that needs escapes in JSON"),
    ]
    return papers


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "library.json"
    with Library.open(path, clock=FakeClock()) as lib:
        lib.add_papers(_papers())
        lib.set_status("arxiv:2401.00003", Status.READ)
        lib.add_tags("arxiv:2401.00003", ["ml"])
        lib.set_note("doi:10.1000/xyz.123", "a note")
    return path


def _typed(papers: list[Paper]) -> list[str]:
    """What a user may type: ids, prefixes, every text field of some papers, and
    their prefixes (so that a new alias kind is covered without a new test)."""
    out = ["", "  ", "nothing", "2401", "2401.0000", "2401.00007", "2401.00007v3",
           "arxiv:2401.00007", "ARXIV:2401.00007", "https://arxiv.org/abs/2401.00007v2",
           "arxiv.org/pdf/2401.00007.pdf", "10.1000/xyz", "10.1000/XYZ.123", "doi:10.1000/xyz.12",
           "3fa2", "title:3fa", "cond-mat/0412498", "we\"ird", "title:we\"ird\\id",
           "2405.01234", "2405.01234v2", "arxiv:2405.01234", "2405.0123", "10.5555/abc.def",
           "doi:10.5555/ABC.DEF", "https://arxiv.org/abs/2405.01234"]
    for paper in papers[:3] + papers[-5:]:
        for value in asdict(paper).values():
            for text in (value if isinstance(value, list) else [value]):
                if isinstance(text, str) and text:
                    out += [text, text[: len(text) // 2], text[:4]]
    return out


def _answer(lib: Library, typed: str) -> str:
    try:
        return "ok " + lib.resolve(typed)
    except ReaderError as exc:
        return "error " + str(exc)


def test_resolves_every_input_as_the_full_load(db: Path) -> None:
    with Library.open(db, create=False) as full, QuickLibrary.open(db, create=False) as quick:
        assert quick.quick  # the index written by the import is used
        for typed in _typed(_papers()):
            assert _answer(quick, typed) == _answer(full, typed), typed
        assert quick.quick  # resolving never needed the whole catalogue
        assert quick._catalogue.papers.documents_read == 0  # nor any paper's document
        assert len(quick) == len(full)


def test_reads_every_paper_and_state_as_the_full_load(db: Path) -> None:
    with Library.open(db, create=False) as full, QuickLibrary.open(db, create=False) as quick:
        escaped = 'title:we"ird\\id'
        for entry in full.entries():
            pid = entry.paper.id
            if pid != escaped:
                assert quick.entry(pid) == entry
                assert quick.paper(pid) == entry.paper
                assert quick.state(pid) == entry.state
        assert quick.quick
        # a document the index could not place: read by the full load, the same answer
        assert quick.entry(escaped) == full.entry(escaped)
        assert not quick.quick


def test_changes_are_the_full_loads(db: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin" / "library.json"
    twin.parent.mkdir()
    for name in ("library.json", "library.state.json"):
        (twin.parent / name).write_bytes((db.parent / name).read_bytes())
    for path, kind in ((db, QuickLibrary), (twin, Library)):
        with kind.open(path, clock=FakeClock()) as lib:
            changes = [lib.set_status("arxiv:2401.00010", Status.TO_READ),
                       lib.set_rating("arxiv:2401.00003", 4),
                       lib.add_tags("doi:10.1000/xyz.124", ["Deep Learning", "#ml"]),
                       lib.remove_tags("arxiv:2401.00003", ["ml"]),
                       lib.set_note("arxiv:2401.00010", "read §3"),
                       lib.set_status("arxiv:2401.00010", Status.READ)]
            undone = lib.undo()
            kind_changes = [(c.paper_id, c.description, c.before, c.after) for c in changes]
            if kind is QuickLibrary:
                assert isinstance(lib, QuickLibrary) and lib.quick
                quick_changes, quick_undone = kind_changes, undone
            else:
                assert kind_changes == quick_changes
                assert undone == quick_undone
    assert (db.parent / "library.state.json").read_bytes() == (
        twin.parent / "library.state.json").read_bytes()
    assert (db.parent / "library.json").read_bytes() == (twin.parent / "library.json").read_bytes()


def test_unknown_paper_is_refused_as_by_the_full_load(db: Path) -> None:
    with QuickLibrary.open(db) as quick, pytest.raises(ReaderError) as got:
        quick.set_status("arxiv:2499.00001", Status.READ)
    with Library.open(db) as full, pytest.raises(ReaderError) as want:
        full.set_status("arxiv:2499.00001", Status.READ)
    assert str(got.value) == str(want.value)


def test_a_missing_or_damaged_index_means_a_full_load_that_rewrites_it(db: Path) -> None:
    index = derived.index_file(db)
    good = index.read_bytes()
    swapped = good.replace(b"arxiv:2401.00003", b"arxiv:2401.00004")
    for damage in (b"", good[:100], good[:-10], swapped):
        index.write_bytes(damage)
        with QuickLibrary.open(db, create=False) as lib:
            assert lib.entry("arxiv:2401.00003").state.status is Status.READ
        with QuickLibrary.open(db, create=False) as lib:
            assert lib.quick
    index.unlink()
    with QuickLibrary.open(db, create=False) as lib:
        assert not lib.quick
    assert index.exists()


def test_a_catalogue_written_since_makes_the_index_stale(db: Path) -> None:
    with QuickLibrary.open(db) as quick:
        assert quick.quick
        with Library.open(db) as other:  # another process imports meanwhile
            other.add_papers([Paper(id="arxiv:2402.00001", title="New", arxiv_id="2402.00001")])
        change = quick.set_status("arxiv:2402.00001", Status.READ)  # the transaction re-reads
        assert change.after.status is Status.READ
        assert quick.entry("arxiv:2402.00001").paper.title == "New"


def test_an_index_pointing_elsewhere_is_caught_by_the_document_check(db: Path) -> None:
    with Library.open(db, create=False) as full:
        want = full.entry("arxiv:2401.00700")
        sig = full._cat.signature
        papers = dict(full._catalogue.papers)
    with full._cat.opened():
        pass
    assert sig is not None
    from array import array

    with open(db, "rb") as fh:
        import os
        sections = derived.build(os.dup(fh.fileno()), papers)
    assert sections is not None
    for name, code in (("start", "Q"), ("length", "I")):  # each paper gets another's place
        values = array(code)
        values.frombytes(sections[name])
        values.reverse()
        sections[name] = values.tobytes()
    derived.save(derived.index_file(db), sig, len(papers), sections)
    with QuickLibrary.open(db, create=False) as lib:
        assert lib.quick
        assert lib.entry("arxiv:2401.00700") == want


def test_an_invalid_catalogue_is_refused_as_by_the_full_load(db: Path) -> None:
    db.write_text('[1, 2]', encoding="utf-8")
    with pytest.raises(ReaderError) as want:
        Library.open(db, create=False)
    with pytest.raises(ReaderError) as got:
        QuickLibrary.open(db, create=False)
    assert str(got.value) == str(want.value)


def test_an_invalid_catalogue_record_is_skipped_as_by_the_full_load(db: Path) -> None:
    db.write_text('{"papers": {"1": 5}}', encoding="utf-8")
    with Library.open(db, create=False) as full:
        want = full.skipped
    with QuickLibrary.open(db, create=False) as quick:
        assert quick.skipped == want
        assert want is not None and "paper record '1'" in want


def test_invalid_records_are_skipped_and_reported_as_by_the_full_load(db: Path) -> None:
    db.write_text(db.read_text(encoding="utf-8").replace(
        '"urls":["https://example.org/7"]', '"urls":0'), encoding="utf-8")
    with Library.open(db, create=False) as full:
        assert full.skipped
        want = (full.skipped, len(full), [e.paper.id for e in full.entries()])
    for _ in range(2):  # the full load writes the index, then the index answers
        with QuickLibrary.open(db, create=False) as quick:
            assert (quick.skipped, len(quick)) == want[:2]
            assert quick.resolve("2401.00008") == "arxiv:2401.00008"
            with pytest.raises(ReaderError):
                quick.resolve("arxiv:2401.00007")
    assert quick.quick
    assert [e.paper.id for e in quick.select(lambda s: True, whole=False)] == want[2]


def test_whole_catalogue_commands_load_it(db: Path) -> None:
    with Library.open(db, create=False) as full, QuickLibrary.open(db, create=False) as quick:
        assert quick.queue() == full.queue()
        assert not quick.quick
        assert quick.entries() == full.entries()
        assert quick.papers() == full.papers()


def test_select_gives_the_entries_the_full_load_gives(db: Path) -> None:
    with Library.open(db, create=False) as full, QuickLibrary.open(db, create=False) as quick:
        tests = [lambda s: True, lambda s: s.status is Status.READ, lambda s: "ml" in s.tags,
                 lambda s: s.status is Status.NEW, lambda s: bool(s.note)]
        for keep in tests:
            want = [e for e in full.entries() if keep(e.state)]
            briefs = quick.select(keep, whole=False)  # (no state: one default, no paper id)
            assert [replace(e.state, paper_id=w.paper.id) if not e.state.paper_id else e.state
                    for e, w in zip(briefs, want, strict=True)] == [e.state for e in want]
            for name in ("id", *derived.FIELDS):
                assert [getattr(e.paper, name) for e in briefs] == [
                    getattr(e.paper, name) for e in want]
        assert quick.quick
        for keep in tests:  # whole papers (one of them read by the full load: see above)
            assert quick.select(keep) == [e for e in full.entries() if keep(e.state)]


def test_documents_of_an_older_schema_are_read_by_the_full_load(tmp_path: Path) -> None:
    db = tmp_path / "library.json"  # schema 0: a plain TinyDB file, migrated on load
    # (with a citation key: a file whose papers lack one gets no index until a writer
    # stores the keys the load generates; tests/citekeys checks that)
    db.write_text('{"papers": {"1": {"id": "arxiv:2401.00001", "title": "Old", '
                  '"key": "old"}}}', encoding="utf-8")
    with QuickLibrary.open(db, create=False) as lib:
        assert not lib.quick  # no index yet: the full load writes one
    with QuickLibrary.open(db, create=False) as lib, Library.open(db, create=False) as full:
        assert lib.quick
        assert lib.resolve("2401.00001") == "arxiv:2401.00001"
        assert lib.entry("arxiv:2401.00001") == full.entry("arxiv:2401.00001")
        assert not lib.quick  # the document was not read as stored


def test_a_catalogue_merged_in_is_merged_from_the_whole_catalogue(db: Path,
                                                                   tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    with Library.open(other) as lib:
        lib.add_papers([Paper(id="arxiv:2403.00001", title="From the other machine")])
    with QuickLibrary.open(db) as quick:
        assert quick.quick
        quick.merge_file(other)
        assert not quick.quick
    with QuickLibrary.open(db, create=False) as quick, Library.open(db, create=False) as full:
        assert quick.quick  # the merge's write left an index of the new file
        assert quick.entry("arxiv:2403.00001") == full.entry("arxiv:2403.00001")
        assert len(quick) == len(full) == len(_papers()) + 1


def test_one_paper_cut_out_of_its_line_is_the_full_loads(db: Path) -> None:
    with Library.open(db, create=False) as full:
        ids = [e.paper.id for e in full.entries()]
        picks = [0, 1, 2, 250, 498, 499, 500, 501, 999, 1000, 1199, len(ids) - 2]
        for row in picks:
            with QuickLibrary.open(db, create=False) as quick:
                assert quick.entry(ids[row]) == full.entry(ids[row])
                assert quick.entry_at(row) == full.entry(ids[row])
                assert quick.quick


def test_many_whole_papers_are_read_by_the_full_load(db: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.store import quick as quick_module

    monkeypatch.setattr(quick_module, "WHOLE_BY_SEEK", 10)
    with Library.open(db, create=False) as full, QuickLibrary.open(db, create=False) as lib:
        few = lib.select(lambda s: s.status is Status.READ)
        assert lib.quick and few == [e for e in full.entries() if e.state.status is Status.READ]
        assert lib.select(lambda s: True) == full.entries()
        assert not lib.quick
