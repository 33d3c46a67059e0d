"""Reads of plans. Every signed-in member of the staff UI may read plans (they are public acts)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from ttdn.orgs.models import Unit
from ttdn.plans.diff import PlanDiff, plan_diff, recorded_work, work_text
from ttdn.plans.importers.shape import ParsedPlan
from ttdn.plans.importers.shape import Task as ParsedTask
from ttdn.plans.models import (
    AssignmentRole,
    Citation,
    LegalDocument,
    Plan,
    PlanUpload,
    Task,
    TaskAssignment,
)


def plan_tasks(plan: Plan) -> QuerySet[Task]:
    """The plan's tasks as it now stands, in document order with their units (archived tasks
    and parts left out), in a constant number of queries."""
    return (
        plan.tasks.active()
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=TaskAssignment.objects.filter(archived_at__isnull=True).select_related(
                    "unit", "via_group"
                ),
            )
        )
        .order_by("position")
    )


@dataclass(frozen=True)
class ArchivedPart:
    """A unit's part an amendment dropped, kept with the work recorded on it."""

    task: Task
    assignment: TaskAssignment
    work: str  # what was recorded, in words
    task_archived: bool  # the whole task left the plan, not only this unit


def archived_parts(plan: Plan) -> list[ArchivedPart]:
    """What amendments archived, in document order: readable, never counted as current work."""
    parts = list(
        TaskAssignment.objects.archived()
        .filter(task__plan=plan)
        .select_related("task", "unit")
        .order_by("task__position", "role", "pk")
    )
    work = recorded_work(part.pk for part in parts)
    return [
        ArchivedPart(
            task=part.task,
            assignment=part,
            work=work_text(work.get(part.pk, {})),
            task_archived=part.task.archived_at is not None,
        )
        for part in parts
    ]


def plan_overview(plan: Plan) -> dict[str, object]:
    """Everything the plan page shows, in a constant number of queries."""
    tasks = list(plan_tasks(plan))
    depth: dict[int | None, int] = {None: -1}
    rows = []
    for task in tasks:
        depth[task.pk] = depth.get(task.parent_id, -1) + 1
        lead = [a for a in task.assignments.all() if a.role == AssignmentRole.LEAD]
        partners = [a for a in task.assignments.all() if a.role == AssignmentRole.PARTNER]
        rows.append({"task": task, "depth": depth[task.pk], "lead": lead, "partners": partners})
    return {
        "rows": rows,
        "commemorations": list(plan.commemorations.all()),
        "responsibilities": list(plan.responsibilities.select_related("unit")),
        "citations": list(plan.citations.select_related("document").order_by("line")),
        "archived": archived_parts(plan),
    }


def citing_plans(document: LegalDocument) -> QuerySet[Citation]:
    return document.citations.select_related("plan").order_by("-plan__issued_on")


def plans_for_year(year: int) -> QuerySet[Plan]:
    return Plan.objects.filter(year=year).order_by("number")


@dataclass
class NameCheck:
    written: str
    outcome: str  # unit | group | several | ended | not_yet | unknown
    units: list[str]
    suggestions: list[str]
    suggestion_units: list[Unit] = field(default_factory=list)


@dataclass
class PreviewRow:
    task: ParsedTask
    depth: int
    lead: list[NameCheck]
    partners: list[NameCheck]
    change: str  # "added", "changed", "restored" or ""


@dataclass
class UploadPreview:
    upload: PlanUpload
    parsed: ParsedPlan | None
    error: str
    rows: list[PreviewRow] = field(default_factory=list)
    unknown: list[NameCheck] = field(default_factory=list)
    existing: Plan | None = None
    diff: PlanDiff | None = None
    warnings: list[tuple[str, str, list[str]]] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)  # little was found: shown first


def upload_preview(upload: PlanUpload) -> UploadPreview:
    """Parse the upload with the registry and say, for every name, what it resolves to."""
    from ttdn.orgs.selectors import registry_names, unit_resolve, unit_suggestions
    from ttdn.plans.importers.names import KnownNames
    from ttdn.plans.importers.parse import PlanReadError, parse_plan

    try:
        parsed = parse_plan(
            bytes(upload.data), filename=upload.filename, known=KnownNames(registry_names())
        )
    except PlanReadError as exc:
        return UploadPreview(upload=upload, parsed=None, error=str(exc))
    meta = parsed.metadata
    on = meta.date or datetime.date.today()  # noqa: DTZ011 (a calendar day)
    existing = (
        Plan.objects.filter(
            number=meta.number, issued_on=meta.date, issuer=meta.issuer or ""
        ).first()
        if meta.number and meta.date
        else None
    )
    diff = plan_diff(existing, parsed, on=on)
    checks: dict[str, NameCheck] = {}

    def check(name: str) -> NameCheck:
        if name not in checks:
            result = unit_resolve(name, on=on)
            checks[name] = NameCheck(
                written=name,
                outcome=result.outcome.value,
                units=[unit.name for unit in result.units],
                suggestions=list(result.suggestions) or list(unit_suggestions(name)),
            )
        return checks[name]

    depth: dict[str | None, int] = {None: -1}
    rows = []
    for task in parsed.tasks:
        depth[task.code] = depth.get(task.parent, -1) + 1
        change = next(
            (
                kind
                for kind, codes in (
                    ("added", diff.added),
                    ("changed", diff.changed),
                    ("restored", diff.restored),
                )
                if task.code in codes
            ),
            "",
        )
        rows.append(
            PreviewRow(
                task=task,
                depth=depth[task.code],
                lead=[check(name) for name in task.lead],
                partners=[check(name) for name in task.partners],
                change=change if existing else "",
            )
        )
    from ttdn.plans.messages import LITTLE_FOUND, warning_location, warning_text

    warnings = [
        (warning_location(w), warning_text(w), w.suggestions)
        for w in parsed.warnings
        if w.code not in LITTLE_FOUND
    ]
    alerts = [warning_text(w) for w in parsed.warnings if w.code in LITTLE_FOUND]
    unknown = [item for item in checks.values() if item.outcome == "unknown"]
    for item in unknown:
        by_name = {unit.name: unit for unit in Unit.objects.filter(name__in=item.suggestions)}
        item.suggestion_units = [by_name[name] for name in item.suggestions if name in by_name]
    return UploadPreview(
        upload=upload,
        parsed=parsed,
        error="",
        rows=rows,
        unknown=unknown,
        existing=existing,
        diff=diff,
        warnings=warnings,
        alerts=alerts,
    )
