"""Format detection from content (never from the file name), and decoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.errors import ParseError
from reader.parsing import FORMATS, parse_file, parse_text, sniff
from reader.parsing.base import decode, formats

EXPECTED = {
    "atom": "arxiv-atom", "bibtex": "bibtex", "csl-json": "csl-json",
    "hf-daily-papers": "hf-json", "ris": "ris", "rss": "arxiv-rss",
}


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix != ".md")


def test_all_eight_formats_are_registered() -> None:
    assert set(formats()) == {"reader-json", "hf-json", "csl-json", "arxiv-atom", "arxiv-rss",
                              "ris", "bibtex", "hf-text"}
    assert list(formats())[-1] == "hf-text"  # the tolerant format is tried last
    assert FORMATS  # the public registry is filled once formats() ran


def test_every_corpus_file_is_recognised(corpus: Path) -> None:
    files = _corpus_files(corpus)
    assert len(files) == 14
    for path in files:
        text = decode(path.read_bytes(), str(path))
        assert sniff(text) == EXPECTED[path.parent.name], path.name


def test_the_seed_listing_is_plain_text(seed_listing: Path) -> None:
    assert sniff(seed_listing.read_text("utf-8")) == "hf-text"


def test_file_name_does_not_matter(corpus: Path, tmp_path: Path) -> None:
    source = corpus / "csl-json" / "manubot_deep_rules_references.json"
    disguised = tmp_path / "references.bib"
    disguised.write_bytes(source.read_bytes())
    assert parse_file(disguised).fmt == "csl-json"


def test_reader_export_is_recognised() -> None:
    doc = {"format": "reader-library", "version": 1, "papers": [{"id": "title:x", "title": "T"}]}
    assert sniff(json.dumps(doc)) == "reader-json"


def test_forced_format_overrides_sniffing() -> None:
    text = "A Title Line\nA short abstract that would not be sniffed as a listing.\n"
    with pytest.raises(ParseError, match="unknown format"):
        parse_text(text, source_name="note.txt")
    assert parse_text(text, fmt="hf-text").papers[0].title == "A Title Line"


def test_unknown_forced_format_lists_the_known_ones() -> None:
    with pytest.raises(ParseError, match=r"unknown format 'docx'.*hf-text"):
        parse_text("x", fmt="docx")


@pytest.mark.parametrize("text", [
    "id,title,abstract\n1,a,b\n",
    "just one line",
    "# A Markdown heading\n\n" + "Some prose. " * 40,
])
def test_other_text_is_not_taken_for_a_listing(text: str) -> None:
    with pytest.raises(ParseError, match="unknown format"):
        sniff(text)


@pytest.mark.parametrize(("text", "kind"), [
    ('{"hello": "world"}', "JSON of a shape"),
    ("[1, 2, 3]", "JSON of a shape"),
    ("<html><body>hi</body></html>", "XML or HTML"),
])
def test_structured_but_unknown_is_named(text: str, kind: str) -> None:
    with pytest.raises(ParseError, match=kind):
        sniff(text)


def test_decode_utf8_bom_and_utf16() -> None:
    assert decode("\ufeffTitle".encode(), "f") == "Title"
    assert decode("Tïtle".encode("utf-16"), "f") == "Tïtle"


def test_decode_legacy_encoding_names_file_and_line() -> None:
    data = "Fine first line\nCafé\n".encode("cp1252")
    with pytest.raises(ParseError, match=r"^old\.txt:2: not UTF-8 .*Latin-1") as info:
        decode(data, "old.txt")
    assert info.value.line == 2


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7\n...", "a PDF"), (b"PK\x03\x04rest", "a zip archive"),
    (b"\x00\x01\x02binary", "binary data"),
])
def test_decode_binary(data: bytes, kind: str) -> None:
    with pytest.raises(ParseError, match=f"^b.dat: {kind}, not a text listing"):
        decode(data, "b.dat")


def test_decode_utf16_without_bom_says_so() -> None:
    with pytest.raises(ParseError, match=r"^u\.txt: UTF-16 text without a byte-order mark"):
        decode("Title\nAbstract".encode("utf-16-le"), "u.txt")
