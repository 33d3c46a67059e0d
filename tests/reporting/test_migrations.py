"""The one-periodic-cycle constraint stops, naming them, on duplicates already recorded."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ttdn.plans.models import Plan
from ttdn.reporting.models import ReportCycle

BEFORE = [("reporting", "0002_protect_recorded_work")]
AFTER = [("reporting", "0003_cycle_one_periodic_per_plan_period")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_duplicates_stop_the_migration_and_are_kept(plan: Plan) -> None:
    migrate(BEFORE)
    try:
        fields = {
            "plan": plan,
            "period_start": plan.issued_on.replace(month=1, day=1),
            "period_end": plan.issued_on.replace(month=12, day=31),
            "data_cutoff": plan.issued_on,
            "deadline": plan.issued_on,
        }
        first = ReportCycle.objects.create(name="Kỳ 1", **fields)
        second = ReportCycle.objects.create(name="Kỳ 2", **fields)
        with pytest.raises(CommandError, match=f"cycles {first.pk}, {second.pk}"):
            migrate(AFTER)
        assert ReportCycle.objects.count() == 2  # nothing recorded is deleted
        ReportCycle.objects.filter(pk=second.pk).update(kind=ReportCycle.Kind.AD_HOC)
    finally:
        migrate(AFTER)
    assert ReportCycle.objects.count() == 2
