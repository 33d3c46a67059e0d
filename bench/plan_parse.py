"""Benchmark: parse the seed plan (floor: 200 ms). Run: .venv/bin/python bench/plan_parse.py"""

from __future__ import annotations

import statistics
import time

from ttdn.demo.files import PLAN_FILE, seed_unit_names
from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import parse_plan


def main(rounds: int = 30) -> None:
    data = PLAN_FILE.read_bytes()
    known = KnownNames(seed_unit_names())
    parse_plan(data, known=known)  # warm up imports and regex caches
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        parse_plan(data, known=known)
        timings.append((time.perf_counter() - start) * 1000)
    median = statistics.median(timings)
    print(
        f"seed plan ({len(data) / 1024:.0f} KiB, 63 rows): median {median:.1f} ms,"
        f" max {max(timings):.1f} ms over {rounds} runs"
    )


if __name__ == "__main__":
    main()
