"""Polite, guarded HTTP fetching for sources. Free of Django.

- **SSRF guard**: every host, including each redirect's, is resolved first; private, loopback,
  link-local, multicast and reserved addresses are refused unless listed in ``allow_networks``.
- conditional GET (ETag, Last-Modified), robots.txt (cached per host), a minimum interval per host,
  timeouts, a maximum body size read as a stream, a limited number of redirects, retries with
  exponential backoff for transient failures only.
- every failure is a ``FetchError`` that says whether trying again later can help.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "ttdn-monitor/1.0 (+https://github.com/ttdn; press monitoring of a provincial office)"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchError(Exception):
    """A fetch that failed; ``permanent`` when retrying cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes
    content_type: str  # media type, lower case, without parameters
    charset: str | None
    etag: str
    last_modified: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def parse_networks(values: Sequence[str]) -> list[Network]:
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip()]


def check_url(url: str, allow_networks: Sequence[Network] = ()) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"only http and https addresses can be fetched, not {url!r}", permanent=True
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"the address {url!r} has no host", permanent=True)
    try:
        infos = socket.getaddrinfo(host, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", permanent=False) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if any(address in network for network in allow_networks):
            continue
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"{host} resolves to {address}, a private or local address; refused "
                "(an administrator can allow it with MONITORING_ALLOW_NETWORKS)",
                permanent=True,
            )


@dataclass
class HostThrottle:
    """At least ``interval`` seconds between two requests to the same host (this process)."""

    interval: float
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str, interval: float | None = None) -> None:
        """Sleep until ``host`` may be asked again; ``interval`` overrides the default."""
        gap = self.interval if interval is None else interval
        with self._lock:
            now = self.clock()
            at = max(now, self._next.get(host, now))
            self._next[host] = at + gap
        if at > now:
            self.sleep(at - now)


@dataclass
class Fetcher:
    allow_networks: Sequence[Network] = ()
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    user_agent: str = USER_AGENT
    throttle: HostThrottle = field(default_factory=lambda: HostThrottle(1.0))
    sleep: Callable[[float], None] = time.sleep
    robots_ttl: float = 3600.0
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = field(
        default_factory=dict
    )

    def get(
        self,
        url: str,
        *,
        etag: str = "",
        last_modified: str = "",
        robots: bool = True,
        interval: float | None = None,
    ) -> Fetched:
        """GET ``url``, retrying transient failures; raise ``FetchError``.

        ``interval``: the seconds to keep between two requests to the host (the source's own
        rate limit), instead of the throttle's default.
        """
        if robots:
            self._check_robots(url, interval)
        attempt = 0
        while True:
            try:
                return self._get(url, etag=etag, last_modified=last_modified, interval=interval)
            except FetchError as error:
                if error.permanent or attempt >= self.retries:
                    raise
                self.sleep(self.backoff * 2**attempt)
                attempt += 1

    def _get(
        self, url: str, *, etag: str, last_modified: str, interval: float | None = None
    ) -> Fetched:
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with httpx.Client(timeout=self.timeout, follow_redirects=False, trust_env=False) as client:
            for _ in range(self.max_redirects + 1):
                check_url(url, self.allow_networks)
                self.throttle.wait(urlsplit(url).netloc, interval)
                try:
                    with client.stream("GET", url, headers=headers) as response:
                        if response.status_code in (301, 302, 303, 307, 308):
                            location = response.headers.get("location", "")
                            if not location:
                                raise FetchError(
                                    f"{url}: redirect without a Location", permanent=True
                                )
                            url = urljoin(url, location)
                            continue
                        return self._read(url, response)
                except httpx.TimeoutException:
                    raise FetchError(
                        f"{url}: no answer within {self.timeout:g} s", permanent=False
                    ) from None
                except httpx.TransportError as exc:
                    raise FetchError(
                        f"{url}: {type(exc).__name__}: {exc}", permanent=False
                    ) from None
            raise FetchError(f"{url}: more than {self.max_redirects} redirects", permanent=True)

    def _read(self, url: str, response: httpx.Response) -> Fetched:
        status = response.status_code
        if status >= 400:
            transient = status in (408, 425, 429) or status >= 500
            raise FetchError(f"{url}: the server answered {status}", permanent=not transient)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                f"{url}: {int(declared)} bytes is over the limit of {self.max_bytes}",
                permanent=True,
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(
                        f"{url}: more than {self.max_bytes} bytes; refused", permanent=True
                    )
                chunks.append(chunk)
        except httpx.DecodingError as exc:
            raise FetchError(
                f"{url}: the compressed body is broken ({exc})", permanent=True
            ) from None
        message = Message()
        message["content-type"] = response.headers.get("content-type", "")
        return Fetched(
            url=url,
            status=status,
            body=b"".join(chunks),
            content_type=message.get_content_type() if message["content-type"] else "",
            charset=message.get_param("charset") if message["content-type"] else None,  # type: ignore[arg-type]
            etag=response.headers.get("etag", ""),
            last_modified=response.headers.get("last-modified", ""),
        )

    def _check_robots(self, url: str, interval: float | None = None) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached is None or time.monotonic() - cached[0] > self.robots_ttl:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                fetched = self._get(
                    origin + "/robots.txt", etag="", last_modified="", interval=interval
                )
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
            except FetchError as error:
                if not error.permanent:
                    raise
                parser = None  # no robots.txt (404 and the like): everything is allowed
            cached = self._robots[origin] = (time.monotonic(), parser)
        parser = cached[1]
        if parser is not None and not parser.can_fetch(self.user_agent, url):
            raise FetchError(f"{url}: robots.txt does not allow fetching it", permanent=True)
