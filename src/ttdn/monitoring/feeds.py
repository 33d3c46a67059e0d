"""Reading RSS 0.9x/1.0/2.0, Atom and (news) sitemaps safely. Free of Django.

Every document is first read by defusedxml, which refuses entity declarations (billion laughs,
quadratic blow-up) and external entities before any expansion happens; only then is a feed given
to feedparser, which tolerates the usual sloppiness (CDATA, HTML entities, bad dates).
"""

from __future__ import annotations

import calendar
import html as html_lib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from ttdn.monitoring.dates import parse_iso

MAX_ENTRIES = 500
_TAG = re.compile(r"<[^>]+>")


class FeedError(ValueError):
    """A document that is not a usable feed or sitemap; the message says why."""


@dataclass(frozen=True)
class Entry:
    url: str
    title: str = ""
    summary: str = ""
    published: datetime | None = None
    guid: str = ""


def _guard(body: bytes) -> Element | str:
    """Parse with defusedxml: refuse entities; the parse error's text when malformed."""
    if not body.strip():
        raise FeedError("the document is empty")
    if body[:8] == b"\x89PNG\r\n\x1a\n" or (
        b"\x00" in body[:1024] and not body.startswith(b"\xff\xfe")
    ):
        raise FeedError("the document is binary, not XML")
    try:
        root: Element = defusedxml.ElementTree.fromstring(body, forbid_dtd=False)
        return root
    except DefusedXmlException as exc:
        raise FeedError(
            f"the document declares XML entities ({type(exc).__name__}); refused"
        ) from None
    except ParseError as exc:
        return str(exc)


def _text(html: str) -> str:
    text = html_lib.unescape(_TAG.sub(" ", html or ""))
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())


@dataclass(frozen=True)
class Feed:
    entries: list[Entry]
    warning: str = ""  # a damaged feed from which entries could still be read


def parse_feed(body: bytes, *, base_url: str) -> Feed:
    """Entries of an RSS or Atom feed; raise ``FeedError`` with the reason."""
    root = _guard(body)
    if not isinstance(root, str) and _local(root.tag) in ("urlset", "sitemapindex"):
        raise FeedError("this is a sitemap, not a feed")
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries", [])
    if not entries:
        if isinstance(root, str):
            raise FeedError(f"the feed is not well-formed XML ({root})")
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise FeedError(f"the feed cannot be read: {problem}")
        if not parsed.get("version"):
            raise FeedError("this is not an RSS or Atom feed")
        return Feed([])
    out: list[Entry] = []
    for item in entries[:MAX_ENTRIES]:
        link = item.get("link") or ""
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC) if stamp else None
        out.append(
            Entry(
                url=urljoin(base_url, link.strip()),
                title=_text(item.get("title", "")),
                summary=_text(item.get("summary", "")),
                published=published,
                guid=str(item.get("id", ""))[:500],
            )
        )
    if isinstance(root, str):
        if not out:
            raise FeedError(f"the feed is not well-formed XML ({root})")
        return Feed(out, f"the feed is not well-formed XML ({root}); {len(out)} entries read")
    return Feed(out)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class Sitemap:
    entries: list[Entry]
    children: list[str]  # sitemaps listed by a sitemap index


def parse_sitemap(body: bytes, *, base_url: str) -> Sitemap:
    root = _guard(body)
    if isinstance(root, str):
        raise FeedError(f"the sitemap is not well-formed XML ({root})")
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = [
            urljoin(base_url, (loc.text or "").strip())
            for loc in root.iter()
            if _local(loc.tag) == "loc" and loc.text
        ]
        return Sitemap(entries=[], children=children[:50])
    if kind != "urlset":
        raise FeedError(f"not a sitemap: the root element is <{kind}>")
    entries: list[Entry] = []
    for url in root:
        if _local(url.tag) != "url":
            continue
        values = {_local(child.tag): (child.text or "").strip() for child in url.iter()}
        if not values.get("loc"):
            continue
        stamp = values.get("publication_date") or values.get("lastmod") or ""
        entries.append(
            Entry(
                url=urljoin(base_url, values["loc"]),
                title=_text(values.get("title", "")),
                published=parse_iso(stamp) if stamp else None,
            )
        )
    return Sitemap(entries=entries[:MAX_ENTRIES], children=[])
