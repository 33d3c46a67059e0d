"""From a fetched page to an article: decoding, main text, metadata, safe HTML. No Django.

trafilatura finds the main text, the title, the author and a date; a date with its time written
the way Vietnamese and East-Asian newsrooms write it is preferred (see ``dates``), and the feed
entry fills what the page lacks. The HTML kept for display is trafilatura's simplified HTML,
sanitised with nh3 (no scripts, no event attributes, no ``javascript:`` links).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urljoin

import charset_normalizer
import nh3
import trafilatura
from trafilatura.htmlprocessing import build_html_output
from trafilatura.settings import Document as TrafilaturaDocument

from ttdn.core.text import fold
from ttdn.monitoring.dates import VIETNAM, find_dates, parse_iso, plausible

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CANONICAL = re.compile(
    r"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical)[^>]*\bhref\s*=\s*["']([^"']+)""", re.I
)
_PUBLISHED = re.compile(
    r"""<meta\b(?=[^>]*(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|"""
    r"""datePublished|pubdate|og:published_time|publishdate)["'])[^>]*\bcontent\s*=\s*["']([^"']+)""",
    re.I,
)
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.I | re.S)
MIN_LEAD = 40
MIN_TEXT = 80  # characters; less is navigation left over, not an article
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "b", "strong", "i", "em",
    "table", "thead", "tbody", "tr", "th", "td", "a", "code", "pre", "del",
}  # fmt: skip


@dataclass(frozen=True)
class Extracted:
    title: str
    text: str
    author: str
    published: datetime | None
    canonical_url: str
    html: str


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode(body: bytes, declared: str | None = None) -> str:
    """Bytes to NFC text, whatever the page claims.

    A byte-order mark wins; then valid UTF-8 (pages often declare Latin-1 and are UTF-8); then the
    charset of the HTTP header or the page's meta tag (Windows-1258 arrives decomposed and is
    composed here); then detection.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return unicodedata.normalize("NFC", body.decode(name, errors="replace"))
    try:
        return unicodedata.normalize("NFC", body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(body[:4096])
    for candidate in (declared, meta.group(1).decode("ascii") if meta else None):
        codec = _codec(candidate)
        if codec and codec not in ("utf-8", "ascii"):
            return unicodedata.normalize("NFC", body.decode(codec, errors="replace"))
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    encoding = best.encoding if best else "utf-8"
    return unicodedata.normalize("NFC", body.decode(encoding, errors="replace"))


def sanitise(html: str) -> str:
    """HTML safe to show inside a staff page."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "td": {"colspan", "rowspan"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", _TAGS.sub(" ", html))


def extraction(html: str, url: str) -> TrafilaturaDocument | dict[str, Any] | None:
    """trafilatura's own reading of the page (also timed alone by ``bench/ingest.py``)."""
    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )


def extract(
    html: str,
    *,
    url: str,
    now: datetime,
    fallback_title: str = "",
    fallback_published: datetime | None = None,
    fallback_text: str = "",
    tz: tzinfo = VIETNAM,
) -> Extracted:
    """The article in ``html`` (already decoded). Text is empty when no main text was found.

    ``tz`` is the zone of dates the page writes without one (the source's country).
    """
    document = extraction(html, url)
    title = text = author = lead = ""
    shown = ""
    day: datetime | None = None
    if document is not None and not isinstance(document, dict):
        title = (document.title or "").strip()
        text = (document.text or "").strip()
        author = (document.author or "").strip()
        lead = (document.description or "").strip()
        if document.date:
            day = parse_iso(document.date, tz=tz)
        if len(text) >= MIN_TEXT and document.body is not None:
            shown = sanitise(build_html_output(document))
    if len(text) < MIN_TEXT:
        text = ""  # a menu or a banner is not an article
    elif len(lead) >= MIN_LEAD and not _begins_with(text, lead):
        # Newsrooms print a lead ("sapo") above the body that extraction often leaves out.
        text = f"{lead}\n{text}"
    if not text and fallback_text:
        text = fallback_text.strip()
    published = _published(
        html, day=plausible(day, now), feed=plausible(fallback_published, now), now=now, tz=tz
    )
    canonical = _CANONICAL.search(html)
    return Extracted(
        title=unicodedata.normalize("NFC", title or fallback_title.strip()),
        text=unicodedata.normalize("NFC", text),
        author=author[:200],
        published=published,
        canonical_url=urljoin(url, canonical.group(1).strip()) if canonical else "",
        html=shown,
    )


def _begins_with(text: str, lead: str) -> bool:
    """Whether the start of ``text`` already holds the ``lead``, however its accents are
    written (folding is the slow way: tried only when the plain comparison fails)."""
    probe, head = lead[:80], text[: len(lead) + 1000]
    return probe.lower() in head.lower() or fold(probe) in fold(head)


def _published(
    html: str, *, day: datetime | None, feed: datetime | None, now: datetime, tz: tzinfo
) -> datetime | None:
    """The publication time, from the most trustworthy place that gives one.

    1. the page's ``article:published_time`` (or a similar meta tag);
    2. the feed entry's time;
    3. the day found by trafilatura (htmldate), with the time written on the page that day;
    4. the first date written on the page; a relative one ("2 giờ trước") last.
    """
    meta = _PUBLISHED.search(html)
    if meta:
        found = plausible(parse_iso(meta.group(1), tz=tz), now)
        if found:
            return found
    if feed is not None:
        return feed
    written = find_dates(_plain(html), now=now, tz=tz)
    if day is not None:
        local = day.astimezone(tz).date()
        timed = [
            moment
            for moment, relative in written
            if not relative
            and moment.astimezone(tz).date() == local
            and moment.time() != day.time()
        ]
        return timed[0] if timed else day
    absolute = [moment for moment, relative in written if not relative]
    return absolute[0] if absolute else next((moment for moment, _ in written), None)
