"""Bad input through the command line: one clear stderr line naming the file,
exit status 1, no traceback, and the library exactly as it was."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reader.cli import main
from reader.importer import _progress_bar

GOOD = ("Sparse Widgets for Dense Retrieval\n" + "We study retrieval with sparse widgets. " * 12
        + "\nA Second Paper About Something Else\n" + "It has an abstract of its own. " * 12 + "\n")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith(".lock")}


def _bad_files(folder: Path, corpus: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        files[name] = folder / name
        files[name].write_bytes(data)

    put("empty.txt", b"")
    put("blank.txt", b"  \n\t\r\n")
    put("binary.dat", bytes(range(256)) * 8)
    put("paper.pdf", b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    put("truncated.bib", b"@article{key1,\n  title = {A Title},\n  author = {Doe, J")
    atom = (corpus / "atom" / "arxiv_api_search_au_del_maestro.xml").read_bytes()
    put("malformed.xml", atom[: len(atom) // 2])
    put("bomb.xml", b'<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
                    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&c;</title>'
                    b"</entry></feed>")
    put("wrong-shape.json", b'{"results": [{"name": "not a paper"}]}')
    put("latin1.txt", "Un résumé\n".encode("latin-1") + GOOD.encode())
    put("unknown.csv", b"id,title,year\n1,Something,2020\n")
    (folder / "a-directory").mkdir()
    files["a-directory"] = folder / "a-directory"
    files["missing.txt"] = folder / "missing.txt"
    return files


BAD = ["empty.txt", "blank.txt", "binary.dat", "paper.pdf", "truncated.bib", "malformed.xml",
       "bomb.xml", "wrong-shape.json", "latin1.txt", "unknown.csv", "a-directory",
       "missing.txt"]


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A library holding two papers already."""
    db = tmp_path / "lib" / "library.json"
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["--db", str(db), "import", str(good)]) == 0
    capsys.readouterr()
    return db


@pytest.mark.parametrize("name", BAD)
def test_bad_file_gives_one_line_exit_1_and_no_change(
        name: str, library: Path, tmp_path: Path, corpus: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad_files(tmp_path, corpus)[name]
    before = _snapshot(library.parent)
    status = main(["--db", str(library), "import", str(path)])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"reader: {path}")
    assert "Traceback" not in err and "internal error" not in err
    assert _snapshot(library.parent) == before


def test_bad_file_creates_no_library(tmp_path: Path, corpus: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new" / "library.json"
    path = _bad_files(tmp_path, corpus)["wrong-shape.json"]
    assert main(["--db", str(db), "import", str(path)]) == 1
    assert not db.exists()


def test_good_files_still_import_next_to_bad_ones(tmp_path: Path, corpus: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "library.json"
    bad = _bad_files(tmp_path, corpus)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    status = main(["--db", str(db), "import", str(bad["empty.txt"]), str(good),
                   str(bad["truncated.bib"])])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == "2 added, 0 updated, 0 unchanged from good.txt\n"
    lines = err.strip().splitlines()  # one per bad file, and the new library said once
    assert len(lines) == 3 and lines[1] == f"created a new library at {db}"
    assert main(["--db", str(db), "list"]) == 0
    assert "Sparse Widgets for Dense Retrieval" in capsys.readouterr().out


def test_partly_broken_bibtex_imports_the_good_entries(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{good1, title = {First Good Entry}, year = {2020}}\n\n"
                   "@article{broken, title = {Never closed, year = {2021}\n\n"
                   "@article{good2, title = {Second Good Entry}, year = {2022}}\n",
                   encoding="utf-8")
    db = tmp_path / "library.json"
    status = main(["--db", str(db), "import", str(bib)])
    out, err = capsys.readouterr()
    assert status == 0
    added = int(out.split()[0])
    assert added >= 1 and out.rstrip().endswith("from refs.bib")
    assert "warning" in err and "refs.bib" in err


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    with _progress_bar("importing", 100_000, io.StringIO()) as progress:
        assert progress is None  # piped: quiet
    with _progress_bar("importing", 10, Tty()) as progress:
        assert progress is None  # small: no bar
    stream = Tty()
    with _progress_bar("importing", 100_000, stream) as progress:
        assert progress is not None
        progress(50_000, 100_000)
    assert "importing" in stream.getvalue()
