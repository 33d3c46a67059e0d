"""Benchmark: reading stored pages end to end versus trafilatura's extraction alone.

Floor (issue 5): ours ≤ 1.25 × extraction alone.

"Ours" is everything the pipeline does after fetching a page (``pipeline.article_read``):
decoding, extraction (the same trafilatura call), the publication date, the language, the
normalised forms, exact and near-duplicate detection (MinHash bands), matching the demo's 16
topics, and storing the article, its bands and its matches in SQLite. "Extraction only" is
``trafilatura.bare_extraction`` with the same options on the same decoded pages. The pages are
generated news articles (``bench/corpus.py``) inside a template as heavy as real Vietnamese news
pages (about 200 KB: a mega-menu, lists of other stories, a footer site map, inline styles
and scripts, a cookie banner, comments, meta tags).

Run: ``.venv/bin/python bench/ingest.py [--articles 300]``; writes ``bench/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "ingest.json"
NOW = datetime(2026, 11, 26, tzinfo=UTC)

TEMPLATE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} - {site}</title>
<meta name="description" content="{lead}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}"><link rel="stylesheet" href="/s.css">
<style>{style}</style>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{title}","datePublished":"{published}"}}</script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}{script}</script>
</head><body>
<div class="cookie-banner">Chúng tôi sử dụng cookie để cải thiện trải nghiệm. <button>Đồng ý</button></div>
<header><nav class="mega-menu">{menu}</nav></header>
<main><article><h1>{title}</h1><p class="meta">{byline} · {date}</p>{paragraphs}</article>
<aside class="related"><h3>Tin liên quan</h3><ul>{related}</ul></aside>
<aside class="most-read"><h3>Đọc nhiều</h3><ul>{most_read}</ul></aside>
<section class="comments"><h3>Bình luận</h3><p>Bài viết rất hay, cảm ơn tác giả.</p></section></main>
<footer><ul class="sitemap">{sitemap}</ul>© {site}. Giấy phép số 123/GP-BTTTT. Địa chỉ: 1 đường Hùng Vương. Điện thoại: 0204 1234567.</footer>
</body></html>"""


# What makes real news pages heavy (150 to 300 KB for national papers): menus, lists of other
# stories, a footer site map, inline styles and scripts (analytics, advertising).
_SECTIONS = [
    "Thời sự",
    "Chính trị",
    "Kinh tế",
    "Xã hội",
    "Pháp luật",
    "Văn hóa",
    "Thể thao",
    "Giáo dục",
    "Y tế",
    "Du lịch",
    "Nông nghiệp",
    "Đô thị",
    "Quốc tế",
    "Bạn đọc",
]
MENU = "".join(
    f'<div class="menu-col"><a class="menu-head" href="/muc-{i}">{name}</a><ul>'
    + "".join(
        f'<li><a href="/muc-{i}/chuyen-muc-{j}">{name} - chuyên mục {j}</a></li>' for j in range(24)
    )
    + "</ul></div>"
    for i, name in enumerate(_SECTIONS)
)
STYLE = "".join(
    f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i:06x};display:block}}" for i in range(1000)
)
SITEMAP = "".join(
    f'<li><a href="/muc-{i}/trang-{j}">{name} {j}</a></li>'
    for i, name in enumerate(_SECTIONS)
    for j in range(10)
)
SCRIPT = "".join(f"var v{i}=function(a){{return a*{i}+{i % 13};}};" for i in range(2500))


def _links(index: int, label: str, count: int) -> str:
    return "".join(
        f'<li><a href="/tin/{index}-{label}-{n}.html"><img src="/anh/{n}.jpg" alt="">'
        f"Tin {label} số {n}: tiêu đề bài viết khác của tòa soạn</a></li>"
        for n in range(count)
    )


def pages(count: int) -> list[tuple[str, bytes]]:
    out = []
    for index, article in enumerate(corpus.articles(count, seed=11)):
        paragraphs = [p for p in article.text.split("\n") if p.strip()]
        published = NOW - timedelta(hours=index + 1)
        page = TEMPLATE.format(
            lang=article.lang,
            title=html.escape(article.title),
            site=article.site,
            lead=html.escape(paragraphs[0][:200]),
            published=published.isoformat(),
            url=article.url,
            byline="Phóng viên",
            date=published.strftime("%d/%m/%Y %H:%M"),
            paragraphs="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
            sitemap=SITEMAP,
            related=_links(index, "lien-quan", 20),
            most_read=_links(index, "doc-nhieu", 40),
            menu=MENU,
            style=STYLE,
            script=SCRIPT,
        )
        out.append((article.url, page.encode("utf-8")))
    return out


def extraction_only(body: bytes, url: str) -> object:
    """What trafilatura alone does with a stored page: decode it, extract it."""
    from ttdn.monitoring.extract import decode, extraction

    return extraction(decode(body), url)


def setup_django(directory: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.config.settings"
    os.environ["SECRET_KEY"] = "bench-only"
    os.environ["DATA_DIR"] = str(directory)
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'ingest.sqlite3'}"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["TASKS_BACKEND"] = "immediate"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    stored = pages(args.articles + 1)
    with tempfile.TemporaryDirectory(prefix="ttdn-ingest-") as directory:
        setup_django(Path(directory))

        from ttdn.demo.monitoring import topics
        from ttdn.monitoring import services
        from ttdn.monitoring.models import Article, Match, Source, Topic
        from ttdn.monitoring.pipeline import article_read
        from ttdn.monitoring.urls import url_key

        for row in topics():
            services.topic_save(
                actor=None, topic=Topic(slug=row["slug"], name=row["name"], query=row["query"])
            )
        source = Source.objects.create(slug="bench", name="Bench", url="https://example.org/rss")
        articles = [
            Article.objects.create(source=source, url=url, url_key=url_key(url), state="fetching")
            for url, _ in stored
        ]
        # Warm both up on the first page (imports, the language model, the topic matcher), as a
        # running worker is; then time them page by page, in turn, so that both see the same
        # machine (caches, clock speed, other load), each going first on every other page
        # (whichever reads a page second finds it partly in the processor's caches).
        (first_url, first_body), *timed = stored
        extraction_only(first_body, first_url)
        article_read(articles[0], first_body, charset="utf-8", url=first_url, now=NOW)
        spent = {"extraction": 0.0, "ours": 0.0}
        for index, (article, (url, body)) in enumerate(zip(articles[1:], timed, strict=True)):
            steps = {
                "extraction": partial(extraction_only, body, url),
                "ours": partial(article_read, article, body, charset="utf-8", url=url, now=NOW),
            }
            for name in ("extraction", "ours") if index % 2 else ("ours", "extraction"):
                start = time.perf_counter()
                steps[name]()
                spent[name] += time.perf_counter() - start
        extraction, ours = spent["extraction"], spent["ours"]
        ready = Article.objects.filter(state="ready").count()
        matched = Match.objects.count()

    result = {
        "articles": len(timed),
        "ours_s": round(ours, 3),
        "extraction_only_s": round(extraction, 3),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    ratio = ours / extraction
    print(
        f"ingest of {len(timed)} stored pages: ours {ours:.2f} s ({1000 * ours / len(timed):.1f} ms/page,"
        f" {ready} stored, {matched} topic matches), trafilatura alone {extraction:.2f} s;"
        f" ratio {ratio:.2f} (floor ≤ 1.25: {'holds' if ratio <= 1.25 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
