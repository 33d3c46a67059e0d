import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from ttdn.demo.press_site import PressSite
from ttdn.monitoring.fetch import Fetcher, HostThrottle, parse_networks


@pytest.fixture(scope="session")
def test_server() -> Iterator[PressSite]:
    """The press site's test addresses only (robots.txt, /huge, /slow, redirects)."""
    site = PressSite(files={}).start()
    yield site
    site.stop()


@pytest.fixture
def fetcher() -> Fetcher:
    """A fetcher allowed to reach 127.0.0.1 (only), without waiting between tries."""
    return Fetcher(
        allow_networks=parse_networks(["127.0.0.1/32"]),
        timeout=1.0,
        max_bytes=1_000_000,
        retries=2,
        backoff=0.0,
        throttle=HostThrottle(0.0),
        sleep=lambda seconds: None,
    )


class _Trickle(BaseHTTPRequestHandler):
    """Answers every address but robots.txt with a 20-byte page, one byte every half second."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"<rss><channel/></rss"[:20]
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="session")
def slow_server() -> Iterator[str]:
    """A server on 127.0.0.1 that never times out a read and takes 10 s to answer: its base."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Pages(BaseHTTPRequestHandler):
    server: "PagesServer"

    def log_message(self, format: str, *args: Any) -> None:
        self.server.requests.append(self.path)

    def do_GET(self) -> None:
        self.server.asked_at.setdefault(self.path, time.monotonic())
        content_type, body = self.server.pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class PagesServer(ThreadingHTTPServer):
    """Serves ``pages`` (path → content type, body) on 127.0.0.1; 404 for anything else."""

    daemon_threads = True
    pages: dict[str, tuple[str, bytes]]
    requests: list[str]
    asked_at: dict[str, float]  # path → when it was first asked (time.monotonic)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def pages() -> Iterator[PagesServer]:
    server = PagesServer(("127.0.0.1", 0), _Pages)
    server.pages, server.requests, server.asked_at = {}, [], {}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()
