"""Addresses: the key that says two URLs are the same article, and the site of an address."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "zarsrc", "_ga", "cmpid", "ref")


def normalise(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no tracking parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not (
        (parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)
    ):
        host = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING)
    ]
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", urlencode(query), ""))


def url_key(url: str) -> str:
    return hashlib.sha256(normalise(url).encode("utf-8")).hexdigest()


def site_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")
