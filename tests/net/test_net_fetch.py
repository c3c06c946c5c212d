"""`reader fetch hf-daily` (the real daily papers JSON) and `reader fetch arxiv`
(a category or a query, newest first, page by page) against a local server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from net_fixtures import FakeArxiv, Record
from pytest_httpserver import HTTPServer

from reader.sources.arxiv import PAGE, user_query
from reader.store import Library
from tests.cli_fixtures import run_cli as run

HF_FILE = "hf-daily-papers/hf_api_daily_papers_limit30_2026-06.json"


def test_hf_daily_lands_in_the_inbox(served: HTTPServer, corpus: Path, db_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    served.expect_request("/api/daily_papers", query_string="date=2026-06-12").respond_with_data(
        (corpus / HF_FILE).read_bytes(), content_type="application/json")
    status, out, err = run(capsys, "--db", str(db_path), "fetch", "hf-daily",
                           "--date", "2026-06-12")
    assert status == 0, err
    assert out == "30 added, 0 updated, 0 unchanged from Hugging Face daily papers " \
                  "(2026-06-12)\n"
    status, out, _ = run(capsys, "--db", str(db_path), "list", "--status", "new", "--json")
    papers = json.loads(out)
    assert len(papers) == 30 and all(p["arxiv_id"] and p["authors"] for p in papers)
    status, out, _ = run(capsys, "--db", str(db_path), "fetch", "hf-daily",
                         "--date", "2026-06-12")
    assert out.startswith("0 added, 0 updated, 30 unchanged")


def test_hf_daily_faults(served: HTTPServer, db_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    served.expect_request("/api/daily_papers").respond_with_data(
        "<html><body>Sign in</body></html>", content_type="text/html")
    status, out, err = run(capsys, "--db", str(db_path), "fetch", "hf-daily")
    assert (status, out) == (1, "")
    assert "reader: Hugging Face daily papers: got a web page instead of JSON" in err
    served.clear()
    served.expect_request("/api/daily_papers").respond_with_data(
        '[{"paper": {"id": "2606.00467", "title": "x"', content_type="application/json")
    status, _, err = run(capsys, "--db", str(db_path), "fetch", "hf-daily")
    assert status == 1 and "the response is malformed" in err


def records(n: int) -> list[Record]:
    return [Record(f"2406.{i:05d}", f"Paper number {i}", ["A B"], f"2024-06-{30 - i // 10:02d}")
            for i in range(n)]


def test_a_category_newest_first_page_by_page(served: HTTPServer, db_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    api = FakeArxiv(records(250))
    served.expect_request("/api/query").respond_with_handler(api.handler)
    status, out, err = run(capsys, "--db", str(db_path), "fetch", "arxiv", "cs.LG",
                           "--max", "150")
    assert status == 0, err
    assert out == "150 added, 0 updated, 0 unchanged from arXiv cs.LG\n"
    assert [r["max_results"] for r in api.requests] == [str(PAGE), "50"]
    assert api.requests[0]["sortBy"] == "submittedDate"
    assert api.requests[0]["sortOrder"] == "descending"
    assert "2 requests in" in err


def test_a_category_of_the_last_days(served: HTTPServer, db_path: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.sources.listing as listing

    monkeypatch.setattr(listing, "since_days", lambda days: "2024-06-29")
    api = FakeArxiv(records(250))
    served.expect_request("/api/query").respond_with_handler(api.handler)
    status, out, _ = run(capsys, "--db", str(db_path), "fetch", "arxiv", "cs.LG",
                         "--days", "2")
    assert (status, out) == (0, "20 added, 0 updated, 0 unchanged from arXiv cs.LG\n")
    assert len(api.requests) == 1  # the first page already reached older papers


def test_a_query(served: HTTPServer, db_path: Path,
                 capsys: pytest.CaptureFixture[str]) -> None:
    api = FakeArxiv(records(3))
    served.expect_request("/api/query").respond_with_handler(api.handler)
    status, _, _ = run(capsys, "--db", str(db_path), "fetch", "arxiv", "--query",
                       'ti:"paper number"')
    assert status == 0
    assert api.requests[0]["search_query"] == 'ti:"paper number"'
    with Library.open(db_path) as lib:
        assert len(lib) == 3
    assert user_query("concept  bottleneck") == "all:concept AND all:bottleneck"


@pytest.mark.parametrize("args", [["arxiv"], ["arxiv", "cs.LG", "--query", "x"],
                                  ["hf-daily", "cs.LG"], ["arxiv", "not a category!"],
                                  ["hf-daily", "--date", "yesterday"]])
def test_usage_errors(served: HTTPServer, db_path: Path, capsys: pytest.CaptureFixture[str],
                      args: list[str]) -> None:
    status, _, err = run(capsys, "--db", str(db_path), "fetch", *args)
    assert status == 2 and err.startswith("reader: ")
    assert not served.log and not db_path.exists()
