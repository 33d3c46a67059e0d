"""Benchmark: search over 1,000,000 generated articles, on SQLite FTS5 and PostgreSQL full text.

Floors (issue 5): p95 ≤ 50 ms for loose phrase queries, ≥ 100× faster than a LIKE scan, on both.

The queries are phrases as analysts write them (85 % names of places, organisations, people and
products; 15 % subjects common in the news such as "đầu tư", "exports", "旅游"). The articles
come from ``bench/corpus.py`` (Vietnamese, English, Chinese; Zipf words; place and
organisation names), normalised exactly as the pipeline stores them (``fts_text`` of the loose
tokens), with publication times spread over two years. The schema is the application's own
(``ttdn.monitoring.search_schema``: an FTS5 table with the ``ascii`` tokenizer; a GIN index on the
weighted ``tsvector`` expression). Each query is compiled by the application's compiler and run
as the search page runs it without filters: the page of the 20 newest matches by publication
time (of more than 1,000 matches, among the 1,000 most recently collected) and the number of
matches up to 1,000. The LIKE scan looks for the same folded phrase with ``LIKE '%…%'`` and
gives the same page and count. Articles also index their pairs of neighbouring tokens
(``query.fts.pairs_text``).

Run: ``.venv/bin/python bench/search.py [--docs 1000000] [--queries 200]``; writes
``bench/results/search.json``. The generated databases are kept under ``var/bench/`` and reused
by later runs with the same number of documents. PostgreSQL: ``BENCH_DATABASE_URL``, default
``postgresql://postgres@127.0.0.1:5432/postgres`` (a database ``ttdn_bench`` is created).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from ttdn.monitoring.query import parse
from ttdn.monitoring.query.fts import fts_text, pairs_text
from ttdn.monitoring.query.tokens import FieldText
from ttdn.monitoring.search_schema import (
    COUNT_CAP,
    MATCHING,
    POSTGRES_CREATE,
    compiled_query,
    recent,
)

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results" / "search.json"
CHUNK = 10_000
START = datetime(2025, 1, 1, tzinfo=UTC)
PAGE = 20
LIKE_QUERIES = 10

Row = tuple[int, str, str, str, str, str]  # id, published_at, language, title, text, pairs


def _chunk(number: int) -> list[Row]:
    rng = random.Random(number)
    rows: list[Row] = []
    for offset, article in enumerate(corpus.articles(CHUNK, seed=1000 + number)):
        pk = number * CHUNK + offset + 1
        moment = START + timedelta(seconds=pk * 60 + rng.randint(0, 3600))
        rows.append(
            (
                pk,
                moment.isoformat(),
                article.lang,
                fts_text(title := FieldText.of(article.title)),
                fts_text(text := FieldText.of(article.text)),
                pairs_text(title, text),
            )
        )
    return rows


def generated(docs: int) -> Iterator[list[Row]]:
    with multiprocessing.Pool(max(1, (os.cpu_count() or 1))) as pool:
        yield from pool.imap(_chunk, range(docs // CHUNK))


SQLITE_SCHEMA = """
CREATE TABLE monitoring_article (
    id INTEGER PRIMARY KEY, published_at TEXT NOT NULL, language TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'ready', search_title TEXT NOT NULL, search_text TEXT NOT NULL,
    search_pairs TEXT NOT NULL);
