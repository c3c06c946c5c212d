"""The generated key pattern, cleaning imported keys, and disambiguation."""

from __future__ import annotations

import json

import pytest

from reader.citekeys import base_key, clean_key, is_valid_key, unique_key
from reader.model import Paper


@pytest.mark.parametrize(("authors", "year", "title", "key"), [
    (["Ashish Vaswani", "Noam Shazeer"], 2017, "Attention Is All You Need",
     "vaswani2017attention"),
    (["Erwin Schrödinger"], 1935, "Die gegenwärtige Situation", "schrodinger1935die"),
    (["Łukasz Kaiser"], 2017, "One Model To Learn Them All", "kaiser2017one"),
    (["Jan Łukasiewicz"], 1951, "Aristotle's Syllogistic", "lukasiewicz1951aristotle"),
    (["Laurens van der Maaten"], 2008, "Visualizing Data using t-SNE", "maaten2008visualizing"),
    (["Müller, Ana"], 2024, "The [CLS] token", "muller2024cls"),
    ([], 2020, "A Survey", "anon2020survey"),
    (["Ada Lovelace"], None, "On the Engine", "lovelaceengine"),
    (["Søren Hauberg"], 2019, "Ørsted's æther", "hauberg2019orsted"),
    (["李 小龍"], 2020, "漢字 title", "anon2020title"),
])
def test_generated_keys_follow_family_year_word(authors: list[str], year: int | None,
                                                title: str, key: str) -> None:
    paper = Paper(id="x", title=title, authors=authors, year=year)
    generated = base_key(paper)
    assert generated == key
    assert generated.isascii() and is_valid_key(generated)


def test_taken_keys_get_a_b_then_two_letters() -> None:
    taken = {"smith2020deep"}
    assert unique_key("smith2020deep", taken) == "smith2020deepa"
    taken |= {"smith2020deepa", "smith2020deepb"}
    assert unique_key("Smith2020Deep", taken) == "Smith2020Deepc"  # case is ignored
    taken |= {f"k{c}" for c in "abcdefghijklmnopqrstuvwxyz"} | {"k"}
    assert unique_key("k", taken) == "kaa"


@pytest.mark.parametrize(("raw", "clean"), [
    ("vaswani2017attention", "vaswani2017attention"),
    ("Held:2024gwj", "Held:2024gwj"),
    ("2016ApJ...817...16D", "2016ApJ...817...16D"),
    ("Smith 2020, x", "Smith2020x"),
    ("a{b}c%d#e~f\\g", "abcdefg"),
    (" \x1b[2Jkey\x07 ", "2Jkey"),
    ("{}", ""),
    (42, "42"),
    (None, ""),
    (True, ""),
])
def test_imported_keys_lose_what_bibtex_would_misread(raw: object, clean: str) -> None:
    assert clean_key(raw) == clean
    assert clean == "" or is_valid_key(clean)


def test_keys_are_capped() -> None:
    assert len(clean_key("k" * 500)) == 100


@pytest.mark.parametrize(("item_id", "key"), [
    ("lecun2015deep", "lecun2015deep"),
    ("https://doi.org/10.1038/nature14539", "lecun2015deep"),  # a DOI resolver's record
    ("10.1038/nature14539", "lecun2015deep"),
    ("http://zotero.org/users/local/AbC/items/XYZ123", "lecun2015deep"),
])
def test_csl_json_ids_that_are_links_or_dois_are_not_keys(item_id: str, key: str) -> None:
    from reader.parsing import parse_text
    from reader.store import Library

    item = {"id": item_id, "type": "article-journal", "title": "Deep learning",
            "author": [{"family": "LeCun", "given": "Yann"}], "issued": {"date-parts": [[2015]]}}
    with Library.open(None) as lib:
        lib.add_papers(parse_text(json.dumps([item]), "csl-json").papers)
        assert [p.key for p in lib.papers()] == [key]
