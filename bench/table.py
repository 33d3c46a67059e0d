"""Print the monitoring benchmarks' results side by side, with the issue's floors.

Run by ``make bench`` after bench/matcher.py, bench/ingest.py and bench/search.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


def load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def verdict(ok: bool) -> str:
    return "holds" if ok else "MISSED"


def main() -> None:
    rows: list[tuple[str, str, str, str]] = []
    matcher = load("matcher")
    if matcher:
        runs = {run["queries"]: run for run in matcher["runs"]}
        for count, run in sorted(runs.items()):
            naive = run["naive_s"] / run["ours_s"]
            percolator = run["percolator_s"] / run["ours_s"]
            rows.append(
                (
                    f"matcher, {matcher['docs']:,} docs × {count:,} queries",
                    f"ours {run['ours_s']:.2f} s; naive {run['naive_s']:.1f} s ({naive:.0f}×);"
                    f" percolator {run['percolator_s']:.1f} s ({percolator:.0f}×)",
                    "≥ 50× naive, ≥ 20× percolator at 10,000" if count == 10_000 else "",
                    (
                        verdict(naive >= 50 and percolator >= 20 and run["identical"])
                        if count == 10_000
                        else ("identical" if run["identical"] else "DIFFERENT")
                    ),
                )
            )
        if 1_000 in runs and 10_000 in runs:
            growth = runs[10_000]["ours_s"] / runs[1_000]["ours_s"]
            prepare = matcher.get("prepare_s", 0.0)
            with_prepare = (runs[10_000]["ours_s"] + prepare) / (runs[1_000]["ours_s"] + prepare)
            rows.append(
                (
                    "matcher, 1,000 → 10,000 queries",
                    f"{with_prepare:.2f}× with tokenising the articles ({growth:.2f}× without)",
                    "≤ 2×",
                    verdict(with_prepare <= 2),
                )
            )
    ingest = load("ingest")
    if ingest:
        ratio = ingest["ours_s"] / ingest["extraction_only_s"]
        rows.append(
            (
                f"ingest, {ingest['articles']:,} stored pages",
                f"ours {ingest['ours_s']:.2f} s; trafilatura alone"
                f" {ingest['extraction_only_s']:.2f} s ({ratio:.2f}×)",
                "≤ 1.25×",
                verdict(ratio <= 1.25),
            )
        )
    search = load("search")
    if search:
        for backend in search["backends"]:
            speedup = backend["like_scan_ms"] / backend["p95_ms"]
            rows.append(
                (
                    f"search, {search['docs']:,} docs, {backend['name']}",
                    f"p95 {backend['p95_ms']:.1f} ms; LIKE scan {backend['like_scan_ms']:.0f} ms"
                    f" ({speedup:.0f}×)",
                    "p95 ≤ 50 ms, ≥ 100× LIKE",
                    verdict(backend["p95_ms"] <= 50 and speedup >= 100),
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(4)] if rows else [0] * 4
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
