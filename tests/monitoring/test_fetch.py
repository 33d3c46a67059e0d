import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ttdn.demo.press_site import PressSite
from ttdn.monitoring import fetch
from ttdn.monitoring.fetch import Fetcher, FetchError, HostThrottle, check_url, parse_networks


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/",
        "http://10.1.2.3/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="private or local address") as error:
        check_url(url)
    assert error.value.permanent


def test_only_http_and_https() -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/", "gopher://x/"):
        with pytest.raises(FetchError, match="only http and https"):
            check_url(url)


def test_an_allowed_network_is_let_through() -> None:
    check_url("http://127.0.0.1:9/", parse_networks(["127.0.0.1/32"]))
    with pytest.raises(FetchError):
        check_url("http://127.0.0.2:9/", parse_networks(["127.0.0.1/32"]))


def test_a_redirect_to_a_private_address_is_refused(
    test_server: PressSite, fetcher: Fetcher
) -> None:
    with pytest.raises(FetchError, match=r"10\.255\.255\.1 .*private or local address"):
        fetcher.get(test_server.url("/redirect-private"))


def test_redirect_loops_stop(test_server: PressSite, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects") as error:
        fetcher.get(test_server.url("/redirect-loop"))
    assert error.value.permanent


def test_huge_bodies_are_cut_off(test_server: PressSite, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="more than 1000000 bytes") as error:
        fetcher.get(test_server.url("/huge"))
    assert error.value.permanent


def test_client_errors_are_permanent_and_not_retried(
    test_server: PressSite, fetcher: Fetcher
) -> None:
    before = len(test_server.requests)
    with pytest.raises(FetchError, match="answered 410") as error:
        fetcher.get(test_server.url("/gone"), robots=False)
    assert error.value.permanent
    assert len(test_server.requests) - before == 1


def test_timeouts_are_transient_and_retried(test_server: PressSite) -> None:
    waits: list[float] = []
    fetcher = Fetcher(
        allow_networks=parse_networks(["127.0.0.1/32"]),
        timeout=0.3,
        retries=2,
        backoff=0.5,
        throttle=HostThrottle(0.0),
        sleep=waits.append,
    )
    with pytest.raises(FetchError, match=r"not fetched within 0\.3 s") as error:
        fetcher.get(test_server.url("/slow"), robots=False)
    assert not error.value.permanent
    assert waits == [0.5, 1.0]  # exponential backoff between the three tries


def test_robots_txt_is_obeyed(test_server: PressSite, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match=r"robots\.txt does not allow"):
        fetcher.get(test_server.url("/private/report.html"))
    assert fetcher.get(test_server.url("/private-page")).status == 200


def test_a_closed_port_is_a_transient_error(fetcher: Fetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="ConnectError") as error:
        fetcher.get(f"http://127.0.0.1:{port}/", robots=False)
    assert not error.value.permanent


def test_the_throttle_spaces_requests_to_one_host() -> None:
    clock = [100.0]
    waits: list[float] = []
    throttle = HostThrottle(2.0, sleep=waits.append, clock=lambda: clock[0])
    throttle.wait("a")
    throttle.wait("a")
    throttle.wait("b")
    assert waits == [2.0]


def test_a_source_sets_its_own_interval() -> None:
    clock = [0.0]
    waits: list[float] = []
    throttle = HostThrottle(1.0, sleep=waits.append, clock=lambda: clock[0])
    throttle.wait("slow.example", 5.0)
    throttle.wait("slow.example", 5.0)
    throttle.wait("fast.example", 0.0)
    throttle.wait("fast.example", 0.0)
    assert waits == [5.0]


def test_requests_to_a_site_keep_the_sources_interval(test_server: PressSite) -> None:
    waits: list[float] = []
    fetcher = Fetcher(
        allow_networks=parse_networks(["127.0.0.1/32"]),
        throttle=HostThrottle(0.0, sleep=waits.append),
    )
    fetcher.get(test_server.url("/private-page"), interval=2.0)
    fetcher.get(test_server.url("/private-page"), interval=2.0)
    # robots.txt at once, the page 2 s later, the page again 2 s after that (sleeps are faked,
    # so the slots add up).
    assert len(waits) == 2
    assert 1.0 < waits[0] <= 2.0
    assert 3.0 < waits[1] <= 4.0


def test_a_trickling_server_is_cut_off_at_the_fetchs_deadline(slow_server: str) -> None:
    # One byte every 0.5 s: no single read ever waits 1 s, so only a deadline for the whole
    # fetch stops it (the page takes 10 s to arrive).
    fetcher = Fetcher(
        allow_networks=parse_networks(["127.0.0.1/32"]),
        timeout=1.0,
        retries=0,
        throttle=HostThrottle(0.0),
    )
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"not fetched within 1 s") as error:
        fetcher.get(slow_server + "/feed.xml")
    elapsed = time.monotonic() - started
    assert not error.value.permanent  # a slow server may be quicker later
    assert 1.0 <= elapsed < 5  # the deadline, not the 10 s the page takes (1.0x s unloaded)


