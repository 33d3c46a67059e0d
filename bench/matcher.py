"""Benchmark: many topic queries against each article (issue floors at 10,000 queries: ≥ 50× the
naive evaluator, ≥ 20× an FTS5 percolator; 1,000 → 10,000 queries costs ≤ 2× time).

Run: .venv/bin/python bench/matcher.py [--docs 10000] [--budget 90]

Three ways to find, for every article, the queries that match it (the same set of (article,
query) pairs, checked in the run):

- ours: ``Matcher(queries).match(doc)`` (Aho-Corasick presearch, then the evaluator);
- naive: ``matches(node, doc)`` for every query and article;
- percolator: the article alone in an in-memory FTS5 table (contentless, emptied with
  'delete-all'), every query compiled by ``to_fts5`` run against it, then ``matches()`` for the
  inexact ones that hit and for those with no FTS5 expression.

Articles come from ``bench/corpus.py``; their ``Document``s are tokenised and position-indexed
once before timing, excluded from all three (so is query parsing, the Matcher's automaton and the
FTS5 compilation: setup, shown apart). A baseline run estimated (on a pilot sample) to take longer
than ``--budget`` seconds is timed on every k-th article and extrapolated linearly to the corpus;
its matches are compared with ours on those articles. Writes bench/results/matcher.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from ttdn.monitoring.query import Document, matches, parse
from ttdn.monitoring.query.ast import Node
from ttdn.monitoring.query.fts import FTS5_TOKENIZE, fts_text, to_fts5
from ttdn.monitoring.query.matcher import Matcher, anchors

sys.path.insert(0, str(Path(__file__).parent))
from corpus import articles, queries, vocabulary

RESULTS = Path(__file__).parent / "results" / "matcher.json"
QUERY_COUNTS = (100, 1_000, 10_000)
Pairs = set[tuple[int, int]]
Items = Sequence[tuple[int, Node]]


def prepare(n: int) -> tuple[list[Document], dict[str, object], float]:
    """The corpus as Documents, tokenised and position-indexed; the seconds that took."""
    generated = list(articles(n))
    gc.disable()  # millions of new long-lived objects: no collection passes while building
    start = time.perf_counter()
    docs = [
        Document.of(
            title=article.title,
            text=article.text,
            lang=article.lang,
            site=article.site,
            url=article.url,
        )
        for article in generated
    ]
    tokenised = time.perf_counter()
    for doc in docs:
        doc.title.positions("", strict=False)  # build the position index now
        doc.text.positions("", strict=False)
    indexed = time.perf_counter()
    gc.enable()
    seconds = indexed - start
    langs: dict[str, int] = {}
    for article in generated:
        langs[article.lang] = langs.get(article.lang, 0) + 1
    tokens = [len(doc.title.loose) + len(doc.text.loose) for doc in docs]
    distinct = {token for doc in docs for token in (*doc.title.loose, *doc.text.loose)}
    return (
        docs,
        {
            "languages": langs,
            "tokens_per_article": round(statistics.mean(tokens)),
            "distinct_tokens": len(distinct),
            "vocabulary_words": vocabulary().distinct_words(),
            "tokenise_s": round(tokenised - start, 2),
            "index_s": round(indexed - tokenised, 2),
        },
        seconds,
    )


def run_ours(matcher: Matcher[int], docs: Sequence[Document]) -> Pairs:
    found: Pairs = set()
    for i, doc in enumerate(docs):
        found.update((i, key) for key in matcher.match(doc))
    return found


def run_naive(items: Items, docs: Sequence[Document], sample: Sequence[int]) -> Pairs:
    found: Pairs = set()
    for i in sample:
        doc = docs[i]
        found.update((i, key) for key, node in items if matches(node, doc) is not None)
    return found


class Percolator:
    def __init__(self, items: Items, docs: Sequence[Document]) -> None:
        self.docs = docs
        self.items = [(key, node, to_fts5(node)) for key, node in items]
        self.db = sqlite3.connect(":memory:", isolation_level=None)
        self.db.execute(
            "CREATE VIRTUAL TABLE doc USING fts5"
            f"(title, text, tokenize = '{FTS5_TOKENIZE}', content = '')"
        )

    def run(self, sample: Sequence[int]) -> Pairs:
        found: Pairs = set()
        cursor = self.db.cursor()
        for i in sample:
            doc = self.docs[i]
            cursor.execute("INSERT INTO doc(doc) VALUES ('delete-all')")
            cursor.execute(
                "INSERT INTO doc(rowid, title, text) VALUES (1, ?, ?)",
                (fts_text(doc.title), fts_text(doc.text)),
            )
            for key, node, compiled in self.items:
                if compiled.expression is not None:
                    cursor.execute("SELECT 1 FROM doc WHERE doc MATCH ?", (compiled.expression,))
                    if cursor.fetchone() is None:
                        continue
                    if compiled.exact:
                        found.add((i, key))
                        continue
                if matches(node, doc) is not None:
                    found.add((i, key))
        return found


def timed(function: Callable[[], Pairs]) -> tuple[Pairs, float]:
    gc.collect()
    start = time.perf_counter()
    found = function()
    return found, time.perf_counter() - start


def sample_step(
    runs: Sequence[Callable[[Sequence[int]], Pairs]], n_docs: int, budget: float
) -> int:
    """1, or k such that each baseline on every k-th article takes about ``budget`` seconds."""
    pilot = list(range(0, n_docs, max(1, n_docs // 20)))
    step = 1
    for run in runs:
        _, seconds = timed(lambda: run(pilot))  # noqa: B023
        step = max(step, math.ceil(seconds / len(pilot) * n_docs / budget))
    return step


@dataclass
class Run:
    queries: int
    ours_s: float
    naive_s: float
    percolator_s: float
    identical: bool
    matches: int
    candidates_per_article: float
    queries_without_anchor: int
    fts5_exact: int
    fts5_none: int
    setup_s: dict[str, float]
    baseline_sample_docs: int | None = None
    baseline_sample_every: int | None = None
    baseline_sample_s: dict[str, float] | None = None

    def record(self) -> dict[str, object]:
        return {key: value for key, value in asdict(self).items() if value is not None}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--budget", type=float, default=90.0, help="seconds per baseline run")
    parser.add_argument("--queries", type=int, nargs="*", default=list(QUERY_COUNTS))
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()

    start = time.perf_counter()
    load_start = [round(x, 2) for x in os.getloadavg()]  # other work on the machine skews times
    docs, corpus, prepare_s = prepare(args.docs)
    texts = [parse(query) for query in queries(max(args.queries))]
    gc.collect()
    gc.freeze()  # the corpus is long-lived: keep the collector from rescanning it
    print(
        f"corpus: {args.docs:,} articles {corpus['languages']}, {corpus['tokens_per_article']}"
        f" tokens each, {corpus['distinct_tokens']:,} distinct tokens (vocabulary"
        f" {corpus['vocabulary_words']:,} words).\nDocuments tokenised and indexed in"
        f" {prepare_s:.1f} s before timing: excluded from all three variants. Query parsing,"
        " the Matcher's automaton and FTS5 compilation are setup, not timed.",
        flush=True,
    )

    runs: list[Run] = []
    for count in args.queries:
        items = list(enumerate(texts[:count]))
        print(f"{count:,} queries", flush=True)
        setup = time.perf_counter()
        matcher = Matcher(items)
        matcher_s = time.perf_counter() - setup
        setup = time.perf_counter()
        percolator = Percolator(items, docs)
        compile_s = time.perf_counter() - setup
        ours, ours_s = timed(lambda: run_ours(matcher, docs))  # noqa: B023
        print(f"  ours: {ours_s:.2f} s", flush=True)
        naive_run = partial(run_naive, items, docs)
        step = sample_step((naive_run, percolator.run), len(docs), args.budget)
        sample = list(range(0, len(docs), step))
        naive, naive_sample_s = timed(lambda: naive_run(sample))  # noqa: B023
        perc, perc_sample_s = timed(lambda: percolator.run(sample))  # noqa: B023
        naive_s = naive_sample_s * len(docs) / len(sample)
        perc_s = perc_sample_s * len(docs) / len(sample)
        note = f" (timed on 1 article in {step}, {len(sample):,} of them)" if step > 1 else ""
        print(f"  naive: {naive_s:.1f} s{note}", flush=True)
        print(f"  percolator: {perc_s:.1f} s{note}", flush=True)
        in_sample = set(sample)
        identical = naive == perc == {pair for pair in ours if pair[0] in in_sample}
        compiled = [compiled for _, _, compiled in percolator.items]
        run = Run(
            queries=count,
            ours_s=round(ours_s, 3),
            naive_s=round(naive_s, 3),
            percolator_s=round(perc_s, 3),
            identical=identical,
            matches=len(ours),
            candidates_per_article=round(
                statistics.mean(len(matcher.candidates(doc)) for doc in docs[::10]), 1
            ),
            queries_without_anchor=len(matcher.always),
            fts5_exact=sum(c.exact for c in compiled),
            fts5_none=sum(c.expression is None for c in compiled),
            setup_s={"matcher": round(matcher_s, 3), "fts5_compile": round(compile_s, 3)},
        )
        if step > 1:
            run.baseline_sample_docs = len(sample)
            run.baseline_sample_every = step
            run.baseline_sample_s = {
                "naive": round(naive_sample_s, 3),
                "percolator": round(perc_sample_s, 3),
            }
        runs.append(run)
        print(f"  identical: {identical}; {len(ours):,} matches", flush=True)

    report(args.docs, runs)
    floors = {
        "preparation_excluded": check_floors(runs, 0.0),
        "preparation_included": check_floors(runs, prepare_s),
    }
    for view, values in floors.items():
        print(f"floors, {view.replace('_', ' ')}: {values}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "docs": args.docs,
        "runs": [run.record() for run in runs],
        "floors": floors,
        "prepare_s": round(prepare_s, 2),
        "corpus": corpus,
        "notes": (
            "Times exclude preparing the Documents (tokenising and position-indexing every"
            " article once, prepare_s for the corpus), for all three variants; the floors are"
            " also given with prepare_s added to each. naive_s and percolator_s are extrapolated"
            " linearly from every baseline_sample_every-th article when a run has"
            " baseline_sample_docs, and identical then compares the (article, query) pairs of"
            " the three on those articles."
        ),
        "queries_without_anchor": sum(anchors(node) is None for node in texts),
        "load_average": {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]},
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "total_s": round(time.perf_counter() - start, 1),
    }
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"written: {args.output}")


def report(n_docs: int, runs: list[Run]) -> None:
    print()
    print(
        f"{'queries':>8} {'ours s':>8} {'naive s':>9} {'percolator s':>13} {'naive/ours':>11}"
        f" {'perc/ours':>10} {'matches':>8} {'cand/doc':>9} identical  baselines timed on"
    )
    for run in runs:
        sampled = run.baseline_sample_docs
        sample = f"{sampled:,} (1 in {run.baseline_sample_every})" if sampled else "all"
        print(
            f"{run.queries:>8,} {run.ours_s:>8.2f} {run.naive_s:>9.1f} {run.percolator_s:>13.1f}"
            f" {run.naive_s / run.ours_s:>10.1f}× {run.percolator_s / run.ours_s:>9.1f}×"
            f" {run.matches:>8,} {run.candidates_per_article:>9} {run.identical!s:>9}  {sample}"
        )
    print()


def check_floors(runs: list[Run], prepare_s: float) -> dict[str, object]:
    """The issue's floors, with ``prepare_s`` added to every variant's time."""
    by_count = {run.queries: run for run in runs}
    floors: dict[str, object] = {}
    top, mid = by_count.get(10_000), by_count.get(1_000)
    if top:
        ours = top.ours_s + prepare_s
        naive_ratio = (top.naive_s + prepare_s) / ours
        perc_ratio = (top.percolator_s + prepare_s) / ours
        floors["naive_at_least_50x"] = {"ratio": round(naive_ratio, 1), "holds": naive_ratio >= 50}
        floors["percolator_at_least_20x"] = {
            "ratio": round(perc_ratio, 1),
            "holds": perc_ratio >= 20,
        }
    if top and mid:
        growth = (top.ours_s + prepare_s) / (mid.ours_s + prepare_s)
        floors["1k_to_10k_at_most_2x"] = {"ratio": round(growth, 2), "holds": growth <= 2}
    floors["identical"] = all(run.identical for run in runs)
    return floors


if __name__ == "__main__":
    main()
