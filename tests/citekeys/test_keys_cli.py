"""Keys as aliases (`reader show KEY`), `key:` queries, `reader cite`, `reader rekey`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from citekey_fixtures import BIB, PAGE, RIS, listed, run, write

from reader.config import Config


@pytest.fixture
def library(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    files = [write(tmp_path, "a.bib", BIB), write(tmp_path, "b.ris", RIS),
             write(tmp_path, "c.txt", PAGE)]
    status, _, err = run(capsys, db_path, "import", *map(str, files))
    assert (status, err) == (0, f"created a new library at {db_path}\n")
    return db_path


def test_show_by_key_prints_the_key(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, library, "show", "vaswani2017attention")
    assert status == 0
    assert out.splitlines()[:3] == ["id          arxiv:1706.03762",
                                    "key         vaswani2017attention",
                                    "title       Attention Is All You Need"]
    status, out, _ = run(capsys, library, "show", "VASWANI2017ATTENTION", "--json")
    assert json.loads(out)["key"] == "vaswani2017attention"  # keys match as BibTeX does
    status, out, _ = run(capsys, library, "show", "hochreiter")  # a unique start of a key
    assert json.loads(run(capsys, library, "show", "hochreiter", "--json")[1])["title"] == (
        "Long Short-Term Memory")


def test_unknown_and_ambiguous_keys_are_one_line(library: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, library, "show", "nobody1999nothing")
    assert (status, out) == (1, "")
    assert err == "reader: no paper matches 'nobody1999nothing' (0 candidates); `reader list` " \
                  "shows the ids\n"
    run(capsys, library, "rekey", "Devlin:2019bert", "hochreiter-bert")
    status, _, err = run(capsys, library, "show", "hoch")
    assert status == 1
    assert err == ("reader: 'hoch' starts the keys of 2 papers (hochreiter-bert, "
                   "hochreiter1997long); give more of the key\n")


def test_json_lists_carry_the_key(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    papers = listed(capsys, library)
    assert all(isinstance(p["key"], str) and p["key"] for p in papers)
    assert len({p["key"] for p in papers}) == len(papers)


@pytest.mark.parametrize(("query", "keys"), [
    ("key:vaswani2017", ["vaswani2017attention"]),
    ("key:VASWANI", ["vaswani2017attention"]),
    ("key:devlin:", ["Devlin:2019bert"]),
    ("key:anon", ["anonschrodinger"]),  # the page's other paper merged with the .bib's
    ("key:anon -key:anons", []),
    ("key:vas attention", ["vaswani2017attention"]),
    ("key:vas bridges", []),
    ("-key:vas -key:devlin -key:anon", ["hochreiter1997long", "lukasiewicz1951key"]),
    ("key:nobody", []),
])
def test_key_queries(library: Path, capsys: pytest.CaptureFixture[str], query: str,
                     keys: list[str]) -> None:
    assert sorted(p["key"] for p in listed(capsys, library, "--query", query)) == keys


def test_key_query_in_the_index_matches_the_reference(library: Path) -> None:
    from reader.search import SearchIndex, parse_query
    from reader.search.match import matches
    from reader.store import Library

    with Library.open(library, create=False) as lib:
        entries = lib.entries()
    index = SearchIndex(entries)
    for text in ("key:anon", "-key:v", "key:hoch key:hochreiter1997", "key:x"):
        query = parse_query(text)
        assert query.errors == []
        expected = {e.paper.id for e in entries if matches(query, e)}
        assert set(index.search(query)) == expected


@pytest.mark.parametrize(("fmt", "expected"), [
    ("latex", "\\cite{vaswani2017attention,Devlin:2019bert}"),
    ("pandoc", "[@vaswani2017attention; @Devlin:2019bert]"),
    ("typst", "@vaswani2017attention @Devlin:2019bert"),
    ("org", "[cite:@vaswani2017attention;@Devlin:2019bert]"),
])
def test_cite_prints_each_format(library: Path, capsys: pytest.CaptureFixture[str], fmt: str,
                                 expected: str) -> None:
    status, out, err = run(capsys, library, "cite", "1706.03762", "devlin", "--format", fmt)
    assert (status, out, err) == (0, expected + "\n", "")


def test_cite_default_format_comes_from_the_config(library: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, library, "cite", "hochreiter")[1] == "\\cite{hochreiter1997long}\n"
    Config(cite_format="pandoc").save()
    assert run(capsys, library, "cite", "hochreiter")[1] == "[@hochreiter1997long]\n"


def test_cite_unknown_paper_fails_cleanly(library: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, library, "cite", "vaswani2017attention", "zzz")
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and "'zzz'" in err


def test_rekey_renames_and_the_new_key_is_an_alias(library: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, library, "rekey", "vaswani2017attention", "transformer")
    assert (status, err) == (0, "")
    assert out == "arxiv:1706.03762: key vaswani2017attention → transformer\n"
    assert json.loads(run(capsys, library, "show", "transformer", "--json")[1])["id"] == (
        "arxiv:1706.03762")
    assert run(capsys, library, "show", "vaswani2017attention")[0] == 1
    # the key survives a re-import of the file that named it otherwise
    run(capsys, library, "import", str(library.parent / "a.bib"))
    assert run(capsys, library, "cite", "1706.03762")[1] == "\\cite{transformer}\n"


@pytest.mark.parametrize(("key", "message"), [
    ("Devlin:2019bert", "the key Devlin:2019bert is taken by doi:10.18653/v1/n19-1423"),
    ("devlin:2019BERT", "the key devlin:2019BERT is taken by"),
    ("two words", "'two words' cannot be a citation key"),
    ("a{b}", "'a{b}' cannot be a citation key"),
    ("", "'' cannot be a citation key"),
    ("k" * 101, "cannot be a citation key: use 1 to 100 of"),
])
def test_rekey_refuses_taken_and_unusable_keys(library: Path, capsys: pytest.CaptureFixture[str],
                                               key: str, message: str) -> None:
    before = library.read_bytes()
    status, out, err = run(capsys, library, "rekey", "vaswani2017attention", key)
    assert (status, out) == (1, "")
    assert message in err and err.count("\n") == 1
    assert library.read_bytes() == before


def test_rekey_to_its_own_key_changes_nothing(library: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = library.stat().st_mtime_ns
    status, out, _ = run(capsys, library, "rekey", "1706.03762", "vaswani2017attention")
    assert (status, out) == (0, "arxiv:1706.03762: key vaswani2017attention (unchanged)\n")
    assert library.stat().st_mtime_ns == before
