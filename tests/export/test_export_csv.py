"""Spreadsheet-safe CSV: formulas neutralised, everything else intact, Excel-friendly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from export_fixtures import FORMULA_TITLE, HOSTILE_NOTE, HOSTILE_TITLE, NOW, TO_READ_ORDER, entry
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.export import EXPORTERS, export_to_file, select_entries
from reader.export.csv import COLUMNS, neutralize
from reader.model import Entry, Status

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\0")


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_file_has_bom_header_and_one_row_per_paper_in_order(
        entries: list[Entry], tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    export_to_file(select_entries(entries), "csv", path, NOW)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf\"id\",\"title\"")
    rows = read_rows(path)
    assert [r["id"] for r in rows] == TO_READ_ORDER
    assert list(rows[0]) == COLUMNS


def test_every_design_field_is_a_column() -> None:
    design = ["id", "title", "abstract", "authors", "year", "published", "arxiv_id", "doi",
              "urls", "venue", "source", "added_at", "status", "rating", "tags", "note",
              "history", "updated_at"]
    assert set(design) <= set(COLUMNS)


def test_formula_cells_are_prefixed_and_the_rest_is_intact(
        entries: list[Entry], tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    export_to_file(select_entries(entries), "csv", path, NOW)
    rows = {r["id"]: r for r in read_rows(path)}
    formula = rows["doi:10.1000/xyz"]
    assert formula["title"] == "'" + FORMULA_TITLE
    assert formula["note"] == "'-2+3\n@cmd"  # only the cell start matters
    hostile = rows["arxiv:2401.00001"]
    assert hostile["title"] == HOSTILE_TITLE
    assert hostile["note"] == HOSTILE_NOTE
    assert hostile["tags"] == "ml; to share; <b>"
    assert hostile["authors"] == "Alice Smith; Bob Jones; Carol King"
    assert hostile["rating"] == "3" and hostile["status"] == "to-read"
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(DANGEROUS), value


def test_every_cell_is_quoted(entries: list[Entry]) -> None:
    out = EXPORTERS["csv"].dump(select_entries(entries), NOW)
    first = out.split("\r\n", 2)[1]
    assert first.startswith('"arxiv:2401.00002","Queue head","Solo","2024"')


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_no_title_reaches_a_spreadsheet_as_a_formula(title: str) -> None:
    e = entry("x", title, status=Status.TO_READ)
    out = EXPORTERS["csv"].dump([e], NOW)
    row = next(iter(csv.DictReader(io.StringIO(out, newline=""))))
    assert not row["title"].startswith(DANGEROUS)
    # the prefix is the only change
    assert row["title"] in (title, "'" + title)


def test_neutralize_leaves_plain_text_alone() -> None:
    assert neutralize("Attention") == "Attention"
    assert neutralize("") == ""
    assert neutralize("a=b") == "a=b"
    assert neutralize("\t=1+1") == "'\t=1+1"
