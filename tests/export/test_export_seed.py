"""Every format over the real seed listing (243 papers) with a mix of reading states."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import bibtexparser
import pytest
from export_fixtures import latex_to_text, needs_bibtex, run_bibtex
from markdown_it import MarkdownIt

from reader.cli import main
from reader.export.common import one_line
from reader.model import Status
from reader.parsing import parse_file
from reader.store import Library
from tests.conftest import SEED_LISTING, requires_shared

EVIL_NOTE = '=HYPERLINK("http://evil.example/")\n<script>alert(1)</script> {unbalanced % & 🚀'


pytestmark = requires_shared


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """A library from the seed listing: 8 to-read (one moved to the top of the queue),
    5 read, 3 skipped, 2 reading, the rest new. Returns (db, to-read order, read ids)."""
    db = tmp_path_factory.mktemp("seed") / "library.json"
    result = parse_file(SEED_LISTING)
    with Library.open(db) as lib:
        lib.add_papers(result.papers)
        ids = [p.id for p in lib.papers()]
        to_read, read = ids[:8], ids[8:13]
        for pid in to_read:
            lib.set_status(pid, Status.TO_READ)
        for pid, rating in zip(to_read[:4], (2, 5, 3, 5), strict=True):
            lib.set_rating(pid, rating)
        lib.move_in_queue(to_read[6], -10)
        lib.set_note(to_read[1], EVIL_NOTE)
        lib.add_tags(to_read[1], ["<b>tag</b>", "ml"])
        for pid in read:
            lib.set_status(pid, Status.READ)
        for pid in ids[13:16]:
            lib.set_status(pid, Status.SKIPPED)
        for pid in ids[16:18]:
            lib.set_status(pid, Status.READING)
        queued = [e for e in lib.entries() if e.state.status is Status.TO_READ]
        order = [e.paper.id for e in sorted(queued, key=lambda e: e.state.queue_pos or 0)]
    assert order[0] == to_read[6] and len(order) == 8
    return db, order, read


def export(db: Path, fmt: str, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["export", "--db", str(db), "-f", fmt, *extra]) == 0
    return capsys.readouterr().out


def titles_by_id(db: Path) -> dict[str, str]:
    with Library.open(db) as lib:
        return {p.id: p.title for p in lib.papers()}


def test_json_selection_order_and_round_trip(seeded: tuple[Path, list[str], list[str]],
                                             capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    db, order, _ = seeded
    doc = json.loads(export(db, "json", capsys))
    assert [p["id"] for p in doc["papers"]] == order
    everything = tmp_path / "all.json"
    export(db, "json", capsys, "--all", "-o", str(everything))
    copy = tmp_path / "copy.json"
    assert main(["import", "--db", str(copy), str(everything)]) == 0
    capsys.readouterr()
    again = json.loads(export(copy, "json", capsys, "--all"))
    assert again["papers"] == json.loads(everything.read_text(encoding="utf-8"))["papers"]
    assert len(again["papers"]) == 243


def test_markdown(seeded: tuple[Path, list[str], list[str]],
                  capsys: pytest.CaptureFixture[str]) -> None:
    db, order, read = seeded
    titles = titles_by_id(db)
    rendered = MarkdownIt("commonmark").render(export(db, "md", capsys))
    items = re.findall(r"<li>\[ \] (?:<a href=\"[^\"]*\">|<strong>)(.*?)</(?:a|strong)>",
                       rendered)
    assert [html.unescape(t) for t in items] == [titles[i] for i in order]
    assert "<script>" not in rendered
    done = MarkdownIt("commonmark").render(export(db, "md", capsys, "--status", "read"))
    assert done.count("<li>[x] ") == len(read) and "<li>[ ]" not in done


def test_csv(seeded: tuple[Path, list[str], list[str]],
             capsys: pytest.CaptureFixture[str]) -> None:
    db, order, _ = seeded
    rows = list(csv.DictReader(io.StringIO(export(db, "csv", capsys).lstrip("\ufeff"),
                                           newline="")))
    assert [r["id"] for r in rows] == order
    evil = [r for r in rows if "HYPERLINK" in r["note"]]
    assert len(evil) == 1 and evil[0]["note"] == "'" + EVIL_NOTE
    assert evil[0]["tags"] == "<b>tag</b>; ml"


def test_bibtex(seeded: tuple[Path, list[str], list[str]],
                capsys: pytest.CaptureFixture[str]) -> None:
    db, order, _ = seeded
    titles = titles_by_id(db)
    lib = bibtexparser.parse_string(export(db, "bib", capsys, "--all"))
    assert not lib.failed_blocks and len(lib.entries) == 243
    assert len({e.key for e in lib.entries}) == 243
    assert {latex_to_text(e.fields_dict["title"].value) for e in lib.entries} == \
        {one_line(t) for t in titles.values()}
    queue = bibtexparser.parse_string(export(db, "bib", capsys))
    assert [latex_to_text(e.fields_dict["title"].value) for e in queue.entries] == \
        [one_line(titles[i]) for i in order]


@needs_bibtex
def test_real_bibtex_reads_the_whole_seed_export(
        seeded: tuple[Path, list[str], list[str]], capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    db, _, _ = seeded
    records = run_bibtex(tmp_path, export(db, "bib", capsys, "--all"))
    assert len(records) == 243
    assert sorted(latex_to_text(title) for _, title, _ in records) == \
        sorted(one_line(t) for t in titles_by_id(db).values())


def test_org(seeded: tuple[Path, list[str], list[str]],
             capsys: pytest.CaptureFixture[str]) -> None:
    db, order, read = seeded
    out = export(db, "org", capsys, "--all")
    headings = re.findall(r"^\* (\w+) ", out, flags=re.M)
    assert len(headings) == 243
    assert headings.count("TODO") == len(order) and headings.count("DONE") == len(read)
    queue = export(db, "org", capsys)
    assert re.findall(r"^  :ID: (.*)$", queue, flags=re.M) == order


def test_html(seeded: tuple[Path, list[str], list[str]],
              capsys: pytest.CaptureFixture[str]) -> None:
    db, order, _ = seeded
    titles = titles_by_id(db)
    page = export(db, "html", capsys)
    shown = re.findall(r'<span class="title">(?:<a href="[^"]*">)?(.*?)(?:</a>)?</span>', page)
    assert [html.unescape(t) for t in shown] == [" ".join(titles[i].split()) for i in order]
    assert "<script>" not in page and "&lt;script&gt;" in page
