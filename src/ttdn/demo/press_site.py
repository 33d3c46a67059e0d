"""The demo's press site: feeds and article pages in five languages, served on 127.0.0.1.

The files under ``data/press/`` carry real-world quirks (see its manifest). ``{{BASE}}`` in a file
becomes this server's address. Besides the files, a few addresses exist to exercise the fetcher:
``/robots.txt`` (``/private/`` is disallowed), ``/huge`` (an endless body), ``/redirect-loop``,
``/redirect-private`` (to a private address), ``/slow`` (answers after 3 s), ``/gone`` (410).
Conditional GET works for every file (ETag and Last-Modified).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ttdn.demo.files import DATA

PRESS = DATA / "press"
MANIFEST = PRESS / "manifest.json"
LAST_MODIFIED = formatdate(1_763_000_000, usegmt=True)


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return data


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        self.server.requests.append(self.path)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        special = getattr(self, "_special_" + path.strip("/").replace("-", "_"), None)
        if special is not None:
            special()
            return
        if path == "/robots.txt":
            self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
            return
        entry = self.server.files.get(path)
        file = (PRESS / path.lstrip("/")).resolve()
        if entry is None or not file.is_file() or PRESS.resolve() not in file.parents:
            self._send(404, "text/plain", b"not found")
            return
        body = file.read_bytes().replace(b"{{BASE}}", self.server.base.encode("ascii"))
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag or (
            self.headers.get("If-Modified-Since") == LAST_MODIFIED
            and "If-None-Match" not in self.headers
        ):
            self._send(304, "", b"", etag=etag)
            return
        self._send(200, entry.get("content_type", ""), body, etag=etag)

    def _send(self, status: int, content_type: str, body: bytes, *, etag: str = "") -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _special_huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        try:
            for _ in range(2000):  # 130 MB if nobody stops reading
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _special_redirect_loop(self) -> None:
        self._redirect("/redirect-loop")

    def _special_redirect_private(self) -> None:
        self._redirect("http://10.255.255.1/admin")

    def _special_slow(self) -> None:
        time.sleep(3)
        self._send(200, "text/html", b"<p>late</p>")

    def _special_gone(self) -> None:
        self._send(410, "text/plain", b"gone")

    def _special_private_page(self) -> None:  # /private-page is allowed, /private/ is not
        self._send(200, "text/html", b"<p>ok</p>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    base = ""
    files: dict[str, dict[str, Any]]
    requests: list[str]


class PressSite:
    """Start with ``start()``; ``base`` is then ``http://127.0.0.1:PORT``."""

    def __init__(self, port: int = 0, *, files: dict[str, dict[str, Any]] | None = None) -> None:
        """``files`` (path → headers) defaults to the manifest's."""
        files = manifest()["files"] if files is None else files
        self.server = _Server(("127.0.0.1", port), _Handler)
        self.server.files = files
        self.server.requests = []
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.server.base = self.base
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def requests(self) -> list[str]:
        return self.server.requests

    def start(self) -> PressSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path
