"""`reader add` against a local server: ids and links in one request, DOIs, merging
into papers already there (reading state untouched), and every fault one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from net_fixtures import CorpusArxiv
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.ids import paper_id
from reader.model import Paper, Status
from reader.store import Library
from tests.cli_fixtures import run_cli as run


def show(capsys: pytest.CaptureFixture[str], db: Path, ident: str) -> dict[str, Any]:
    status, out, err = run(capsys, "--db", str(db), "show", ident, "--json")
    assert status == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture
def real_arxiv(served: HTTPServer, corpus: Path) -> CorpusArxiv:
    api = CorpusArxiv(corpus / "atom")
    served.expect_request("/api/query").respond_with_handler(api.handler)
    return api


def test_many_ids_and_links_are_one_request(real_arxiv: CorpusArxiv, db_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    given = ["2606.13677", "2606.13591v1", "arXiv:2606.13568",
             "https://arxiv.org/abs/2606.13515v1", "https://arxiv.org/pdf/2606.13501v1.pdf",
             "cond-mat/0412498", "http://arxiv.org/abs/cond-mat/0603029v1",
             "https://huggingface.co/papers/1201.4869", "10.48550/arXiv.1111.2011",
             "https://arxiv.org/html/1611.09520v2"]
    status, out, err = run(capsys, "--db", str(db_path), "add", *given)
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == len(given)
    assert all(line.startswith("added: arxiv:") for line in lines)
    assert lines[0].startswith("added: arxiv:2606.13677  Mana: Dexterous Manipulation")
    assert len(real_arxiv.requests) == 1  # every id in one id_list request
    assert "1 request in" in err
    paper = show(capsys, db_path, "cond-mat/0412498")
    assert paper["id"] == "arxiv:cond-mat/0412498"
    assert paper["authors"] and paper["published"] and paper["status"] == "new"
    assert paper["urls"][0] == "https://arxiv.org/abs/cond-mat/0412498"


def test_fifty_ids_one_request(real_arxiv: CorpusArxiv, db_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    ids = sorted(real_arxiv.entries)
    ids = (ids * 3)[:50]
    status, _, err = run(capsys, "--db", str(db_path), "add", *ids)
    assert status == 0, err
    assert len(real_arxiv.requests) == 1


def test_adding_a_paper_already_there_fills_it_and_keeps_its_state(
        real_arxiv: CorpusArxiv, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = "Mana: Dexterous Manipulation of Articulated Tools"
    pid = paper_id(None, None, title)  # as a pasted page brings it: a title, nothing else
    with Library.open(db_path) as lib:
        lib.add_papers([Paper(id=pid, title=title, abstract="Pasted abstract.")])
        lib.set_status(pid, Status.TO_READ)
        lib.set_note(pid, "my note")
        before = lib.state(pid)
    status, out, _ = run(capsys, "--db", str(db_path), "add", "2606.13677")
    assert (status, out) == (0, f"updated: {pid}  {title}\n")
    paper = show(capsys, db_path, "2606.13677")  # the arXiv id is an alias of the paper
    assert paper["id"] == pid
    assert paper["arxiv_id"] == "2606.13677" and paper["authors"]
    assert paper["abstract"] == "Pasted abstract."  # what it had is never replaced
    assert show(capsys, db_path, "arxiv:2606.13677")["id"] == pid
    with Library.open(db_path) as lib:
        assert lib.state(pid) == before
        assert len(lib) == 1
    status, out, _ = run(capsys, "--db", str(db_path), "add",
                         "https://arxiv.org/abs/2606.13677v1")
    assert out == f"unchanged: {pid}  {title}\n"


def test_unknown_ids_and_non_ids_are_one_line_each(real_arxiv: CorpusArxiv, db_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--db", str(db_path), "add", "2606.13677", "2601.99999",
                           "not-a-paper")
    assert status == 1
    assert out.startswith("added: arxiv:2606.13677")
    assert "reader: not found: 2601.99999\n" in err
    assert "reader: not an id: 'not-a-paper'" in err
    assert show(capsys, db_path, "2606.13677")["title"].startswith("Mana")


def test_nothing_valid_touches_nothing(served: HTTPServer, db_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--db", str(db_path), "add", "hello", "12345")
    assert status == 1 and err.count("not an id") == 2
    assert not db_path.exists() and not served.log


CSL = {"type": "article-journal", "title": "A Hand-Written Journal Article",
       "author": [{"given": "Ada", "family": "Lovelace"}, {"literal": "The Team"}],
       "issued": {"date-parts": [[2021, 3, 4]]}, "container-title": "Journal of Tests",
       "DOI": "10.1234/ABC.5", "URL": "https://doi.org/10.1234/abc.5"}


def test_a_doi_from_the_resolvers_csl_json(served: HTTPServer, db_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    served.expect_request(
        "/doi/10.1234/abc.5",
        headers={"Accept": "application/vnd.citationstyles.csl+json"},
    ).respond_with_json(CSL, content_type="application/vnd.citationstyles.csl+json")
    served.expect_request("/doi/10.1234/missing").respond_with_data("no", status=404)
    status, out, err = run(capsys, "--db", str(db_path), "add",
                           "https://doi.org/10.1234/ABC.5", "doi:10.1234/missing")
    assert status == 1
    assert out == "added: doi:10.1234/abc.5  A Hand-Written Journal Article\n"
    assert "reader: not found: doi:10.1234/missing" in err
    paper = show(capsys, db_path, "10.1234/abc.5")
    assert paper["authors"] == ["Ada Lovelace", "The Team"]
    assert (paper["published"], paper["venue"]) == ("2021-03-04", "Journal of Tests")


@pytest.mark.parametrize(("body", "content_type", "message"), [
    (b"<!DOCTYPE html><html><body>Service Unavailable</body></html>", "text/html",
     "reader: arXiv API: got a web page instead of XML"),
    (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x',
     "application/atom+xml", "reader: arXiv API: the response is malformed"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><feed>&a;</feed>',
     "application/atom+xml", "unsafe XML refused"),
])
def test_a_bad_response_is_one_line_and_stores_nothing(
        served: HTTPServer, db_path: Path, capsys: pytest.CaptureFixture[str],
        body: bytes, content_type: str, message: str) -> None:
    served.expect_request("/api/query").respond_with_data(body, content_type=content_type)
    status, out, err = run(capsys, "--db", str(db_path), "add", "2606.13677")
    assert status == 1 and out == ""
    lines = [line for line in err.splitlines() if "request" not in line]
    assert len(lines) == 1 and message in lines[0], err
    with Library.open(db_path) as lib:
        assert len(lib) == 0


def test_a_dois_fault_keeps_the_arxiv_papers_fetched_before(
        real_arxiv: CorpusArxiv, served: HTTPServer, db_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_: Request) -> Response:
        return Response("<html>gateway</html>", status=502, content_type="text/html")

    served.expect_request("/doi/10.1234/x").respond_with_handler(broken)
    status, _, err = run(capsys, "--db", str(db_path), "add", "2606.13677", "10.1234/x")
    assert status == 1 and "DOI 10.1234/x: the server is busy or failing (HTTP 502" in err
    assert show(capsys, db_path, "2606.13677")["title"].startswith("Mana")


def test_the_apis_empty_entry_for_an_unknown_id_is_not_found(
        served: HTTPServer, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the arXiv API has answered an unknown id with an entry holding no id and no title
    feed = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<entry><id></id><title></title><summary></summary></entry></feed>")
    served.expect_request("/api/query").respond_with_data(
        feed, content_type="application/atom+xml")
    status, out, err = run(capsys, "--db", str(db_path), "add", "2208.05394")
    assert (status, out) == (1, "")
    assert "reader: not found: 2208.05394" in err
    with Library.open(db_path) as lib:
        assert len(lib) == 0


def test_dois_answered_with_real_csl_json_items(served: HTTPServer, corpus: Path,
                                                db_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    items = json.loads((corpus / "csl-json" / "manubot_deep_rules_references.json")
                       .read_text(encoding="utf-8"))
    chosen = [i for i in items if i.get("DOI") and i.get("author")][:5]
    for item in chosen:  # the resolver answers one item (an object), not an array
        served.expect_request(f"/doi/{item['DOI'].lower()}").respond_with_json(
            item, content_type="application/vnd.citationstyles.csl+json")
    status, out, err = run(capsys, "--db", str(db_path), "add",
                           *[f"https://doi.org/{i['DOI']}" for i in chosen])
    assert status == 0, err
    assert [line.split("  ")[0] for line in out.splitlines()] == [
        f"added: doi:{i['DOI'].lower()}" for i in chosen]
    assert "5 requests in" in err  # one per DOI
    paper = show(capsys, db_path, chosen[0]["DOI"])
    assert paper["authors"] and paper["title"]
