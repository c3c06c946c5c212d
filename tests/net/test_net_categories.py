"""`reader add` and `reader resolve` fill arXiv categories from the local arXiv API, and
a later import of the same paper keeps them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from net_fixtures import CorpusArxiv, FakeArxiv, Record
from pytest_httpserver import HTTPServer

from reader.cli import main
from reader.model import Paper, Status
from reader.store import Library


def _show(capsys: pytest.CaptureFixture[str], db: Path, ident: str) -> dict[str, Any]:
    assert main(["--db", str(db), "show", ident, "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_resolve_fills_categories_and_reimport_keeps_them(
        served: HTTPServer, db_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    title = "Quantum gravity without the headache"
    with Library.open(db_path) as lib:
        lib.add_papers([Paper(id="title:q", title=title, abstract="Pasted.")])
        lib.set_status("title:q", Status.TO_READ)
    api = FakeArxiv([Record("2402.00007", title, ["Ann Lee"], "2024-02-01",
                            category="hep-th")])
    served.expect_request("/api/query").respond_with_handler(api.handler)
    assert main(["--db", str(db_path), "resolve", "--all"]) == 0
    assert "resolved: title:q -> arXiv 2402.00007" in capsys.readouterr().out
    data = _show(capsys, db_path, "arxiv:2402.00007")
    assert data["id"] == "title:q" and data["categories"] == ["hep-th"]
    assert data["status"] == "to-read"
    bib = tmp_path / "again.bib"  # the same paper again, from a file without categories
    bib.write_text("@article{lee2024, title={" + title + "}, eprint={2402.00007}, "
                   "archiveprefix={arXiv}, year={2024}}\n")
    assert main(["--db", str(db_path), "import", str(bib)]) == 0
    capsys.readouterr()
    data = _show(capsys, db_path, "2402.00007")
    assert data["categories"] == ["hep-th"] and data["status"] == "to-read"
    assert main(["--db", str(db_path), "show", "2402.00007"]) == 0
    assert "categories  hep-th" in capsys.readouterr().out.splitlines()


def test_add_fills_categories(served: HTTPServer, db_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    api = FakeArxiv([Record("2403.00001", "A paper on tensors", ["B C"], "2024-03-01",
                            category="math.NA")])
    served.expect_request("/api/query").respond_with_handler(api.handler)
    assert main(["--db", str(db_path), "add", "2403.00001"]) == 0
    capsys.readouterr()
    assert _show(capsys, db_path, "2403.00001")["categories"] == ["math.NA"]


def test_add_of_real_responses_fills_primary_first(served: HTTPServer, corpus: Path,
                                                   db_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    api = CorpusArxiv(corpus / "atom")
    served.expect_request("/api/query").respond_with_handler(api.handler)
    assert main(["--db", str(db_path), "add", "2606.13677", "1111.2011"]) == 0
    capsys.readouterr()
    assert _show(capsys, db_path, "2606.13677")["categories"] == ["cs.RO", "cs.AI", "cs.CV",
                                                                  "cs.LG"]
    assert _show(capsys, db_path, "1111.2011")["categories"] == ["cond-mat.str-el",
                                                                 "cond-mat.stat-mech"]
