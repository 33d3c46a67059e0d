"""Reads of progress: who may see which task, the office calendar, a plan's standing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ttdn.core.calendar import WorkCalendar
from ttdn.orgs import permissions
from ttdn.orgs.models import Role
from ttdn.orgs.selectors import predecessor_ids
from ttdn.plans.models import AssignmentQuerySet, AssignmentRole, Plan, Task, TaskAssignment
from ttdn.plans.selectors import plan_tasks
from ttdn.reporting.models import CalendarDay, Progress, ProgressUpdate, Submission
from ttdn.reporting.timeliness import (
    Grade,
    Rollup,
    Status,
    Timeliness,
    grade,
    mean,
    task_percent,
)


def work_calendar() -> WorkCalendar:
    days = list(CalendarDay.objects.values_list("day", "kind"))
    return WorkCalendar(
        extra_days_off=frozenset(d for d, k in days if k == CalendarDay.Kind.DAY_OFF),
        extra_working_days=frozenset(d for d, k in days if k == CalendarDay.Kind.WORKING_DAY),
    )


def tasks_visible_to(user: permissions.AnyUser) -> QuerySet[Task]:
    """The department sees every task; a unit sees the tasks it leads or coordinates."""
    tasks = Task.objects.all()
    if permissions.is_department(user):
        return tasks
    mine = permissions.unit_ids_of(user)
    units = mine | predecessor_ids(mine)  # a merged unit's tasks belong to its successor
    return tasks.filter(assignments__unit_id__in=units).distinct()


def assignments_visible_to(user: permissions.AnyUser) -> AssignmentQuerySet:
    """The parts the user may open: every part for the department, a unit's own parts for it.

    A unit's progress history, narratives and evidence are its own: a partner on the same task
    sees every part's status and percentage on its own part's page, never the other's page.
    """
    parts = TaskAssignment.objects.select_related("unit", "task")
    if permissions.is_department(user):
        return parts
    mine = permissions.unit_ids_of(user)
    return parts.filter(unit_id__in=mine | predecessor_ids(mine))


@dataclass(frozen=True)
class TaskStanding:
    task: Task
    percent: float
    grade: Grade


def plan_standing(plan: Plan, *, today: datetime.date) -> dict[str, object]:
    """Each task's progress (by the plan's roll-up rule) and timeliness; sections and plan
    as the mean of their tasks. A constant number of queries whatever the plan's size."""
    calendar = work_calendar()
    rule = Rollup(plan.rollup_rule)
    tasks = list(
        plan.tasks.active()
        .order_by("position")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=TaskAssignment.objects.filter(archived_at__isnull=True)
                .select_related("progress")
                .order_by("pk"),
            )
        )
    )
    parents = {task.parent_id for task in tasks}
    standings: list[TaskStanding] = []
    by_section: dict[int, list[float]] = {}
    section_of: dict[int, int] = {}
    for task in tasks:
        # Rows come in document order: a parent is always seen before its children.
        section_of[task.pk] = section_of[task.parent_id] if task.parent_id else task.pk
        if task.is_heading or task.pk in parents:
            continue
        parts = []
        lead_status, lead_done = Status.NOT_STARTED, None
        for assignment in task.assignments.all():
            progress = progress_of(assignment)
            is_lead = assignment.role == AssignmentRole.LEAD
            parts.append((is_lead, progress.percent if progress else 0))
            if is_lead and progress is not None:
                lead_status, lead_done = Status(progress.status), progress.done_on
        percent = task_percent(parts, rule)
        standing = TaskStanding(
            task=task,
            percent=percent,
            grade=grade(
                status=lead_status,
                deadline=task.ends_on,
                done_on=lead_done,
                today=today,
                calendar=calendar,
            ),
        )
        standings.append(standing)
        by_section.setdefault(section_of[task.pk], []).append(percent)
    return {
        "tasks": standings,
        "sections": {pk: mean(values) for pk, values in by_section.items()},
        "plan": mean([s.percent for s in standings]),
    }


def progress_of(assignment: TaskAssignment) -> Progress | None:
    try:
        return assignment.progress
    except Progress.DoesNotExist:
        return None


def reportable_assignments(user: permissions.AnyUser) -> AssignmentQuerySet:
    """The parts of tasks this user reports (their units', and their units' predecessors');
    parts an amended plan archived are left out."""
    mine = permissions.unit_ids_of(user, Role.FOCAL_OFFICER, Role.UNIT_LEADER)
    units = mine | predecessor_ids(mine)
    return (
        TaskAssignment.objects.active()
        .filter(unit_id__in=units)
        .select_related("unit", "task", "task__plan", "progress")
        .order_by("task__plan", "task__position", "role")
    )


def assignment_page(assignment: TaskAssignment) -> dict[str, object]:
    """The task with every unit's part, this part's history and evidence. An archived part
    stays readable here; the other parts listed are those the plan now names."""
    parts = list(
        assignment.task.assignments.filter(Q(archived_at__isnull=True) | Q(pk=assignment.pk))
        .select_related("unit", "progress")
        .order_by("role", "pk")
    )
    return {
        "parts": [(part, progress_of(part)) for part in parts],
        "updates": list(assignment.updates.select_related("author")),
        "evidence": list(assignment.evidence.select_related("added_by")),
    }


