"""Polite, guarded HTTP fetching for sources. Free of Django.

- **SSRF guard**: every connection — to the source's host and to each redirect's — resolves the
  host once, refuses it when any of its addresses is private, loopback, link-local, multicast or
  reserved (unless listed in ``allow_networks``), and connects to an address it checked: a DNS
  answer that changes between the check and the connection (rebinding) cannot slip through.
- a deadline: one fetch (resolving, connecting, TLS, redirects and reading the body) takes at most
  ``timeout`` seconds in all, however slowly the server trickles its answer.
- conditional GET (ETag, Last-Modified), robots.txt (cached per host), a minimum interval per host,
  a maximum body size read as a stream, a limited number of redirects, retries with exponential
  backoff for transient failures only.
- every failure is a ``FetchError`` that says whether trying again later can help.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.message import Message
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

USER_AGENT = "ttdn-monitor/1.0 (+https://github.com/ttdn; press monitoring of a provincial office)"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


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


def resolve(host: str, port: int) -> list[Address]:
    """Every address of ``host``, from the system's resolver, each once."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", permanent=False) from None
    return list(
        dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)
    )


def checked_addresses(
    host: str, port: int, allow_networks: Sequence[Network] = ()
) -> list[Address]:
    """The addresses of ``host``, all of them public or allowed; refuse the host otherwise."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        addresses = resolve(host, port)
    for address in addresses:
        if any(address in network for network in allow_networks):
            continue
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"{host} resolves to {address}, a private or local address; refused "
                "(an administrator can allow it with MONITORING_ALLOW_NETWORKS)",
                permanent=True,
            )
    if not addresses:
        raise FetchError(f"cannot resolve {host}: no address", permanent=False)
    return addresses


def check_url(url: str, allow_networks: Sequence[Network] = ()) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address."""
    host, port = _origin(url)
    checked_addresses(host, port, allow_networks)


def _origin(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"only http and https addresses can be fetched, not {url!r}", permanent=True
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"the address {url!r} has no host", permanent=True)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"the address {url!r} has a bad port", permanent=True) from None
    return host, port


class _Deadline:
    """The moment a fetch must be over; every network step waits at most until then."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def extend(self, seconds: float) -> None:
        self.at += seconds

    def bound(self, timeout: float | None, error: type[Exception]) -> float:
        remaining = self.at - time.monotonic()
        if remaining <= 0:
            raise error(f"the fetch took more than {self.seconds:g} s")
        return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake ends by the fetch's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # server_hostname is the address's host name (httpcore passes it), so SNI and the
        # certificate check are about the name, although the connection went to an IP address.
        bounded = self._deadline.bound(timeout, httpcore.ConnectTimeout)
        stream = self._stream.start_tls(ssl_context, server_hostname, bounded)
        return _DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Opens every connection of a fetch: resolve once, check, connect to a checked address."""

    def __init__(self, allow_networks: Sequence[Network], deadline: _Deadline) -> None:
        self._allow = allow_networks
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._resolve(host, port)
        failure: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for address in addresses:
            bounded = self._deadline.bound(timeout, httpcore.ConnectTimeout)
            try:
                # An IP address: nothing is resolved again between the check and the connection.
                stream = self._inner.connect_tcp(
                    str(address), port, bounded, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        raise failure

    def _resolve(self, host: str, port: int) -> list[Address]:
        """``checked_addresses`` by the deadline (a resolver can hang for many seconds)."""
        outcome: list[list[Address] | FetchError] = []

        def run() -> None:
            try:
                outcome.append(checked_addresses(host, port, self._allow))
            except FetchError as error:
                outcome.append(error)

        worker = threading.Thread(target=run, name=f"resolve {host}", daemon=True)
        worker.start()
        worker.join(self._deadline.bound(None, httpcore.ConnectTimeout))
        if not outcome:
            raise httpcore.ConnectTimeout(f"{host} was not resolved in time")
        if isinstance(outcome[0], FetchError):
            raise outcome[0]
        return outcome[0]

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a ``_GuardedBackend`` (httpx takes no network backend itself)."""

    def __init__(self, backend: _GuardedBackend) -> None:
        super().__init__(verify=_ssl_context(), trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(), max_connections=1, network_backend=backend
        )


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """The system's trusted certificates, loaded once (each fetch has a client of its own)."""
    return httpx.create_ssl_context(trust_env=False)


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
        deadline = _Deadline(self.timeout)
        transport = _GuardedTransport(_GuardedBackend(self.allow_networks, deadline))
        with httpx.Client(
            transport=transport, timeout=self.timeout, follow_redirects=False, trust_env=False
        ) as client:
            for _ in range(self.max_redirects + 1):
                _origin(url)
                waiting = time.monotonic()
                self.throttle.wait(urlsplit(url).netloc, interval)
                deadline.extend(time.monotonic() - waiting)  # politeness is not the server's time
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
                        f"{url}: not fetched within {self.timeout:g} s (the server is too slow)",
                        permanent=False,
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
