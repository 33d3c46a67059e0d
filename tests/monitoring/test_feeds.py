import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.monitoring.feeds import FeedError, parse_feed, parse_sitemap

BASE = "http://127.0.0.1:9/feed.xml"

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>B&#225;o</title>
<item><title><![CDATA[V&#7843;i thi&#7873;u &amp; OCOP]]></title><link>/a/1.html</link>
<description><![CDATA[<p>T\xc3\xb3m t\xe1\xba\xaft <script>x()</script></p>]]></description>
<pubDate>Thu, 19 Nov 2026 03:30:00 GMT</pubDate><guid>a-1</guid></item>
<item><title>No link</title></item></channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>Quan h\xe1\xbb\x8d</title><link href="http://127.0.0.1:9/b.html"/><id>b</id>
<updated>2026-11-18T09:00:00+07:00</updated></entry></feed>"""

RSS1 = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>t</title></channel>
<item rdf:about="http://127.0.0.1:9/c.html"><title>C</title><link>http://127.0.0.1:9/c.html</link></item>
</rdf:RDF>"""

BOMB = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>&c;</title></channel></rss>"""

XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&x;</title><link>http://e/x</link></item></channel></rss>"""

SITEMAP = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>/d.html</loc>
<news:news><news:publication_date>2026-11-17T08:00:00+07:00</news:publication_date>
<news:title>D</news:title></news:news></url></urlset>"""


def test_rss2_with_cdata_entities_and_relative_links() -> None:
    entries = parse_feed(RSS2, base_url=BASE).entries
    assert len(entries) == 1
    entry = entries[0]
    assert entry.url == "http://127.0.0.1:9/a/1.html"
    assert entry.title == "Vải thiều & OCOP"
    assert entry.summary == "Tóm tắt"
    assert entry.published == datetime(2026, 11, 19, 3, 30, tzinfo=UTC)


def test_atom_and_rss1() -> None:
    assert [e.title for e in parse_feed(ATOM, base_url=BASE).entries] == ["Quan họ"]
    assert [e.url for e in parse_feed(RSS1, base_url=BASE).entries] == ["http://127.0.0.1:9/c.html"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (BOMB, "declares XML entities"),
        (XXE, "declares XML entities"),
        (b"<rss><channel><item><title>x", "not well-formed XML (no element found: line 1"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"", "empty"),
        (b"<html><body>hello</body></html>", "not an RSS or Atom feed"),
        (SITEMAP, "this is a sitemap"),
    ],
)
def test_bad_feeds_are_refused_with_the_reason(body: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=re.escape(message)):
        parse_feed(body, base_url=BASE)


def test_a_truncated_feed_keeps_its_complete_entries_with_a_warning() -> None:
    truncated = RSS2.replace(b"<item><title>No link</title></item></channel></rss>", b"<item><tit")
    feed = parse_feed(truncated, base_url=BASE)
    assert [entry.guid for entry in feed.entries] == ["a-1"]
    assert feed.warning.startswith("the feed is not well-formed XML (")
    assert feed.warning.endswith("; 1 entries read")


def test_news_sitemap() -> None:
    sitemap = parse_sitemap(SITEMAP, base_url=BASE)
    assert [(e.url, e.title) for e in sitemap.entries] == [("http://127.0.0.1:9/d.html", "D")]
    assert sitemap.entries[0].published is not None


def test_sitemap_index_lists_children() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>/news.xml</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(index, base_url=BASE).children == ["http://127.0.0.1:9/news.xml"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda t: ("<rss>" + t).encode()))
def test_the_feed_reader_never_fails_otherwise(body: bytes) -> None:
    try:
        parse_feed(body, base_url=BASE)
    except FeedError as error:
        message = str(error)
    else:
        return
    assert message
