"""A .bib kept in sync: `reader export --watch PATH` and the config's `bib_export`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import bibtexparser
import pytest
from citekey_fixtures import BIB, PAGE, run, write

from reader.config import Config
from reader.export.watch import ExportFile, watch
from reader.store import Library


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll a condition (never a fixed sleep standing for "long enough")."""
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.01)


def bib_keys(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return sorted(e.key for e in bibtexparser.parse_string(text).entries)


@pytest.fixture
def library(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    run(capsys, db_path, "import", str(write(tmp_path, "a.bib", BIB)))
    return db_path


@pytest.fixture
def watched(library: Path, tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A watch of `refs.bib` running in a thread (every 10 ms) until the test ends."""
    target = tmp_path / "paper" / "refs.bib"
    target.parent.mkdir()
    lines: list[str] = []
    stop = threading.Event()
    errors: list[BaseException] = []

    def body() -> None:
        try:
            with Library.open(library, create=False) as lib:
                watch(ExportFile(target, "bib"), changed=lib.reload_if_changed,
                      entries=lib.entries, report=lines.append, every=0.01, stop=stop)
        except BaseException as exc:  # shown by the test, not lost in the thread
            errors.append(exc)

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    try:
        yield target, lines
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not errors, errors


def test_the_watched_bib_follows_the_library(watched: tuple[Path, list[str]], library: Path,
                                             tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    target, lines = watched
    wait_for(lambda: bib_keys(target) == ["Devlin:2019bert", "vaswani2017attention"],
             "the first export")
    # a rename from another process (the CLI) reaches the file
    run(capsys, library, "rekey", "vaswani2017attention", "transformer")
    wait_for(lambda: "transformer" in bib_keys(target), "the renamed key")
    # so does an import, and a note (BibTeX's annote)
    run(capsys, library, "import", str(write(tmp_path, "p.txt", PAGE)))
    wait_for(lambda: "anonschrodinger" in bib_keys(target), "the imported papers")
    run(capsys, library, "note", "transformer", "Cite for the architecture.")
    wait_for(lambda: "Cite for the architecture." in target.read_text(), "the note")
    # a deleted file comes back
    target.unlink()
    wait_for(lambda: "transformer" in bib_keys(target), "the file written again")
    assert lines[0].startswith(f"wrote 2 papers to {target}; watching")
    assert not list(target.parent.glob("*.tmp*"))  # atomic: no temporary file left


def test_an_unchanged_library_leaves_the_file_alone(library: Path, tmp_path: Path) -> None:
    target = tmp_path / "refs.bib"
    lines: list[str] = []
    calls = []

    def changed() -> bool:
        calls.append(1)
        return len(calls) == 2  # the second poll says "changed": same text, no write

    with Library.open(library, create=False) as lib:
        watch(ExportFile(target, "bib"), changed=changed, entries=lib.entries,
              report=lines.append, every=0, polls=5)
        first = target.stat().st_mtime_ns, target.read_text()
        watch(ExportFile(target, "bib"), changed=lambda: False, entries=lib.entries,
              report=lines.append, every=0, polls=3)
    assert (target.stat().st_mtime_ns, target.read_text()) == first
    assert len(calls) == 5
    assert [line for line in lines if "watching" not in line] == []


def test_the_cli_watch_refuses_a_file_it_did_not_write(library: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    own = write(tmp_path, "mine.bib", "@misc{handwritten, title = {Mine}}\n")
    status, out, err = run(capsys, library, "export", "--format", "bib", "--watch", str(own))
    assert (status, out) == (1, "")
    assert "was not written by Reader's export (use --force" in err
    assert own.read_text() == "@misc{handwritten, title = {Mine}}\n"
    status, _, err = run(capsys, library, "export", "--format", "bib", "--watch",
                         str(tmp_path / "missing" / "refs.bib"))
    assert status == 1 and "folder" in err and err.count("\n") == 1


def test_the_cli_watch_stops_on_ctrl_c(library: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: threading.Event, timeout: float | None = None) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(threading.Event, "wait", interrupted)
    target = tmp_path / "refs.bib"
    status, out, err = run(capsys, library, "export", "-f", "bib", "--watch", str(target))
    assert (status, out) == (0, "")
    assert err.splitlines() == [f"wrote 2 papers to {target}; watching the library",
                                f"stopped watching; {target} is up to date"]
    assert bib_keys(target) == ["Devlin:2019bert", "vaswani2017attention"]


def test_the_configured_bib_follows_cli_changes(library: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "auto.bib"
    Config(bib_export=str(target)).save()
    run(capsys, library, "mark", "vaswani2017attention", "read")
    assert bib_keys(target) == ["Devlin:2019bert", "vaswani2017attention"]
    run(capsys, library, "rekey", "Devlin:2019bert", "bert")
    assert bib_keys(target) == ["bert", "vaswani2017attention"]
    run(capsys, library, "import", str(write(tmp_path, "p.txt", PAGE)))
    assert "anonschrodinger" in bib_keys(target)
    # an unwritable target is a warning; the change itself is saved
    Config(bib_export=str(tmp_path / "missing" / "auto.bib")).save()
    status, out, err = run(capsys, library, "tag", "bert", "nlp")
    assert status == 0 and out.startswith("doi:10.18653/v1/n19-1423: tags: +nlp")
    assert err.startswith("reader: warning: bib_export: cannot write")
