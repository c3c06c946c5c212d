"""The HTTP client over a real socket: etiquette, retries, limits and every fault as
one NetError line."""

from __future__ import annotations

import itertools
import threading
import time

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader import __version__
from reader.net import Client, FetchCancelled, NetError, Settings, endpoints
from reader.net.faults import from_transport

FEED = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>'
HTML = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"


def test_sends_a_user_agent_naming_reader_and_its_version(served: HTTPServer) -> None:
    served.expect_request("/api/query").respond_with_data(FEED)
    with Client() as http:
        assert http.get_bytes(endpoints.arxiv_api_url(), expect="xml") == FEED
    request = served.log[0][0]
    assert request.headers["User-Agent"].startswith(f"Reader/{__version__} ")


def test_endpoints_come_from_the_environment(served: HTTPServer,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    base = served.url_for("").rstrip("/")
    assert endpoints.arxiv_abs_url("2406.01234", 2) == f"{base}/abs/2406.01234v2"
    assert endpoints.arxiv_pdf_url("cond-mat/0412498") == f"{base}/pdf/cond-mat/0412498"
    assert endpoints.hf_daily_url() == f"{base}/api/daily_papers"
    assert endpoints.doi_url("10.1000/x(1)") == f"{base}/doi/10.1000/x(1)"
    monkeypatch.setenv("READER_FETCH_DELAY", "soon")
    with pytest.raises(NetError, match="READER_FETCH_DELAY must be a number"):
        Settings.from_env()
    monkeypatch.setenv("READER_FETCH_DELAY", "0")
    monkeypatch.setenv("READER_HF_URL", "ftp://x")
    with pytest.raises(NetError, match="READER_HF_URL must be an http"):
        Settings.from_env()


def test_defaults_are_the_real_services(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("READER_ARXIV_API_URL", "READER_ARXIV_URL", "READER_HF_URL",
                 "READER_DOI_URL", "READER_FETCH_DELAY"):
        monkeypatch.delenv(name, raising=False)
    s = Settings.from_env()
    assert (s.arxiv_api, s.arxiv, s.hf, s.doi, s.delay) == (
        "https://export.arxiv.org/api/query", "https://arxiv.org", "https://huggingface.co",
        "https://doi.org", 3.0)
    assert s.delay_for("export.arxiv.org") == 3.0
    assert s.delay_for("doi.org") == 1.0


def test_503_with_retry_after_is_retried_after_the_wait(served: HTTPServer) -> None:
    served.expect_ordered_request("/api/query").respond_with_data(
        "busy", status=503, headers={"Retry-After": "1"})
    served.expect_ordered_request("/api/query").respond_with_data(FEED)
    with Client() as http:
        start = time.monotonic()
        assert http.get_bytes(endpoints.arxiv_api_url(), expect="xml") == FEED
        elapsed = time.monotonic() - start
    assert http.requests == 2
    assert elapsed >= 1.0  # the second request waited what the server asked


def test_429_then_5xx_back_off_and_give_up_with_one_line(served: HTTPServer,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FETCH_RETRIES", "2")
    served.expect_request("/api/query").respond_with_data("no", status=500)
    with Client() as http, pytest.raises(NetError) as err:
        http.get_bytes(endpoints.arxiv_api_url(), label="arXiv API")
    assert http.requests == 3
    assert str(err.value) == ("arXiv API: the server is busy or failing (HTTP 500 INTERNAL "
                              "SERVER ERROR) after 3 tries; try again later")
    assert "\n" not in str(err.value)


def test_a_very_long_retry_after_fails_at_once(served: HTTPServer) -> None:
    served.expect_request("/api/query").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3600"})
    with Client() as http, pytest.raises(NetError, match="asks to wait 3600 s"):
        http.get_bytes(endpoints.arxiv_api_url())
    assert http.requests == 1


def test_404_is_not_found_and_not_retried(served: HTTPServer) -> None:
    served.expect_request("/abs/2406.99999").respond_with_data("nope", status=404)
    with Client() as http, pytest.raises(NetError) as err:
        http.get_bytes(endpoints.arxiv_abs_url("2406.99999"), label="arXiv")
    assert err.value.kind == "not-found"
    assert http.requests == 1


def test_an_html_error_page_instead_of_xml_or_json(served: HTTPServer) -> None:
    served.expect_request("/api/query").respond_with_data(HTML, content_type="text/html")
    with Client() as http:
        for expect in ("xml", "json"):
            with pytest.raises(NetError, match="got a web page instead of") as err:
                http.get_bytes(endpoints.arxiv_api_url(), expect=expect)
            assert err.value.kind == "error-page"


def test_a_body_that_is_not_what_was_asked_is_malformed(served: HTTPServer) -> None:
    served.expect_request("/x").respond_with_data("hello", content_type="text/plain")
    served.expect_request("/empty").respond_with_data("")
    with Client() as http:
        with pytest.raises(NetError, match="is not JSON"):
            http.get_bytes(served.url_for("/x"), expect="json")
        with pytest.raises(NetError, match="is not a PDF"):
            http.get_bytes(served.url_for("/x"), expect="pdf")
        with pytest.raises(NetError, match="empty response"):
            http.get_bytes(served.url_for("/empty"), expect="xml")


def test_a_body_over_the_limit_is_refused_while_streaming(served: HTTPServer) -> None:
    chunk = b"x" * 65536
    sent = []

    def endless(_: Request) -> Response:
        def body():  # no Content-Length: only counting the stream can stop it
            for _ in range(200):  # 13 MB if read whole
                sent.append(1)
                yield chunk
        return Response(body(), content_type="application/pdf")

    served.expect_request("/big").respond_with_handler(endless)
    served.expect_request("/declared").respond_with_data(b"y" * 300_000)
    with Client() as http:
        with pytest.raises(NetError, match="too large") as err:
            http.get_bytes(served.url_for("/big"), max_bytes=200_000)
        assert err.value.kind == "too-large"
        with pytest.raises(NetError, match="too large"):
            http.get_bytes(served.url_for("/declared"), max_bytes=200_000)
        assert http.get_bytes(served.url_for("/declared"), max_bytes=300_000)[:1] == b"y"


def test_a_truncated_body_is_one_clear_line(served: HTTPServer) -> None:
    def cut(_: Request) -> Response:
        response = Response(FEED[:30], content_type="application/atom+xml")
        response.headers["Content-Length"] = str(len(FEED))  # promises more than it sends
        return response

    served.expect_request("/api/query").respond_with_handler(cut)
    with Client() as http, pytest.raises(NetError, match="connection was cut") as err:
        http.get_bytes(endpoints.arxiv_api_url(), expect="xml")
    assert err.value.kind == "truncated"


def test_a_stalled_server_times_out_quickly(served: HTTPServer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "0.3")
    release = threading.Event()

    def stall(_: Request) -> Response:
        release.wait(30)  # a server that stops answering (released at the end)
        return Response(FEED)

    served.expect_request("/api/query").respond_with_handler(stall)
    try:
        with Client() as http, pytest.raises(NetError, match="stopped answering") as err:
            http.get_bytes(endpoints.arxiv_api_url())
        assert err.value.kind == "timeout"
        assert http.requests == 1  # a timeout is not retried
    finally:
        release.set()


def test_a_refused_connection(served: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with Client() as http, pytest.raises(NetError, match="refused the connection") as err:
        http.get_bytes(f"http://127.0.0.1:{port}/api/query", label="arXiv API")
    assert str(err.value).startswith("arXiv API: ")


def test_dns_and_offline_errors_read_as_such() -> None:
    request = httpx.Request("GET", "https://export.arxiv.org/api/query")
    dns = httpx.ConnectError("[Errno -2] Name or service not known", request=request)
    offline = httpx.ConnectError("[Errno 101] Network is unreachable", request=request)
    assert from_transport(dns, "arXiv API", 30).kind == "dns"
    assert "offline, or a DNS failure" in str(from_transport(dns, "arXiv API", 30))
    assert from_transport(offline, "arXiv API", 30).kind == "offline"


class _StoppedClock:
    """A clock that moves only when slept on: the limiter's spacing is then exact,
    whatever the machine's load does to the real time between two requests."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_requests_to_one_host_are_spaced_by_the_delay(served: HTTPServer,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _StoppedClock()
    monkeypatch.setattr("reader.net.limiter.time", clock)
    monkeypatch.setenv("READER_FETCH_DELAY", "3")
    arrivals: list[float] = []

    def stamp(_: Request) -> Response:
        arrivals.append(clock.now)
        return Response(FEED)

    served.expect_request("/api/query").respond_with_handler(stamp)
    with Client() as one, Client() as two:  # the limiter is shared by every client
        for http in (one, two, one):
            http.get_bytes(endpoints.arxiv_api_url())
    assert [b - a for a, b in itertools.pairwise(arrivals)] == [3.0, 3.0]


def test_cancel_ends_a_wait_at_once(served: HTTPServer,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FETCH_DELAY", "60")
    served.expect_request("/api/query").respond_with_data(FEED)
    cancel = threading.Event()
    with Client(cancel=cancel) as http:
        http.get_bytes(endpoints.arxiv_api_url())  # books the next slot 60 s ahead
        timer = threading.Timer(0.1, cancel.set)
        timer.start()
        start = time.monotonic()
        with pytest.raises(FetchCancelled):
            http.get_bytes(endpoints.arxiv_api_url())
        assert time.monotonic() - start < 30
    assert http.requests == 1


def test_proxies_come_from_the_environment(served: HTTPServer,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # the local server plays the proxy: a request for another host reaches it
    served.expect_request("/api/query").respond_with_data(FEED)
    monkeypatch.setenv("HTTP_PROXY", served.url_for("").rstrip("/"))
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("READER_ARXIV_API_URL", "http://arxiv-mirror.invalid/api/query")
    with Client() as http:
        assert http.get_bytes(endpoints.arxiv_api_url(), expect="xml") == FEED
    assert served.log[0][0].headers.get("Host") == "arxiv-mirror.invalid"


def test_retry_after_as_seconds_or_a_date() -> None:
    from reader.net.faults import retry_after

    request = httpx.Request("GET", "https://export.arxiv.org/api/query")

    def answer(value: str) -> httpx.Response:
        return httpx.Response(503, headers={"Retry-After": value}, request=request)

    assert retry_after(answer("7")) == 7.0
    # an HTTP date 20 s after "now"
    assert retry_after(answer("Fri, 15 Jan 2027 08:00:20 GMT"), now=1_800_000_000.0) == 20.0
    assert retry_after(answer("Fri, 15 Jan 2027 08:00:20 GMT"), now=1_800_000_100.0) == 0.0
    assert retry_after(answer("soon")) is None
    assert retry_after(httpx.Response(503, request=request)) is None


def test_an_address_httpx_refuses_is_one_line(served: HTTPServer) -> None:
    with Client() as http, pytest.raises(NetError, match="not a valid address") as err:
        http.get_bytes(served.url_for("/doi/10.1000/a\x00b"), label="DOI 10.1000/a")
    assert err.value.kind == "config"


def test_an_unusable_proxy_variable_is_one_line(served: HTTPServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "ftp://proxy.invalid:21")
    with pytest.raises(NetError, match="proxy setting is not usable") as err:
        Client()
    assert err.value.kind == "proxy"
