"""Comparing a parsed plan with the stored one: what an import would add, remove or change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ttdn.plans.importers.shape import ParsedPlan
from ttdn.plans.importers.shape import Task as ParsedTask
from ttdn.plans.models import AssignmentRole, Plan, Task


@dataclass
class PlanDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def parsed_signature(task: ParsedTask) -> dict[str, Any]:
    return {
        "label": task.label,
        "parent": task.parent,
        "title": task.title,
        "heading": task.is_heading,
        "lead": task.lead,
        "partners": task.partners,
        "timeframe": task.timeframe.raw,
    }


def stored_signature(task: Task) -> dict[str, Any]:
    """Needs ``parent`` selected and ``assignments`` prefetched."""
    names: dict[str, list[str]] = {AssignmentRole.LEAD: [], AssignmentRole.PARTNER: []}
    for assignment in task.assignments.all():
        written = names[assignment.role]
        if not written or written[-1] != assignment.written_as:
            written.append(assignment.written_as)
    return {
        "label": task.label,
        "parent": task.parent.code if task.parent else None,
        "title": task.title,
        "heading": task.is_heading,
        "lead": names[AssignmentRole.LEAD],
        "partners": names[AssignmentRole.PARTNER],
        "timeframe": task.timeframe,
    }


def stored_tasks(plan: Plan) -> dict[str, Task]:
    return {
        task.code: task
        for task in plan.tasks.select_related("parent").prefetch_related("assignments")
    }


def plan_diff(plan: Plan | None, parsed: ParsedPlan) -> PlanDiff:
    diff = PlanDiff()
    stored = stored_tasks(plan) if plan is not None else {}
    for item in parsed.tasks:
        task = stored.get(item.code)
        if task is None:
            diff.added.append(item.code)
        elif stored_signature(task) != parsed_signature(item):
            diff.changed.append(item.code)
    wanted = {item.code for item in parsed.tasks}
    diff.removed = [code for code in stored if code not in wanted]
    return diff
