"""`reader import` end to end: what it prints, what it stores, what it never touches."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from tests.conftest import CORPUS, requires_shared
from tests.conftest import SEED_LISTING as SEED

ROOT = Path(__file__).resolve().parent.parent


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _list(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict[str, Any]]:
    status, out, _ = _run(capsys, "--db", str(db), "list", "--json")
    assert status == 0
    data: list[dict[str, Any]] = json.loads(out)
    return data


@requires_shared
def test_seed_import_prints_what_it_did(db_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    status, out, err = _run(capsys, "--db", str(db_path), "import", str(SEED))
    assert (status, err) == (0, "")
    assert out == "243 added, 0 updated, 0 unchanged from hf-papers-search-bottleneck.txt\n"
    papers = _list(capsys, db_path)
    assert len(papers) == 243
    first = next(p for p in papers if p["title"].startswith("Principled Training"))
    assert first["title"] == "Principled Training of Neural Networks with Direct Feedback Alignment"
    assert first["status"] == "new" and first["source"] == "hf-text:hf-papers-search-bottleneck.txt"
    assert first["id"].startswith("title:")


@requires_shared
def test_reimport_adds_nothing_and_keeps_reading_state(
        db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "--db", str(db_path), "import", str(SEED))
    pid = _list(capsys, db_path)[0]["id"]
    assert _run(capsys, "--db", str(db_path), "mark", pid, "read")[0] == 0
    assert _run(capsys, "--db", str(db_path), "rate", pid, "4")[0] == 0
    assert _run(capsys, "--db", str(db_path), "note", pid, "kept")[0] == 0
    status, out, _ = _run(capsys, "--db", str(db_path), "import", str(SEED))
    assert status == 0
    assert out == "0 added, 0 updated, 243 unchanged from hf-papers-search-bottleneck.txt\n"
    entry = next(p for p in _list(capsys, db_path) if p["id"] == pid)
    assert (entry["status"], entry["rating"], entry["note"]) == ("read", 4, "kept")


@requires_shared
def test_overlapping_listing_adds_only_new_and_fills_missing_metadata(
        tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = SEED.read_text("utf-8").splitlines()[2:]
    first = tmp_path / "first.txt"
    first.write_text("\n".join(lines[:20]) + "\n", encoding="utf-8")  # 10 papers, no dates
    second = tmp_path / "second.txt"  # papers 6-15, now with a date line after each abstract
    second.write_text("".join(f"{lines[i]}\n{lines[i + 1]}\n3 authors · Mar 8, 2024\n"
                              for i in range(10, 30, 2)), encoding="utf-8")
    assert _run(capsys, "--db", str(db_path), "import", str(first))[1].startswith("10 added")
    status, out, _ = _run(capsys, "--db", str(db_path), "import", str(second))
    assert status == 0
    assert out == "5 added, 5 updated, 0 unchanged from second.txt\n"
    papers = _list(capsys, db_path)
    assert len(papers) == 15
    assert sum(1 for p in papers if p["published"] == "2024-03-08") == 10


@requires_shared
def test_every_corpus_file_and_the_seed_import(db_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md")
    status, out, err = _run(capsys, "--db", str(db_path), "import", *files, str(SEED))
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == len(files) + 1
    for line in lines:
        assert int(line.split()[0]) > 0, line  # every file brought papers
    # added + updated + unchanged: a paper already brought by another file is not new
    counts = {line.rsplit(" from ", 1)[1]: sum(int(w) for w in line.split()[:6:2])
              for line in lines}
    assert counts["hf_api_daily_papers_limit30_2026-06.json"] == 30
    assert counts["manubot_deep_rules_references.json"] == 127
    for paper in _list(capsys, db_path):
        assert paper["title"] and "\n" not in paper["title"]
        assert "{" not in paper["title"] or "}" in paper["title"]


def test_forced_format(tmp_path: Path, db_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "one.txt"
    note.write_text("A Single Paper Title\nIts abstract, which is short.\n", encoding="utf-8")
    assert _run(capsys, "--db", str(db_path), "import", str(note))[0] == 1
    status, out, _ = _run(capsys, "--db", str(db_path), "import", str(note), "--format",
                          "hf-text")
    assert (status, out) == (0, "1 added, 0 updated, 0 unchanged from one.txt\n")


@requires_shared
def test_export_json_imports_back_losslessly(tmp_path: Path, db_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "--db", str(db_path), "import", str(SEED))
    ids = [p["id"] for p in _list(capsys, db_path)[:3]]
    _run(capsys, "--db", str(db_path), "mark", ids[0], "to-read")
    _run(capsys, "--db", str(db_path), "tag", ids[0], "ml", "group")
    _run(capsys, "--db", str(db_path), "mark", ids[1], "read")
    _run(capsys, "--db", str(db_path), "rate", ids[1], "5")
    _run(capsys, "--db", str(db_path), "note", ids[2], "# Title\n\n- point")
    out_file = tmp_path / "all.json"
    status, _, err = _run(capsys, "--db", str(db_path), "export", "--all", "--format", "json",
                          "-o", str(out_file))
    assert status == 0, err
    other = tmp_path / "other.json"
    status, out, _ = _run(capsys, "--db", str(other), "import", str(out_file))
    assert (status, out) == (0, "243 added, 0 updated, 0 unchanged from all.json\n")
    before = {p["id"]: p for p in _list(capsys, db_path)}
    after = {p["id"]: p for p in _list(capsys, other)}
    assert after == before


@requires_shared
def test_python_dash_m_reader_import_is_quiet_when_piped(tmp_path: Path) -> None:
    db = tmp_path / "library.json"
    proc = subprocess.run([sys.executable, "-m", "reader", "--db", str(db), "import", str(SEED)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0
    assert proc.stdout == "243 added, 0 updated, 0 unchanged from hf-papers-search-bottleneck.txt\n"
    assert proc.stderr == ""


@requires_shared
def test_unknown_forced_format_is_a_usage_error(db_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "--db", str(db_path), "import", str(SEED), "--format",
                            "docx")
    assert (status, out) == (2, "")
    assert err.startswith("reader: unknown format 'docx' (known formats: ")
    assert not db_path.exists()


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal, so the spinner and the bar are drawn."""

    def isatty(self) -> bool:
        return True


def test_file_names_in_progress_lines_are_not_markup(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import importer

    path = tmp_path / "[bold]notes [CLS].txt"
    path.write_text("x", encoding="utf-8")
    monkeypatch.setattr(importer, "STATUS_MIN_BYTES", 0)
    spinner = _Terminal()
    with importer._reading(path, spinner):
        pass
    assert "reading [bold]notes [CLS].txt" in spinner.getvalue()
    bar = _Terminal()
    with importer._progress_bar(f"importing {path.name}", importer.PROGRESS_MIN_PAPERS,
                                bar) as progress:
        assert progress is not None
        progress(1, importer.PROGRESS_MIN_PAPERS)
    assert "importing [bold]notes [CLS].txt" in bar.getvalue()


def test_error_lines_carry_no_escape_sequences(tmp_path: Path, db_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    hostile = tmp_path / "list\x1b]0;pwned\x07\x1b[2J.json"
    hostile.write_text("{not json", encoding="utf-8")
    status, out, err = _run(capsys, "--db", str(db_path), "import", str(hostile))
    assert status == 1 and out == ""
    assert err.startswith("reader: ") and "list" in err and err.count("\n") == 1
    assert "\x1b" not in err and "\x07" not in err
