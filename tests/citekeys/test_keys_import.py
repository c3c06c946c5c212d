"""Keys kept from the files that have them, generated once otherwise, unique, reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from citekey_fixtures import BIB, CSL, PAGE, RIS, keys_by_title, listed, run, write

from reader.model import Paper
from reader.parsing import parse_file
from reader.store import Library


def test_keys_from_bibtex_csl_json_and_ris_are_kept(tmp_path: Path, db_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    files = [write(tmp_path, "refs.bib", BIB), write(tmp_path, "refs.json", CSL),
             write(tmp_path, "refs.ris", RIS)]
    status, _, err = run(capsys, db_path, "import", *map(str, files))
    assert (status, err) == (0, f"created a new library at {db_path}\n")
    keys = keys_by_title(capsys, db_path)
    assert keys["Attention Is All You Need"] == "vaswani2017attention"
    assert keys["BERT: Pre-training of Deep Bidirectional Transformers"] == "Devlin:2019bert"
    assert keys["Deep learning"] == "lecun2015deep"
    assert keys["A numbered item"] == "42"
    assert keys["Long Short-Term Memory"] == "hochreiter1997long"
    assert keys["No key in this record"] == "lukasiewicz1951key"  # generated


def test_generated_keys_survive_reimport_and_metadata_fills(
        tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write(tmp_path, "today.txt", PAGE)
    run(capsys, db_path, "import", str(page))
    first = keys_by_title(capsys, db_path)
    # the page has no authors and no year: keys from the title alone
    assert first == {"Attention Is All You Need": "anonattention",
                     "Schrödinger Bridges for Generative Modelling": "anonschrodinger"}
    run(capsys, db_path, "import", str(page))
    assert keys_by_title(capsys, db_path) == first
    # a later import fills authors, year and arXiv id of the same paper (by title):
    # the key, generated from the thinner record, stays (a manuscript cites it)
    bib = write(tmp_path, "filled.bib", "@misc{x,\n title = {Attention Is All You Need},\n"
                " author = {Vaswani, Ashish},\n year = {2017},\n}\n")
    status, out, err = run(capsys, db_path, "import", str(bib))
    assert status == 0 and "1 updated" in out
    assert "keeps its key anonattention (the file calls it x" in err
    papers = listed(capsys, db_path)
    attention = next(p for p in papers if p["title"] == "Attention Is All You Need")
    assert (attention["key"], attention["year"]) == ("anonattention", 2017)
    # and the same through the store API (what the network fill uses: metadata merges)
    with Library.open(db_path) as lib:
        pid = attention["id"]
        lib.add_papers([Paper(id=pid, title="Attention Is All You Need",
                              abstract="Filled from the network.", venue="NeurIPS")])
        assert lib.paper(pid).key == "anonattention"
        assert lib.paper(pid).venue == "NeurIPS"


def test_a_clash_suffixes_the_newcomer_and_is_reported(
        tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, db_path, "import", str(write(tmp_path, "a.bib", BIB)))
    other = ("@article{vaswani2017attention,\n title = {Another Paper Altogether},\n"
             " author = {Vaswani, Ashish},\n year = {2017},\n}\n"
             "@article{VASWANI2017ATTENTION,\n title = {And A Third One},\n year = {2017},\n}\n")
    status, out, err = run(capsys, db_path, "import", str(write(tmp_path, "b.bib", other)))
    assert status == 0 and "2 added" in out
    keys = keys_by_title(capsys, db_path)
    assert keys["Attention Is All You Need"] == "vaswani2017attention"  # the first keeps it
    assert keys["Another Paper Altogether"] == "vaswani2017attentiona"
    assert keys["And A Third One"] == "VASWANI2017ATTENTIONb"  # keys differ in case only: a clash
    lines = [line for line in err.splitlines() if line.startswith("reader: key:")]
    assert len(lines) == 2
    assert "key vaswani2017attention is taken by arxiv:1706.03762" in lines[0]
    assert "gets vaswani2017attentiona" in lines[0]


def test_generated_keys_clash_too(db_path: Path) -> None:
    twins = [Paper(id=f"title:{i}", title="Deep Learning", authors=["Yann LeCun"], year=2015)
             for i in range(3)]
    with Library.open(db_path) as lib:
        report = lib.add_papers(twins[:2])
        lib.add_papers(twins[2:])
        assert [lib.paper(p.id).key for p in twins] == [
            "lecun2015deep", "lecun2015deepa", "lecun2015deepb"]
    assert report.keys == []  # a generated key is not the file's: no note


def test_unusable_key_characters_are_removed_and_reported(
        tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ris = "TY  - GEN\nID  - {braced},key\nTI  - Braces In Keys\nER  - \n"
    status, _, err = run(capsys, db_path, "import", str(write(tmp_path, "s.ris", ris)))
    assert status == 0
    keys = keys_by_title(capsys, db_path)
    assert keys["Braces In Keys"] == "bracedkey"
    assert "key '{braced},key' has characters BibTeX cannot use; kept as bracedkey" in err


def test_a_library_without_keys_gets_them_once(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "old" / "library.json"
    with Library.open(db) as lib:
        lib.add_papers([Paper(id="arxiv:1706.03762", title="Attention Is All You Need",
                              authors=["Ashish Vaswani"], year=2017),
                        Paper(id="title:abc", title="Attention Is All You Need Too",
                              authors=["Ashish Vaswani"], year=2017)])
    # as a Reader from before citation keys stored it: no `key` in the documents
    data = json.loads(db.read_text())
    for doc in data["papers"].values():
        del doc["key"]
    db.write_text(json.dumps(data))
    before = db.stat().st_mtime_ns, db.read_bytes()
    # a read-only command generates them in memory and writes nothing
    status, out, _ = run(capsys, db, "show", "vaswani2017attentiona")
    assert status == 0 and "title:abc" in out
    assert (db.stat().st_mtime_ns, db.read_bytes()) == before
    # the first command that may write stores them, the same ones
    run(capsys, db, "mark", "vaswani2017attention", "to-read")
    stored = [d["key"] for d in json.loads(db.read_text())["papers"].values()]
    assert stored == ["vaswani2017attention", "vaswani2017attentiona"]
    after = db.stat().st_mtime_ns
    run(capsys, db, "mark", "vaswani2017attention", "read")
    assert db.stat().st_mtime_ns == after  # once: the catalogue is not written again


def test_reader_json_round_trip_keeps_keys(tmp_path: Path, db_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, db_path, "import", str(write(tmp_path, "a.bib", BIB)),
        str(write(tmp_path, "p.txt", PAGE)))
    run(capsys, db_path, "rekey", "anonschrodinger", "bridges")
    exported = tmp_path / "all.json"
    run(capsys, db_path, "export", "--all", "--format", "json", "-o", str(exported))
    other = tmp_path / "other" / "library.json"
    status, _, err = run(capsys, other, "import", str(exported))
    assert (status, err) == (0, f"created a new library at {other}\n")
    assert keys_by_title(capsys, other) == keys_by_title(capsys, db_path)
    assert "bridges" in keys_by_title(capsys, other).values()


@pytest.mark.parametrize("name", [
    "bibtex/distill_gnn_intro_paperpile.bib",
    "bibtex/zotero_exported_items_contradictions_qa.bib",
    "bibtex/exoplanet_bibdesk_ads.bib",
    "bibtex/pyhf_use_citations_inspire.bib",
    "bibtex/distill_multimodal_neurons_bibliography.bib",
    "csl-json/manubot_deep_rules_references.json",
])
def test_corpus_keys_are_kept(corpus: Path, name: str, db_path: Path) -> None:
    """Each real export's keys (BibTeX keys, CSL-JSON ids) are the library's keys."""
    path = corpus / name
    result = parse_file(path)
    with Library.open(db_path) as lib:
        report = lib.add_papers(result.papers)
        stored = {p.id: p.key for p in lib.papers()}
    file_keys = _file_keys(path)
    assert report.keys == []  # no clash, nothing unusable: every key as in the file
    assert set(stored.values()) <= file_keys
    assert len(set(stored.values())) == len(stored)
    # every paper's key is one of the keys the file gives it (a repeated entry merges)
    assert len(result.papers) - 1 <= len(stored) <= len(result.papers)
    assert len(stored) > 20


def _file_keys(path: Path) -> set[str]:
    if path.suffix == ".json":
        return {str(item["id"]) for item in json.loads(path.read_text(encoding="utf-8"))}
    import re

    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"(?m)^\s*@\w+\s*\{\s*([^,\s]+)\s*,", text))


def test_merged_copies_with_one_key_twice_are_made_unique_the_same_everywhere(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two machines each gave `smith2020deep` to a paper they imported; a sync merged
    the catalogues. The paper added first keeps the key on either machine."""
    early = Paper(id="doi:10.1/early", title="Deep Early", authors=["Ann Smith"], year=2020,
                  added_at="2026-01-01T00:00:00+00:00", key="smith2020deep")
    late = Paper(id="doi:10.1/late", title="Deep Late", authors=["Bob Smith"], year=2020,
                 added_at="2026-02-01T00:00:00+00:00", key="Smith2020Deep")
    results = []
    for order in ([late, early], [early, late]):  # as each machine's merge writes them
        db = tmp_path / f"m{len(results)}" / "library.json"
        with Library.open(db) as lib:
            lib.add_papers([Paper(id="title:x", title="Placeholder")])
        data = json.loads(db.read_text())
        data["papers"] = {str(i): {**p.to_dict()} for i, p in enumerate(order, 1)}
        db.write_text(json.dumps(data))
        status, out, _ = run(capsys, db, "check")
        assert status == 0  # a warning: the library is usable
        assert "1 citation key is held by two papers or more (e.g. smith2020deep)" in out
        with Library.open(db, create=False) as lib:  # read-only: unique in memory
            assert {p.id: p.key for p in lib.papers()} == {
                "doi:10.1/early": "smith2020deep", "doi:10.1/late": "Smith2020Deepa"}
        run(capsys, db, "mark", "doi:10.1/late", "read")  # a writer stores them
        stored = {d["id"]: d["key"] for d in json.loads(db.read_text())["papers"].values()}
        results.append(stored)
        assert "citation keys" not in run(capsys, db, "check")[1]
    assert results[0] == results[1] == {"doi:10.1/early": "smith2020deep",
                                        "doi:10.1/late": "Smith2020Deepa"}


