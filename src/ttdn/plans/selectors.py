"""Reads of plans. Every signed-in member of the staff UI may read plans (they are public acts)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ttdn.plans.models import Plan, Task, TaskAssignment


def plan_tasks(plan: Plan) -> QuerySet[Task]:
    """The plan's tasks in document order with their units, in a constant number of queries."""
    return (
        plan.tasks.select_related("parent")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=TaskAssignment.objects.select_related("unit", "via_group"),
            )
        )
        .order_by("position")
    )


def plans_for_year(year: int) -> QuerySet[Plan]:
    return Plan.objects.filter(year=year).order_by("number")