def submissions_visible_to(user: permissions.AnyUser) -> QuerySet[Submission]:
    """The department sees every unit's report; a unit sees its own."""
    submissions = Submission.objects.select_related("cycle", "cycle__plan", "unit").order_by(
        "-cycle__deadline", "unit__name"
    )
    if permissions.is_department(user):
        return submissions
    return submissions.filter(unit_id__in=permissions.unit_ids_of(user))


@dataclass(frozen=True)
class ReportRow:
    task: Task
    lead: list[str]
    partners: list[str]
    percent: float
    grade: Grade
    results: list[str]


def report_data(plan: Plan, *, today: datetime.date) -> dict[str, Any]:
    """What the provincial report says: every task with its units and standing, the units'
    own reports (their latest sent version), and each indicator summed over the units."""
    standing = plan_standing(plan, today=today)
    by_task = {item.task.pk: item for item in standing["tasks"]}  # type: ignore[attr-defined]
    rows: list[ReportRow] = []
    for task in plan_tasks(plan):
        lead: list[str] = []
        partners: list[str] = []
        results: list[str] = []
        for assignment in task.assignments.all():
            names = lead if assignment.role == AssignmentRole.LEAD else partners
            name = assignment.written_as
            if name not in names:
                names.append(name)
        item = by_task.get(task.pk)
        rows.append(
            ReportRow(
                task=task,
                lead=lead,
                partners=partners,
                percent=item.percent if item else 0.0,
                grade=item.grade if item else Grade(Timeliness.NO_DEADLINE),
                results=results,
            )
        )
    cycle = plan.report_cycles.order_by("-deadline").first()
    units: list[dict[str, Any]] = []
    totals: dict[int, Decimal] = {}
    indicators: list[Any] = []
    if cycle is not None:
        indicators = list(cycle.indicators.all())
        sent = (
            cycle.submissions.filter(
                state__in=[Submission.State.SUBMITTED, Submission.State.APPROVED]
            )
            .select_related("unit")
            .prefetch_related("snapshots")
            .order_by("unit__name")
        )
        for submission in sent:
            snapshots = list(submission.snapshots.all())
            latest = snapshots[-1].data if snapshots else {}
            units.append(
                {
                    "unit": submission.unit.name,
                    "state": submission.get_state_display(),
                    "narrative": latest.get("narrative", ""),
                }
            )
            for key, value in latest.get("values", {}).items():
                totals[int(key)] = totals.get(int(key), Decimal(0)) + Decimal(value)
    counts: dict[str, int] = {}
    for item in standing["tasks"]:  # type: ignore[attr-defined]
        counts[item.grade.timeliness] = counts.get(item.grade.timeliness, 0) + 1
    return {
        "plan": plan,
        "cycle": cycle,
        "rows": rows,
        "units": units,
        "indicators": [(i, totals.get(i.pk, Decimal(0))) for i in indicators],
        "timeliness": counts,
        "plan_percent": standing["plan"],
        "submitted": len(units),
        "required": cycle.submissions.count() if cycle is not None else 0,
    }


def dashboard(plan: Plan, *, today: datetime.date) -> dict[str, Any]:
    """The department's view of a plan, in a constant number of queries whatever its size."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    calendar = work_calendar()
    standing = plan_standing(plan, today=today)
    tasks = [item.task for item in standing["tasks"]]  # type: ignore[attr-defined]
    parts = (
        TaskAssignment.objects.active()
        .filter(task__plan=plan, unit__isnull=False)
        .select_related("unit", "progress", "task")
        .order_by("unit__name")
    )
    matrix: dict[int, dict[str, Any]] = {}
    for part in parts:
        row = matrix.setdefault(part.unit_id, {"unit": part.unit, "cells": {}, "percents": []})  # type: ignore[arg-type]
        progress = progress_of(part)
        row["percents"].append(progress.percent if progress else 0)
        row["cells"][part.task_id] = grade(
            status=Status(progress.status) if progress else Status.NOT_STARTED,
            deadline=part.task.ends_on,
            done_on=progress.done_on if progress else None,
            today=today,
            calendar=calendar,
        ).timeliness
    cycle = plan.report_cycles.order_by("-deadline").first()
    submissions = (
        list(cycle.submissions.select_related("unit").order_by("unit__name")) if cycle else []
    )
    sent = [s for s in submissions if s.submitted_at is not None]
    on_time = [
        s
        for s in sent
        if cycle is not None and timezone.localtime(s.submitted_at).date() <= cycle.deadline
    ]
    monthly = (
        ProgressUpdate.objects.filter(
            assignment__task__plan=plan,
            assignment__archived_at__isnull=True,
            assignment__task__archived_at__isnull=True,
            status=Status.DONE,
        )
        .annotate(month=TruncMonth("reported_on"))
        .values("month")
        .annotate(done=Count("pk"))
        .order_by("month")
    )
    sections = [
        (task, standing["sections"].get(task.pk, 0.0))  # type: ignore[attr-defined]
        for task in plan.tasks.active().filter(parent__isnull=True).order_by("position")
    ]
    return {
        "tasks": tasks,
        "matrix": sorted(matrix.values(), key=lambda row: row["unit"].name),
        "cycle": cycle,
        "submissions": submissions,
        "sent": len(sent),
        "on_time": len(on_time),
        "sections": sections,
        "monthly": [(row["month"], row["done"]) for row in monthly],
        "plan_percent": standing["plan"],
        "by_unit": sorted(
            ((row["unit"], mean(row["percents"])) for row in matrix.values()),
            key=lambda pair: (-pair[1], pair[0].name),
        ),
    }