def test_the_quick_path_waits_for_stored_keys(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """One-paper commands read documents alone (a derived index): not before the keys
    a load generates are in the file, or `show --json` would print an empty key."""
    from reader.store.quick import QuickLibrary

    db = tmp_path / "library.json"
    db.write_text('{"papers": {"1": {"id": "arxiv:1706.03762", "title": "Attention Is All '
                  'You Need", "authors": ["Ashish Vaswani"], "year": 2017}}}')
    for _ in range(2):
        with QuickLibrary.open(db, create=False) as lib:
            assert not lib.quick  # read whole every time, keys generated in memory
            assert lib.paper(lib.resolve("vaswani2017attention")).key == "vaswani2017attention"
    assert json.loads(run(capsys, db, "show", "1706", "--json")[1])["key"] == (
        "vaswani2017attention")
    run(capsys, db, "mark", "vaswani2017attention", "read")  # a writer: keys stored
    for _ in range(2):
        with QuickLibrary.open(db, create=False) as lib:
            assert lib.quick
            pid = lib.resolve("vaswani2017attention")  # from the derived index's keys
            assert lib.paper(pid).key == "vaswani2017attention"
    assert run(capsys, db, "cite", "vaswani2017attention")[1] == (
        "\\cite{vaswani2017attention}\n")