class _Host(ThreadingHTTPServer):
    daemon_threads = True
    port = 0
    body = b""
    requests: list[str]


class _Answer(BaseHTTPRequestHandler):
    server: _Host

    def log_message(self, format: str, *args: Any) -> None:
        self.server.requests.append(self.path)

    def do_GET(self) -> None:
        if self.path == "/hop":  # a redirect to the rebinding name, on the same port
            self.send_response(302)
            self.send_header("Location", f"http://rebind.example:{self.server.port}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self.server.body
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def two_hosts() -> Iterator[tuple[_Host, _Host]]:
    """The same port on 127.0.0.1 (allowed: "the internet") and 127.0.0.2 (not allowed)."""
    public = _Host(("127.0.0.1", 0), _Answer)
    port = int(public.server_address[1])
    internal = _Host(("127.0.0.2", port), _Answer)
    for server, body in ((public, b"<p>public</p>"), (internal, b"<p>internal secret</p>")):
        server.port, server.body, server.requests = port, body, []
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield public, internal
    for server in (public, internal):
        server.shutdown()
        server.server_close()


def _rebinding(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    """The system resolver answers ``rebind.example`` with each address in turn (like a DNS
    server whose record has a time to live of 0); every other name is resolved for real."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        address = answers[min(len(asked), len(answers) - 1)]
        asked.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.parametrize("path", ["/", "/hop"])
def test_a_name_rebound_after_the_check_still_reaches_the_checked_address(
    monkeypatch: pytest.MonkeyPatch,
    two_hosts: tuple[_Host, _Host],
    fetcher: Fetcher,
    path: str,
) -> None:
    public, internal = two_hosts
    port = public.port
    asked = _rebinding(monkeypatch, ["127.0.0.1", "127.0.0.2"])
    start = f"http://rebind.example:{port}/" if path == "/" else f"http://127.0.0.1:{port}/hop"
    fetched = fetcher.get(start, robots=False)
    assert fetched.body == b"<p>public</p>"
    assert internal.requests == []
    assert asked == ["127.0.0.1"]  # resolved once; the address checked is the one connected to


def test_a_name_answering_a_private_address_first_is_refused(
    monkeypatch: pytest.MonkeyPatch,
    two_hosts: tuple[_Host, _Host],
    fetcher: Fetcher,
) -> None:
    public, internal = two_hosts
    _rebinding(monkeypatch, ["127.0.0.2", "127.0.0.1"])
    with pytest.raises(FetchError, match=r"127\.0\.0\.2, a private or local address") as error:
        fetcher.get(f"http://rebind.example:{public.port}/", robots=False)
    assert error.value.permanent
    assert internal.requests == []
    assert public.requests == []


class _Echo(BaseHTTPRequestHandler):
    """Answers with the Host header it was sent."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        body = f"host={self.headers.get('Host')}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_https_to_the_pinned_address_keeps_the_names_sni_certificate_and_host(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fetcher: Fetcher
) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    request = "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=rebind.example"
    request += " -addext subjectAltName=DNS:rebind.example"
    arguments = [openssl, *request.split(), "-keyout", str(key), "-out", str(cert)]
    subprocess.run(arguments, check=True, capture_output=True)  # noqa: S603 — fixed arguments
    names: list[str | None] = []

    def sni(sock: ssl.SSLObject, name: str | None, context: ssl.SSLContext) -> None:
        names.append(name)

    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    server_context.sni_callback = sni
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    server.daemon_threads = True
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        # The certificate is trusted as a CA would be; the name resolves to 127.0.0.1 only.
        monkeypatch.setattr(fetch, "_ssl_context", lambda: ssl.create_default_context(cafile=cert))
        _rebinding(monkeypatch, ["127.0.0.1"])
        port = server.server_address[1]
        fetched = fetcher.get(f"https://rebind.example:{port}/", robots=False)
        assert fetched.body == f"host=rebind.example:{port}".encode()
        assert names == ["rebind.example"]  # SNI: the name, although the address was pinned
    finally:
        server.shutdown()
        server.server_close()