CREATE INDEX article_published ON monitoring_article (published_at);
"""


def build_sqlite(path: Path, docs: int) -> None:
    from ttdn.monitoring.search_schema import SQLITE_CREATE

    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SQLITE_SCHEMA)
    db.execute(SQLITE_CREATE[0])  # the FTS5 table, filled once below instead of by triggers
    for rows in generated(docs):
        db.executemany(
            "INSERT INTO monitoring_article"
            " (id, published_at, language, search_title, search_text, search_pairs)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        print(f"\r  sqlite: {rows[-1][0]:,} articles", end="", flush=True)
    db.execute("INSERT INTO monitoring_article_fts(monitoring_article_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO monitoring_article_fts(monitoring_article_fts) VALUES ('optimize')")
    db.commit()
    db.execute("ANALYZE")
    db.close()
    print()


def from_sqlite(path: Path, docs: int) -> Iterator[list[Row]]:
    """The articles already generated into the SQLite database, in chunks."""
    db = sqlite3.connect(path)
    for start in range(0, docs, CHUNK):
        yield db.execute(
            "SELECT id, published_at, language, search_title, search_text, search_pairs"
            " FROM monitoring_article"
            " WHERE id > ? AND id <= ? ORDER BY id",
            [start, start + CHUNK],
        ).fetchall()
    db.close()


def build_postgres(url: str, docs: int, source: Path) -> str:
    import psycopg

    bench_url = url.rsplit("/", 1)[0] + "/ttdn_bench"
    with psycopg.connect(url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = 'ttdn_bench'").fetchone()
        if not exists:
            admin.execute("CREATE DATABASE ttdn_bench")
    with psycopg.connect(bench_url, autocommit=True) as db:
        row = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'monitoring_article'"
        ).fetchone()
        if row and row[0]:
            count = db.execute("SELECT count(*) FROM monitoring_article").fetchone()
            if count and count[0] == docs:
                return bench_url
            db.execute("DROP TABLE monitoring_article")
        db.execute(
            "CREATE UNLOGGED TABLE monitoring_article (id integer PRIMARY KEY,"
            " published_at timestamptz NOT NULL, language text NOT NULL,"
            " state text NOT NULL DEFAULT 'ready', search_title text NOT NULL,"
            " search_text text NOT NULL, search_pairs text NOT NULL)"
        )
        with db.cursor() as cursor:
            for rows in from_sqlite(source, docs):
                with cursor.copy(
                    "COPY monitoring_article"
                    " (id, published_at, language, search_title, search_text, search_pairs)"
                    " FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
                print(f"\r  postgresql: {rows[-1][0]:,} articles", end="", flush=True)
        print("\n  postgresql: indexing")
        db.execute("SET maintenance_work_mem = '1GB'")
        db.execute("CREATE INDEX article_published ON monitoring_article (published_at)")
        for sql in POSTGRES_CREATE:
            db.execute(sql)
        db.execute("ANALYZE monitoring_article")
    return bench_url


def phrase_queries(count: int) -> list[str]:
    """Phrases as analysts type them: names of places, organisations, people and products
    (mostly rare, Zipf-popular like the corpus's), and a few subjects common in the news."""
    rng = random.Random(7)
    vocab = corpus.vocabulary()
    names = [entity.name(lang) for entity in vocab.entities for lang in ("vi", "en", "zh")]
    names = [name for name in dict.fromkeys(names) if " " in name or not name.isascii()]
    subjects = [subject for row in corpus._TOPICS for subject in row]
    common = count * 3 // 20
    out = [f'"{name}"' for name in rng.sample(names, count - common)]
    out += [f'"{subject}"' for subject in rng.choices(subjects, k=common)]
    rng.shuffle(out)
    return out


# The LIKE scan gives what the search page gives: the newest page and the count up to COUNT_CAP.
LIKE_SQL = (
    "SELECT id FROM monitoring_article WHERE state = 'ready' AND (search_text LIKE %s"
    f" OR search_title LIKE %s) ORDER BY published_at DESC, id DESC LIMIT {PAGE}"
)
LIKE_COUNT = (
    "SELECT count(*) FROM (SELECT 1 FROM monitoring_article WHERE state = 'ready' AND"
    f" (search_text LIKE %s OR search_title LIKE %s) LIMIT {COUNT_CAP + 1}) AS capped"
)


def _like(run: Callable[[str, list[Any]], list[tuple[Any, ...]]], pattern: str) -> object:
    return run(LIKE_SQL, [pattern, pattern]), run(LIKE_COUNT, [pattern, pattern])


def _warm_then_time(page: Callable[..., None], expressions: list[str | None]) -> list[float]:
    """Run every query once to warm the caches (a search server's steady state), then time."""
    for expression in expressions:
        page(expression=expression)
    return [timed(partial(page, expression=expression)) for expression in expressions]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def _page(
    run: Callable[[str, list[object]], list[tuple[Any, ...]]],
    engine: str,
    matching: str,
    by_ids: str,
    *,
    expression: str,
    ids_param: Callable[[list[object]], tuple[str, list[object]]],
) -> None:
    """What the search page does without filters (``ttdn.monitoring.search.candidates``): the
    engine's matches cut at COUNT_CAP + 1; many → the COUNT_CAP most recently collected
    (``search_schema.recent``); then the page by primary key, and the count of few."""
    ids = [row[0] for row in run(matching, [expression, COUNT_CAP + 1])]
    if not ids:
        return
    if len(ids) > COUNT_CAP:
        ids = recent(run, engine, expression, ids)
    chosen: list[object] = list(ids[:COUNT_CAP])
    placeholder, params = ids_param(chosen)
    run(by_ids.format(ids=placeholder), params)
    if len(ids) <= COUNT_CAP:  # many: "more than 1,000", not counted again
        count = "SELECT count(*) FROM monitoring_article WHERE state = 'ready' AND {ids}"
        run(count.format(ids=placeholder), params)


PAGE_BY_IDS = (
    "SELECT id FROM monitoring_article WHERE state = 'ready' AND {ids}"
    f" ORDER BY published_at DESC, id DESC LIMIT {PAGE}"
)


def _measure(
    engine: str,
    run: Callable[[str, list[Any]], list[tuple[Any, ...]]],
    ids_param: Callable[[list[object]], tuple[str, list[object]]],
    queries: list[str],
) -> dict[str, object]:
    """The search page's queries, then LIKE scans of the same phrases, on one engine."""
    expressions = [compiled_query(parse(query), engine).expression for query in queries]
    page = partial(_page, run, engine, MATCHING[engine], PAGE_BY_IDS, ids_param=ids_param)
    times = _warm_then_time(page, expressions)
    likes = []
    for query in queries[:LIKE_QUERIES]:
        pattern = "%" + " ".join(FieldText.of(query.strip('"')).loose) + "%"
        likes.append(timed(partial(_like, run, pattern)))
    return _summary(engine, times, likes)


def bench_sqlite(path: Path, queries: list[str]) -> dict[str, object]:
    db = sqlite3.connect(path)

    def run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        return db.execute(sql.replace("%s", "?"), params).fetchall()

    def ids_param(ids: list[object]) -> tuple[str, list[object]]:
        return "id IN (" + ", ".join("?" * len(ids)) + ")", ids

    try:
        return _measure("sqlite", run, ids_param, queries)
    finally:
        db.close()


def bench_postgres(url: str, queries: list[str]) -> dict[str, object]:
    import psycopg

    with psycopg.connect(url) as db:

        def run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
            return db.execute(sql, params).fetchall()  # type: ignore[arg-type]

        def ids_param(ids: list[object]) -> tuple[str, list[object]]:
            return "id = ANY(%s)", [ids]  # as ``search.candidates`` does on PostgreSQL

        return _measure("postgresql", run, ids_param, queries)


def _summary(name: str, times: list[float], likes: list[float]) -> dict[str, object]:
    ours = p95(times)
    like = statistics.median(likes)
    return {
        "name": name,
        "p95_ms": round(ours, 2),
        "median_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
        "like_scan_ms": round(like, 1),
        "speedup_vs_like": round(like / ours, 1),
        "queries": len(times),
        "like_queries": len(likes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    docs = args.docs - args.docs % CHUNK
    WORK.mkdir(parents=True, exist_ok=True)
    sqlite_path = WORK / f"search-{docs}.sqlite3"
    started = time.perf_counter()
    if not sqlite_path.exists():
        print(f"Generating {docs:,} articles into SQLite …")
        build_sqlite(sqlite_path.with_suffix(".tmp"), docs)
        sqlite_path.with_suffix(".tmp").rename(sqlite_path)
    queries = phrase_queries(args.queries)
    backends = [bench_sqlite(sqlite_path, queries)]
    if not args.no_postgres:
        url = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
        print(f"Loading {docs:,} articles into PostgreSQL …")
        backends.append(bench_postgres(build_postgres(url, docs, sqlite_path), queries))
    result = {"docs": docs, "backends": backends}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"\nSearch over {docs:,} articles, {len(queries)} loose phrase queries "
        f"(page of {PAGE} newest + count up to {COUNT_CAP:,}),"
        f" {time.perf_counter() - started:.0f} s in all"
    )
    print(f"{'engine':<12}{'p95 ms':>9}{'median':>9}{'max':>9}{'LIKE ms':>10}{'×LIKE':>8}")
    for b in backends:
        print(
            f"{b['name']:<12}{b['p95_ms']:>9}{b['median_ms']:>9}{b['max_ms']:>9}"
            f"{b['like_scan_ms']:>10}{b['speedup_vs_like']:>8}"
        )
    floors = all(
        float(str(b["p95_ms"])) <= 50 and float(str(b["speedup_vs_like"])) >= 100 for b in backends
    )
    print("floors (p95 ≤ 50 ms, ≥ 100× LIKE):", "hold" if floors else "MISSED")


if __name__ == "__main__":
    main()
