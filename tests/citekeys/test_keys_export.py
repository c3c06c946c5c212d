"""Every citation format carries the library's keys, and they survive re-exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import pytest
from citekey_fixtures import BIB, CSL, PAGE, RIS, keys_by_title, run, write

from reader.parsing import parse_text


@pytest.fixture
def library(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    files = [write(tmp_path, "a.bib", BIB), write(tmp_path, "b.json", CSL),
             write(tmp_path, "c.ris", RIS), write(tmp_path, "d.txt", PAGE)]
    status, _, err = run(capsys, db_path, "import", *map(str, files))
    assert (status, err) == (0, f"created a new library at {db_path}\n")
    return db_path


def _export(capsys: pytest.CaptureFixture[str], db: Path, fmt: str) -> str:
    status, out, err = run(capsys, db, "export", "--all", "--format", fmt)
    assert (status, err) == (0, "")
    return out


def test_bibtex_export_parsed_back_gives_the_same_keys(
        library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = keys_by_title(capsys, library)
    parsed = bibtexparser.parse_string(_export(capsys, library, "bib"))
    assert parsed.failed_blocks == []
    assert sorted(e.key for e in parsed.entries) == sorted(expected.values())
    # after an edit (a note, a tag) the keys are the same: \cite{...} keeps working
    run(capsys, library, "note", "vaswani2017attention", "Read twice.")
    run(capsys, library, "tag", "42", "survey")
    again = bibtexparser.parse_string(_export(capsys, library, "bib"))
    assert sorted(e.key for e in again.entries) == sorted(expected.values())


def test_csl_json_ids_are_the_keys(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = json.loads(_export(capsys, library, "csl"))
    assert sorted(i["id"] for i in items) == sorted(keys_by_title(capsys, library).values())
    attention = next(i for i in items if i["id"] == "vaswani2017attention")
    assert attention["author"][0] == {"family": "Vaswani", "given": "Ashish"}
    assert attention["issued"] == {"date-parts": [[2017]]}
    assert (attention["number"], attention["publisher"]) == ("1706.03762", "arXiv")


def test_csl_json_and_ris_exports_import_back_with_their_keys(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = keys_by_title(capsys, library)
    for fmt in ("csl", "ris"):
        result = parse_text(_export(capsys, library, fmt), source_name=f"x.{fmt}")
        assert {p.title: p.key for p in result.papers} == expected, fmt
        assert result.warnings == []
        ids = {p.title: p.id for p in result.papers}
        assert ids["Attention Is All You Need"] == "arxiv:1706.03762"


def test_ris_ids_and_one_line_values(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, library, "note", "hochreiter", "line one\nTY  - JOUR\nER  - ")
    out = _export(capsys, library, "ris")
    assert sorted(re.findall(r"(?m)^ID  - (.*)$", out)) == sorted(
        keys_by_title(capsys, library).values())
    lines = out.splitlines()
    starts = [line for line in lines if line.startswith("TY  - ")]
    assert len(starts) == len([line for line in lines if line == "ER  - "]) == 7
    assert len(starts) == len(keys_by_title(capsys, library))  # the note is one N1 line
    assert "\nN1  - line one TY - JOUR ER -\n" in out


def test_markdown_and_org_cite_each_paper(library: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    keys = keys_by_title(capsys, library).values()
    markdown = _export(capsys, library, "md")
    items = [line for line in markdown.splitlines() if line.startswith("- [")]
    assert sorted(re.search(r" \[@([^\]]+)\]$", line).group(1) for line in items  # type: ignore[union-attr]
                  ) == sorted(keys)
    org = _export(capsys, library, "org")
    assert sorted(re.findall(r"(?m)^  :KEY: (.*)$", org)) == sorted(keys)
    assert sorted(re.findall(r"(?m)^  \[cite:@([^\]]+)\]", org)) == sorted(keys)


def test_csv_has_a_key_column(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(_export(capsys, library, "csv").lstrip("\ufeff"))))
    assert sorted(r["key"] for r in rows) == sorted(keys_by_title(capsys, library).values())


def test_a_zotero_bib_reexported_keeps_every_key(corpus: Path, db_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The story of the issue: a Zotero .bib in, a .bib out, every \\cite still works."""
    source = corpus / "bibtex" / "zotero_exported_items_contradictions_qa.bib"
    run(capsys, db_path, "import", str(source))
    original = {e.key for e in bibtexparser.parse_string(source.read_text()).entries}
    exported = {e.key for e in bibtexparser.parse_string(_export(capsys, db_path, "bib")).entries}
    assert exported == original and len(original) == 50
