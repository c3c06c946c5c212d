"""`reader read` against a local HTTP server: HTML, the PDF fallback, nothing, a stall."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli_fixtures import run_cli as run
from tests.fulltext.conftest import PAPER_ID
from tests.fulltext.pdfmaker import tiny_pdf

NO_HTML = (Path(__file__).parent / "fixtures" / "no_html.html").read_text(encoding="utf-8")



def test_html_path_prints_markdown_and_caches_it(arxiv: HTTPServer, library: Path,
                                                  page_html: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    arxiv.expect_oneshot_request(f"/arxiv/html/{PAPER_ID}").respond_with_data(
        page_html, content_type="text/html")
    code, out, err = run(capsys, "--db", str(library), "read", PAPER_ID)
    assert (code, err) == (0, "")
    assert out.startswith("# Sparse Bottlenecks for Readable Models\n")
    assert "## 2 Method" in out and "### 2.1 Attention" in out
    cached = list(Path(os.environ["READER_CONFIG_DIR"], "cache", "fulltext").glob("*.html"))
    assert len(cached) == 1 and stat.S_IMODE(cached[0].stat().st_mode) == 0o600
    # offline now: the one-shot handler is spent, the cache answers
    code, again, _ = run(capsys, "--db", str(library), "read", PAPER_ID, "--format", "text",
                         "--section", "2.1")
    assert code == 0
    assert again.startswith("2.1 Attention\n") and "Attention(Q,K,V)" in again
    assert "Results" not in again


def test_pdf_fallback_when_there_is_no_html(arxiv: HTTPServer, library: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    arxiv.expect_request("/arxiv/html/1706.03762").respond_with_data(
        NO_HTML, status=404, content_type="text/html")
    arxiv.expect_request("/arxiv/pdf/1706.03762").respond_with_data(
        tiny_pdf("Attention from the PDF."), content_type="application/pdf")
    code, out, err = run(capsys, "--db", str(library), "read", "1706", "--format", "text")
    assert code == 0
    assert "Attention from the PDF." in out
    assert "order may be wrong" in err  # the caveat is said


def test_both_missing_is_one_line_and_exit_1(arxiv: HTTPServer, library: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    arxiv.expect_request("/arxiv/html/1706.03762").respond_with_data(NO_HTML, status=404)
    arxiv.expect_request("/arxiv/pdf/1706.03762").respond_with_data("nope", status=404)
    code, out, err = run(capsys, "--db", str(library), "read", "arxiv:1706")
    assert (code, out) == (1, "")
    assert err == "reader: arXiv has neither HTML nor a PDF for arXiv:1706.03762\n"


def test_corrupt_pdf_is_one_line(arxiv: HTTPServer, library: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    arxiv.expect_request("/arxiv/html/1706.03762").respond_with_data(NO_HTML, status=404)
    arxiv.expect_request("/arxiv/pdf/1706.03762").respond_with_data(
        b"%PDF-1.4\n garbage \x00\x01", content_type="application/pdf")
    code, _, err = run(capsys, "--db", str(library), "read", "1706")
    assert code == 1 and err.count("\n") == 1 and err.startswith("reader: the PDF")


def test_a_stall_times_out_with_one_line(arxiv: HTTPServer, library: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    release = threading.Event()

    def stall(request: Request) -> Response:
        release.wait(30)
        return Response("late", status=200)

    arxiv.expect_request(f"/arxiv/html/{PAPER_ID}").respond_with_handler(stall)
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "0.3")
    try:
        code, out, err = run(capsys, "--db", str(library), "read", PAPER_ID)
    finally:
        release.set()
    assert (code, out) == (1, "")
    assert "nothing received for 0.3 s" in err and err.count("\n") == 1


def test_a_paper_without_ids_says_so(arxiv: HTTPServer, library: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(library), "read", "title:abc")
    assert code == 1 and "no arXiv id or DOI" in err


def test_an_oversized_answer_is_refused(arxiv: HTTPServer, library: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("reader.fulltext.loader.MAX_HTML", 1000)
    arxiv.expect_request(f"/arxiv/html/{PAPER_ID}").respond_with_data("x" * 5000)
    code, _, err = run(capsys, "--db", str(library), "read", PAPER_ID)
    assert code == 1 and "too large" in err


def test_unknown_section_lists_the_sections(arxiv: HTTPServer, library: Path, page_html: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    arxiv.expect_request(f"/arxiv/html/{PAPER_ID}").respond_with_data(page_html)
    code, _, err = run(capsys, "--db", str(library), "read", PAPER_ID, "--section", "9")
    assert code == 1 and "sections: 1, 2, 3, A" in err


def test_on_a_terminal_the_text_goes_through_the_pager(
        arxiv: HTTPServer, library: Path, page_html: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import shlex
    import sys

    arxiv.expect_request(f"/arxiv/html/{PAPER_ID}").respond_with_data(page_html)
    paged = tmp_path / "paged.md"
    script = f"import sys; open({str(paged)!r}, 'w').write(sys.stdin.read())"
    monkeypatch.setenv("PAGER", f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, "--db", str(library), "read", PAPER_ID)
    assert (code, out) == (0, "")
    assert paged.read_text(encoding="utf-8").startswith("# Sparse Bottlenecks")


def test_a_doi_paper_reads_the_pdf_its_resolver_serves(
        arxiv: HTTPServer, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arxiv.expect_oneshot_request("/doi/10.1000/nohtml").respond_with_data(
        "<html>a publisher's landing page</html>", content_type="text/html")
    code, _, err = run(capsys, "--db", str(library), "read", "doi:10.1000/nohtml")
    assert code == 1 and err.startswith("reader: no PDF found for doi:10.1000/nohtml")
    arxiv.expect_oneshot_request("/doi/10.1000/nohtml").respond_with_data(
        tiny_pdf("Journal text."), content_type="application/pdf")
    code, out, _ = run(capsys, "--db", str(library), "read", "doi:10.1000/nohtml")
    assert code == 0 and "Journal text." in out
