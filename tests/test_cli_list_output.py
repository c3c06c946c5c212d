"""`reader list` prints what it always printed, made faster: the lines of many papers
in one pass (clean_lines, the default-state lines), `--json` written by orjson a
slice at a time; the quick path (`--query` from the saved word index) and the full
load give the same bytes for a listing bigger than a slice."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader import cli_listing
from reader.cli import main
from reader.model import STATUS_GLYPHS, Entry, Paper, ReadingState, Status
from reader.search import persist
from reader.store import Library, derived
from reader.store.quick import QuickLibrary
from reader.text import clean_line, clean_lines

ODD = ["", " ", "plain title", "two  spaces", " leading", "trailing ", "a | b", "|", "| x",
       "Schrödinger bridges", "zero\u200bwidth", "tab\there", "new\nline", "bell\x07", "del\x7f",
       "e\u0301\u0301\u0301 marks", "“quoted”", "x" * 300, "Ω", "a\u00a0b"]


def test_clean_lines_is_clean_line_of_each() -> None:
    rng = random.Random(4)
    for n in (0, 1, 2, 15, 16, 17, 100, 3000):
        for share in (0.0, 0.01, 0.5):
            texts = [rng.choice(ODD) if rng.random() < share else f"Title {i} of {n}"
                     for i in range(n)]
            assert clean_lines(texts) == [clean_line(t) for t in texts]


def _entries() -> list[Entry]:
    rng = random.Random(7)
    out = []
    for i in range(40):
        paper = Paper(id=f"p{i}", title=rng.choice(ODD) + f" {i}", abstract="a\x1b[31m\u2028b",
                      authors=["Zoë Müller", "A\tB"] if i % 2 else [], year=[None, 2020][i % 2],
                      urls=["https://x.org/a?b=1&c=\"2\""] if i % 3 else [],
                      categories=["cs.LG"] if i % 5 else [])
        state = ReadingState(paper.id, status=list(Status)[i % 5], rating=[None, 3, 0][i % 3],
                             tags=["ml", "ü"][: i % 3], note="note\n\"q\"\\" if i % 4 else "")
        out.append(Entry(paper, state))
    out[5].paper.year = 2**70  # beyond orjson's integers: that slice by json
    return out


def test_json_is_json_dumps_of_every_entry(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    entries = _entries()
    want = json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2) + "\n"
    for size in (1, 3, 7, 1000):
        monkeypatch.setattr(cli_listing, "JSON_SLICE", size)
        cli_listing.print_json([e.paper for e in entries], [e.state for e in entries])
        assert capsys.readouterr().out == want
    cli_listing.print_json([], [])
    assert capsys.readouterr().out == "[]\n"


def test_lines_are_the_line_of_each_entry() -> None:
    entries = _entries()
    for e in entries[::3]:
        e.state = ReadingState(e.paper.id)  # the default state (new, no stars, no tags)

    def line(e: Entry) -> str:  # the listing's line, as it was written for one entry
        paper, state = e.paper, e.state
        parts = [STATUS_GLYPHS[state.status], clean_line(paper.id)]
        if paper.year:
            parts.append(str(paper.year))
        parts.append(clean_line(paper.title))
        if state.rating and state.rating > 0:
            parts.append("★" * state.rating)
        if state.tags:
            parts.append(" ".join(f"#{t}" for t in state.tags))
        return "  ".join(filter(None, parts))

    assert cli_listing.entry_lines(entries) == list(map(line, entries))


def _library(path: Path, n: int) -> Path:
    rng = random.Random(n)
    with Library.open(path, clock=lambda: datetime(2026, 1, 10, tzinfo=UTC)) as lib:
        lib.add_papers([Paper(id=f"x{i}", title=f"{rng.choice(ODD[2:])} bottleneck {i}",
                              abstract=f"A study of m{i % 7} and its title.",
                              year=2000 + i % 30 or None,
                              authors=[f"Author{i % 13} Müller"]) for i in range(n)])
        for i in range(0, n, 37):
            lib.set_status(f"x{i}", Status.READ if i % 2 else Status.TO_READ)
            lib.add_tags(f"x{i}", ["ml"] if i % 3 else ["ml", "Ü"])
            lib.set_rating(f"x{i}", i % 6 or None)
    return path


def test_a_listing_of_more_than_a_slice_is_the_full_loads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "MIN_SIZE", 10)
    monkeypatch.setenv("READER_NOW", "2026-01-15T12:00:00+00:00")
    quick = _library(tmp_path / "a" / "library.json", 1300)
    full = _library(tmp_path / "b" / "library.json", 1300)
    queries = [["bottleneck"], ["bottleneck", "--json"], ["study", "--json"],
               ["bottleneck -m3", "--status", "new"], ["bott tag:ml", "--json"], ["has:tags"],
               ["title"], ["title", "--json"]]  # every paper, those with it in the title first

    def run(db: Path, query: list[str]) -> tuple[int, str, str]:
        code = main(["--db", str(db), "list", f"--query={query[0]}", *query[1:]])
        got = capsys.readouterr()
        return code, got.out, got.err

    run(quick, ["bottleneck"])  # the word index built and vouched for
    want = []
    for query in queries:
        derived.index_file(full).unlink(missing_ok=True)  # the full load
        want.append(run(full, query))
    with monkeypatch.context() as patch:  # text lines from the derived index alone
        patch.setattr(QuickLibrary, "entries", None)
        assert run(quick, queries[0]) == want[0]
        assert run(quick, queries[3]) == want[3]
        assert run(quick, queries[6]) == want[6]
    assert [run(quick, query) for query in queries] == want
    assert want[0][1].count("\n") == 1300 and len(json.loads(want[1][1])) == 1300
    assert "★" in want[0][1] and "#ml" in want[0][1]
    ranked = [line.split()[1] for line in want[6][1].splitlines()]
    assert len(ranked) == 1300 and ranked != sorted(ranked, key=lambda pid: int(pid[1:]))
