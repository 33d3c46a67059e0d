"""Benchmark: the provincial report of the demo plan (54 units × 63 tasks; floor: 40 × 60 in 2 s).

Run after `ttdn demo --no-serve`: DATA_DIR=var .venv/bin/python bench/report_render.py
"""

from __future__ import annotations

import os
import statistics
import time


def main(rounds: int = 5) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.config.settings")
    os.environ.setdefault(
        "SECRET_KEY_FILE", os.path.join(os.environ.get("DATA_DIR", "var"), "secret_key")
    )
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from ttdn.plans.models import Plan
    from ttdn.reporting.documents.provincial import render_docx
    from ttdn.reporting.selectors import report_data

    plan = Plan.objects.get(number="69/KH-UBND")
    units = plan.report_cycles.first().submissions.count()  # type: ignore[union-attr]
    today = timezone.localdate()
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            content = render_docx(report_data(plan, today=today), today=today)
        timings.append(time.perf_counter() - start)
    size = len(content) // 1024
    print(
        f"provincial report: {units} units × {plan.tasks.count()} tasks → {size} KiB"
        f" .docx in median {statistics.median(timings):.2f} s (max {max(timings):.2f} s),"
        f" {len(queries)} queries"
    )


if __name__ == "__main__":
    main()
