"""`reader resolve` of the primary listing against a local arXiv API: every served
title gets its arXiv id, authors and date and is found by its arXiv id; the others
are listed and unchanged; reading state is untouched; a stopped or killed resolve
keeps what it did and the next run goes on."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from net_fixtures import FakeArxiv, Record
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.cli import main
from reader.model import Paper, Status
from reader.sources.arxiv import TITLE_BATCH
from reader.store import Library
from tests.cli_fixtures import run_cli as run

ROOT = Path(__file__).resolve().parents[2]



def served_records(papers: list[Paper]) -> dict[str, Record]:
    """Records for two papers in three (the others have no served match), by paper id.
    Some titles are served as arXiv spells them differently (case, punctuation)."""
    out = {}
    for i, paper in enumerate(papers):
        if i % 3 == 2:
            continue
        title = paper.title.upper() if i % 7 == 0 else paper.title.replace(":", " -")
        out[paper.id] = Record(f"2401.{i:05d}", title, [f"Author {i}", "Second Author"],
                               f"2024-01-{i % 28 + 1:02d}", abstract=paper.abstract)
    return out


@pytest.fixture
def listing_db(seed_listing: Path, db_path: Path,
               capsys: pytest.CaptureFixture[str]) -> list[Paper]:
    assert main(["--db", str(db_path), "import", str(seed_listing)]) == 0
    capsys.readouterr()
    with Library.open(db_path) as lib:
        papers = lib.papers()
        lib.set_status(papers[0].id, Status.READ)  # some reading state to keep
        lib.set_rating(papers[1].id, 4)
        lib.set_note(papers[3].id, "keep this note")
        lib.add_tags(papers[2].id, ["x"])
    return papers


def states(db: Path) -> dict[str, Any]:
    with Library.open(db) as lib:
        return {e.paper.id: e.state.to_dict() for e in lib.entries()}


def test_resolving_the_primary_listing(served: HTTPServer, listing_db: list[Paper],
                                       db_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    papers = listing_db
    records = served_records(papers)
    decoy = papers[2]  # not served, but a look-alike with another abstract is
    api = FakeArxiv([*records.values(),
                     Record("2402.00001", decoy.title + " revisited", ["X"], "2024-02-01")])
    served.expect_request("/api/query").respond_with_handler(api.handler)
    before = states(db_path)
    status, out, err = run(capsys, "--db", str(db_path), "resolve")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[-1] == f"{len(records)} resolved, {len(papers) - len(records)} no match of 243"
    assert len(api.requests) == math.ceil(243 / TITLE_BATCH)  # 13 requests for 243 titles
    with Library.open(db_path) as lib:
        for paper in papers:
            now = lib.paper(paper.id)
            record = records.get(paper.id)
            if record is None:
                assert now == paper  # no served match: unchanged
                assert f"no match: {paper.id}  " in out
                continue
            assert now.arxiv_id == record.arxiv_id
            assert now.authors == record.authors
            assert now.published == record.published and now.year == 2024
            assert f"https://arxiv.org/abs/{record.arxiv_id}" in now.urls
            assert set(paper.urls) <= set(now.urls)  # the links it had stay
            assert (now.title, now.abstract) == (paper.title, paper.abstract)
    assert states(db_path) == before  # reading state untouched
    some = next(iter(records.items()))
    for ident in (some[1].arxiv_id, f"arxiv:{some[1].arxiv_id}"):
        status, out, _ = run(capsys, "--db", str(db_path), "show", ident, "--json")
        assert status == 0 and json.loads(out)["id"] == some[0]
    status, out, _ = run(capsys, "--db", str(db_path), "resolve")  # resumes: only the rest
    assert out.splitlines()[-1] == f"{len(papers) - len(records)} no match of " \
                                   f"{len(papers) - len(records)}"


def test_ambiguous_titles_are_listed_not_guessed(served: HTTPServer, db_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with Library.open(db_path) as lib:
        lib.add_papers([Paper(id="title:a", title="Attention Is All You Need"),
                        Paper(id="title:b", title="Deep Residual Learning",
                              abstract="We present a residual learning framework to ease "
                                       "the training of networks deeper than before."),
                        Paper(id="title:c", title="Deep Residual Learnings",
                              abstract="We present a residual learning framework to ease "
                                       "the training of networks deeper than before.")])
    api = FakeArxiv([Record("1706.03762", "Attention is all you need", ["A"], "2017-06-12"),
                     Record("2501.00001", "Attention Is All You Need!", ["B"], "2025-01-01"),
                     Record("1512.03385", "Deep residual learning.", ["K He"], "2015-12-10",
                            abstract="We present a residual learning framework to ease the "
                                     "training of networks substantially deeper than before.")])
    served.expect_request("/api/query").respond_with_handler(api.handler)
    status, out, _ = run(capsys, "--db", str(db_path), "resolve", "--all")
    assert status == 0
    assert "ambiguous: title:a  Attention Is All You Need (candidates: 1706.03762, " \
           "2501.00001)" in out
    assert "resolved: title:b -> arXiv 1512.03385" in out
    # a close title with the same abstract, but its record is already title:b's
    assert "duplicate: title:c" in out
    with Library.open(db_path) as lib:
        assert lib.paper("title:a").arxiv_id is None
        assert lib.paper("title:c").arxiv_id is None


def test_a_fault_keeps_the_batches_done_and_the_next_run_goes_on(
        served: HTTPServer, listing_db: list[Paper], db_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FETCH_RETRIES", "0")
    records = served_records(listing_db)
    api = FakeArxiv(list(records.values()))
    failing = {"after": 3}

    def flaky(request: Request) -> Response:
        if len(api.requests) >= failing["after"]:
            api.requests.append({})
            return Response("<html>down</html>", status=503, content_type="text/html")
        return api.handler(request)

    served.expect_request("/api/query").respond_with_handler(flaky)
    status, out, err = run(capsys, "--db", str(db_path), "resolve")
    assert status == 1
    assert "goes on with the rest" in err and "HTTP 503" in err
    first = [line for line in out.splitlines() if line.startswith("resolved:")]
    assert first  # three batches were answered and written
    with Library.open(db_path) as lib:
        done = {p.id for p in lib.papers() if p.arxiv_id}
    assert done == {line.split()[1] for line in first}
    failing["after"] = 10_000
    status, out, _ = run(capsys, "--db", str(db_path), "resolve")
    assert status == 0
    with Library.open(db_path) as lib:
        assert {p.id for p in lib.papers() if p.arxiv_id} == set(records)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_a_killed_resolve_keeps_what_it_wrote(served: HTTPServer, listing_db: list[Paper],
                                              db_path: Path, capsys: pytest.CaptureFixture[str],
                                              how: str) -> None:
    records = served_records(listing_db)
    api = FakeArxiv(list(records.values()))
    gate = threading.Event()
    arrived: list[int] = []

    def gated(request: Request) -> Response:
        arrived.append(1)
        if len(arrived) >= 3:
            gate.wait(60)  # the third request hangs until the process is killed
        return api.handler(request)

    served.expect_request("/api/query").respond_with_handler(gated)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--db", str(db_path), "resolve"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while len(arrived) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)  # polling a state: the third request arrived
        assert len(arrived) == 3
        proc.send_signal(getattr(signal, how))  # killed, or ctrl+c
        status = proc.wait(30)
        _, err = proc.communicate()
    finally:
        gate.set()
    if how == "SIGINT":  # one line says what was kept and how to go on
        assert status == 130
        assert b"interrupted; kept: " in err and b"goes on with the rest" in err
        assert b"Traceback" not in err
    with Library.open(db_path) as lib:
        first_two = {p.id for p in listing_db[:2 * TITLE_BATCH]} & set(records)
        assert {p.id for p in lib.papers() if p.arxiv_id} == first_two
    status, _, _ = run(capsys, "--db", str(db_path), "resolve")
    assert status == 0
    with Library.open(db_path) as lib:
        assert {p.id for p in lib.papers() if p.arxiv_id} == set(records)
