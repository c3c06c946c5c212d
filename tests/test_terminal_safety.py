"""No escape sequence, 8-bit control or invisible character printed from a path or a
title reaches the terminal; Org exports carry no runnable inline code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.cli import main
from reader.export.org import OrgExporter, org_text
from reader.model import Entry, Paper, ReadingState, Status
from reader.store import Library
from reader.text import clean_line, sanitize

OSC52 = "\x1b]52;c;UFdORUQ=\x07"
COLOUR = "\x1b[31m"
OSC52_8BIT = "\x9d52;c;UFdORUQ=\x9c"
_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200d\U000e0000-\U000e007f]")


def _clean(text: str) -> bool:
    return not _BAD.search(text) and "52;c;" not in text


def test_8bit_osc_and_its_payload_are_removed() -> None:
    for text in (f"before {OSC52_8BIT} after", "a\x9052;q\x9cb", "a\x9fapc\x07b",
                 "unterminated \x9d52;c;UFdORUQ="):
        assert _clean(sanitize(text)), text
        assert _clean(clean_line(text)), text
    assert clean_line(f"before {OSC52_8BIT} after") == "before after"


def test_invisible_characters_leave_titles() -> None:
    title = "At\u200btention\u200d Is\ufeff All \U000e0041\U000e0042You\u2060 Need\u00ad"
    from reader.text import needs_line_cleaning

    assert clean_line(title) == "Attention Is All You Need"
    assert needs_line_cleaning(title)


def test_piled_combining_marks_are_cut_to_two_per_letter() -> None:
    zalgo = "Z" + "\u0335\u0321\u031b\u0317\u0326\u0330" * 20 + "algo"
    assert clean_line(zalgo) == "Z\u0335\u0321algo"
    assert clean_line("\u0301\u0301leading marks") == "leading marks"
    from reader.text import needs_line_cleaning

    # ordinary accents are untouched
    for word in ("Việt Nam", "e\u0302\u0323", "Schrödinger", "naïve"):
        assert clean_line(word) == word
        assert not needs_line_cleaning(word)


def test_import_cleans_invisible_characters_from_titles(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.json") as lib:
        lib.add_papers([Paper(id="x:1", title="Hid\u200bden\U000e0041 ti" + "\u0301" * 9 + "tle")])
        assert lib.paper("x:1").title == "Hidden ti\u0301\u0301tle"


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / f"lib{OSC52}{COLOUR}{OSC52_8BIT}x"
    folder.mkdir()
    with Library.open(folder / "library.json") as lib:
        lib.add_papers([Paper(id="arxiv:2401.00001", title="A paper", arxiv_id="2401.00001")])
        lib.set_status("arxiv:2401.00001", Status.TO_READ)
    return folder


def test_check_prints_paths_cleaned(hostile_folder: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", str(hostile_folder / "library.json"), "check"])
    out, err = capsys.readouterr()
    assert "library.json" in out
    assert _clean(out) and _clean(err), out


def test_export_prints_its_output_path_cleaned(hostile_folder: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = hostile_folder / "list.md"
    assert main(["--db", str(hostile_folder / "library.json"), "export", "-o",
                 str(target)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("wrote 1 paper to ") and err.endswith("list.md\n")
    assert _clean(err), err
    assert target.exists()


def test_errors_about_a_hostile_path_are_cleaned(hostile_folder: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", str(hostile_folder / "library.json"), "import",
          str(hostile_folder / f"missing{OSC52_8BIT}.txt")])
    assert _clean(capsys.readouterr().err)


# --- Org: inline Babel code --------------------------------------------------------

BABEL = ['src_emacs-lisp{(shell-command "touch /tmp/pwned")}', "call_evil()",
         "SRC_sh[:results raw]{id}", "call_x[:session]()[:results raw]"]
# Org's own patterns for inline source blocks and inline calls (org-element.el)
_RUNNABLE = re.compile(r"(?i)(?:^|[^-\w])(?:src_[^\s\[{]+(?:\[[^\]]*\])?\{"
                       r"|call_[^\s()\[]+(?:\[[^\]]*\])?\()")


@pytest.mark.parametrize("code", BABEL)
def test_org_neutralises_inline_babel_in_every_text(code: str) -> None:
    paper = Paper(id=f"x:{code}", title=f"Title {code}", authors=[f"Au {code}"],
                  venue=f"Venue {code}", doi=f"10.1/{code}", arxiv_id=f"2401.0{code}")
    state = ReadingState(paper.id, tags=[code], note=f"note {code}")
    dumped = OrgExporter().dump([Entry(paper, state)], __import__("datetime").datetime.now())
    outside_block = dumped.split("#+begin_example")[0]
    assert not _RUNNABLE.search(outside_block), outside_block
    assert code in clean_line(org_text(f"x {code}").replace("\u200b", ""))
