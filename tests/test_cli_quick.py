"""CLI commands print the same whether the catalogue's derived index is there (the
quick path) or not (the full load), and keep the index in step with the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Paper
from reader.store import Library, derived

COMMANDS = [
    ["show", "2401.00002"], ["show", "2401.00002", "--json"], ["show", "arxiv:2401.0000"],
    ["show", "nope"], ["mark", "2401.00001", "read"], ["rate", "2401.00001", "4"],
    ["tag", "2401.00001", "ml", "nlp"], ["tag", "2401.00001", "ml", "--remove"],
    ["note", "2401.00001", "read again"], ["note", "2401.00001", "--clear"],
    ["mark", "2401.9", "read"], ["show", "2401.00001", "--json"],
    ["list"], ["list", "--status", "read", "--json"], ["list", "--status", "new"],
    ["list", "--tag", "nlp", "--json"], ["list", "--tag", "nlp"], ["list", "--json"],
    ["list", "--query", "about", "--status", "read"], ["stats", "--json"], ["stats"],
    ["related", "2401.00001"], ["mark", "2401.00003", "to-read"], ["stats", "--json"],
    ["tag", "2401.00003", "nlp"], ["list", "--tag", "nlp"], ["list", "--status", "to-read"],
    ["delete", "2401.00003"], ["list", "--json"], ["show", "2401.00003"], ["stats", "--json"],
    ["delete", "2401.00004"], ["list"], ["delete", "2401.00003"], ["show", "2401.00002"],
]


def _library(path: Path, corrupt: bool = False) -> Path:
    papers = [Paper(id=f"arxiv:2401.0000{i}", title=f"Title {i}", arxiv_id=f"2401.0000{i}",
                    abstract=f"About {i} and more.", authors=[f"Ada Lovelace{i}", "Zoë"],
                    year=2020 + i, published=f"202{i}-01-0{i + 1}", doi=f"10.1/x{i}",
                    urls=[f"https://example.org/{i}"], venue="NeurIPS", source="test:x",
                    added_at=f"2026-01-0{i + 2}T00:00:00+00:00")
              for i in range(5)]
    with Library.open(path) as lib:
        lib.add_papers(papers)
    if corrupt:  # a hand edit: one record of the wrong shape, skipped with a warning
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"urls":["https://example.org/4"]', '"urls":0'),
                        encoding="utf-8")
    return path


def _session(capsys: pytest.CaptureFixture[str], db: Path, keep_index: bool,
             monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str, str]]:
    monkeypatch.setenv("READER_NOW", "2026-01-15T12:00:00+00:00")
    out = []
    for argv in COMMANDS:
        if not keep_index:
            derived.index_file(db).unlink(missing_ok=True)
        code = main(["--db", str(db), *argv])
        got = capsys.readouterr()
        folder = str(db.parent)  # the two libraries' outputs name their own folder
        out.append((code, got.out.replace(folder, "DB"), got.err.replace(folder, "DB")))
    return out


@pytest.mark.parametrize("corrupt", [False, True])
def test_same_output_with_and_without_the_index(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                corrupt: bool) -> None:
    quick = _session(capsys, _library(tmp_path / "a" / "library.json", corrupt), True,
                     monkeypatch)
    full = _session(capsys, _library(tmp_path / "b" / "library.json", corrupt), False,
                    monkeypatch)
    assert quick == full
    assert quick[0][0] == 0 and "Title 2" in quick[0][1]
    assert ("warning" in quick[0][2]) == corrupt


def test_import_writes_the_index_and_a_command_rewrites_a_lost_one(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = _library(tmp_path / "library.json")
    index = derived.index_file(db)
    assert index.exists()
    index.unlink()
    assert main(["--db", str(db), "mark", "2401.00001", "read"]) == 0
    assert index.exists()
    capsys.readouterr()
