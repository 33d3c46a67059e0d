"""Comparing a parsed plan with the stored one: what an import would add, change, remove,
archive or restore, and what happens to the work units recorded on it.

The import (``plans.services.plan_import``) carries out exactly the comparison made here, so
the preview says what the import will do. Work is whatever another app records against a
unit's part of a task (progress, its dated updates, evidence): it is found through the rows
that point at ``TaskAssignment``, so ``plans`` does not import the apps that record it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Count
from django.utils.translation import gettext as _

from ttdn.orgs.models import Unit, UnitGroup
from ttdn.plans.importers.shape import ParsedPlan
from ttdn.plans.importers.shape import Task as ParsedTask
from ttdn.plans.models import AssignmentRole, Plan, Task, TaskAssignment

Work = dict[str, int]  # model label ("reporting.evidence") → rows recorded on a part


@dataclass(frozen=True)
class Wanted:
    """A unit's part in a task as the document names it, resolved through the registry."""

    role: str
    unit: Unit | None
    via_group: UnitGroup | None
    written_as: str


@dataclass
class PartChange:
    """A unit's part whose recorded work is archived (or brought back) by the import."""

    code: str
    unit: str  # the unit's name, or the name as written when the registry does not know it
    unit_code: str
    role: str
    work: Work

    def describe_archived(self) -> str:
        return _("%(work)s of %(unit)s (task %(code)s) will be archived, not deleted.") % {
            "work": work_text(self.work),
            "unit": self.unit,
            "code": self.code,
        }

    def describe_restored(self) -> str:
        return _("%(work)s of %(unit)s (task %(code)s) will be restored.") % {
            "work": work_text(self.work),
            "unit": self.unit,
            "code": self.code,
        }

    def to_json(self) -> dict[str, Any]:
        return {"task": self.code, "unit": self.unit_code, "role": self.role, "work": self.work}


@dataclass
class TaskChange:
    """What the import does to one task and to its units' parts."""

    code: str
    kind: str  # added | changed | unchanged | resolved | restored | removed
    item: ParsedTask | None
    task: Task | None
    keep: list[tuple[TaskAssignment, Wanted]] = field(default_factory=list)
    create: list[Wanted] = field(default_factory=list)
    drop: list[TaskAssignment] = field(default_factory=list)
    archive_task: bool = False  # a removed task kept (archived) for the work recorded on it


@dataclass
class PlanDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # no longer in the plan (archived or deleted)
    changed: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)  # names the registry now knows
    restored: list[str] = field(default_factory=list)  # archived tasks this version names again
    archived: list[str] = field(default_factory=list)  # removed tasks kept for their work
    archived_parts: list[PartChange] = field(default_factory=list)
    restored_parts: list[PartChange] = field(default_factory=list)
    kept: Work = field(default_factory=dict)  # work on changed tasks, which stays where it is
    tasks: list[TaskChange] = field(default_factory=list, repr=False)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.resolved
            or self.restored
            or self.archived_parts
            or self.restored_parts
        )

    @property
    def deleted(self) -> list[str]:
        """Removed tasks on which nothing was recorded: these rows are deleted."""
        return [code for code in self.removed if code not in self.archived]

    def kept_text(self) -> str:
        return work_text(self.kept)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "resolved": self.resolved,
            "restored": self.restored,
            "archived": self.archived,
            "deleted": self.deleted,
            "archived_parts": [part.to_json() for part in self.archived_parts],
            "restored_parts": [part.to_json() for part in self.restored_parts],
            "kept_on_changed_tasks": self.kept,
        }


def parsed_signature(task: ParsedTask) -> dict[str, Any]:
    return {
        "label": task.label,
        "parent": task.parent,
        "title": task.title,
        "details": "\n".join(task.details),
        "heading": task.is_heading,
        "lead": task.lead,
        "partners": task.partners,
        "timeframe": task.timeframe.raw,
    }


def stored_signature(task: Task) -> dict[str, Any]:
    """Needs ``parent`` selected and ``assignments`` prefetched. Archived parts do not count:
    a version that names their unit again restores them."""
    names: dict[str, list[str]] = {AssignmentRole.LEAD: [], AssignmentRole.PARTNER: []}
    for assignment in sorted(task.assignments.all(), key=lambda a: a.pk):
        if assignment.archived_at is not None:
            continue
        written = names[assignment.role]
        if not written or written[-1] != assignment.written_as:
            written.append(assignment.written_as)
    return {
        "label": task.label,
        "parent": task.parent.code if task.parent else None,
        "title": task.title,
        "details": task.details,
        "heading": task.is_heading,
        "lead": names[AssignmentRole.LEAD],
        "partners": names[AssignmentRole.PARTNER],
        "timeframe": task.timeframe,
    }


def stored_tasks(plan: Plan) -> dict[str, Task]:
    """Every task of the plan, archived ones included, in document order."""
    return {
        task.code: task
        for task in plan.tasks.select_related("parent")
        .prefetch_related("assignments__unit")
        .order_by("position", "pk")
    }


def recorded_work(assignments: Iterable[int]) -> dict[int, Work]:
    """For each part, the rows other apps recorded on it (one query per kind of record)."""
    ids = list(assignments)
    work: dict[int, Work] = {}
    if not ids:
        return work
    for relation in TaskAssignment._meta.related_objects:
        model = relation.related_model
        if isinstance(model, str):  # only a relation of a model to itself is named so
            continue
        name = relation.field.name
        rows = (
            model._default_manager.filter(**{f"{name}__in": ids})
            .order_by()
            .values(name)
            .annotate(rows=Count("pk"))
            .values_list(name, "rows")
        )
        for pk, count in rows:
            work.setdefault(pk, {})[model._meta.label_lower] = count
    return work


def work_text(work: Work) -> str:
    """“1 progress, 3 progress updates and 2 evidence”, in the user's language."""
    items = [
        f"{count} {apps.get_model(label)._meta.verbose_name_plural}"
        for label, count in work.items()
        if count
    ]
    if not items:
        return _("nothing recorded")
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def add_work(total: Work, more: Work) -> None:
    for label, count in more.items():
        total[label] = total.get(label, 0) + count


def wanted_parts(item: ParsedTask, on: datetime.date) -> list[Wanted]:
    """The parts the document names for ``item``: a group phrase gives one per member unit."""
    from ttdn.orgs.selectors import Outcome, unit_resolve

    rows: list[Wanted] = []
    for role, names in ((AssignmentRole.LEAD, item.lead), (AssignmentRole.PARTNER, item.partners)):
        for name in names:
            resolution = unit_resolve(name, on=on)
            if (
                resolution.outcome in (Outcome.UNIT, Outcome.GROUP, Outcome.SEVERAL)
                and resolution.units
            ):
                rows.extend(Wanted(role, unit, resolution.group, name) for unit in resolution.units)
            else:
                rows.append(Wanted(role, None, None, name))
    return rows


# Stored parts are matched with the document's, in turn: by unit and role; by unit alone (the
# unit's role changed); a name stored unresolved by the name as written (the registry knows it
# now). A part matched is updated in place, so whatever was recorded on it stays on it.
_Key = Callable[[Any], Hashable | None]
_PASSES: tuple[tuple[_Key, _Key], ...] = (
    (
        lambda a: (a.role, a.unit_id, "" if a.unit_id else a.written_as),
        lambda w: (w.role, w.unit.pk if w.unit else None, "" if w.unit else w.written_as),
    ),
    (
        lambda a: a.unit_id,
        lambda w: w.unit.pk if w.unit else None,
    ),
    (
        lambda a: (a.role, a.written_as) if a.unit_id is None else None,
        lambda w: (w.role, w.written_as),
    ),
)


def match_parts(
    stored: Iterable[TaskAssignment], wanted: Iterable[Wanted]
) -> tuple[list[tuple[TaskAssignment, Wanted]], list[Wanted], list[TaskAssignment]]:
    """Pair stored parts with wanted ones: (kept and updated, to create, no longer named)."""
    # Active parts first, so that a duplicate name keeps the part people work on.
    pool = sorted(stored, key=lambda a: (a.archived_at is not None, a.pk))
    todo = list(wanted)
    keep: list[tuple[TaskAssignment, Wanted]] = []
    for stored_key, wanted_key in _PASSES:
        index: dict[Hashable, list[TaskAssignment]] = {}
        for assignment in pool:
            key = stored_key(assignment)
            if key is not None:
                index.setdefault(key, []).append(assignment)
        rest: list[Wanted] = []
        for row in todo:
            key = wanted_key(row)
            candidates = index.get(key) if key is not None else None
            if candidates:
                assignment = candidates.pop(0)
                keep.append((assignment, row))
                pool.remove(assignment)
            else:
                rest.append(row)
        todo = rest
    return keep, todo, pool


def _newly_resolvable(task: Task, on: datetime.date) -> bool:
    """A name stored unresolved that the registry now knows (a unit or alias added since)."""
    from ttdn.orgs.selectors import unit_resolve

    return any(
        assignment.unit_id is None
        and assignment.archived_at is None
        and unit_resolve(assignment.written_as, on=on).units
        for assignment in task.assignments.all()
    )


def _part(task: Task, assignment: TaskAssignment, work: Work) -> PartChange:
    return PartChange(
        code=task.code,
        unit=assignment.unit.name if assignment.unit else assignment.written_as,
        unit_code=assignment.unit.code if assignment.unit else assignment.written_as,
        role=assignment.role,
        work=work,
    )


def plan_diff(
    plan: Plan | None, parsed: ParsedPlan, *, on: datetime.date | None = None
) -> PlanDiff:
    """What importing ``parsed`` over ``plan`` does, task by task and part by part.

    Names are resolved on ``on`` (the plan's date). Only the parts of tasks that change are
    compared, so an unchanged task is never touched.
    """
    diff = PlanDiff()
    stored = stored_tasks(plan) if plan is not None else {}
    day = on or (plan.issued_on if plan is not None else parsed.metadata.date)
    if day is None:
        day = datetime.date.today()  # noqa: DTZ011 (a calendar day)
    work = recorded_work(a.pk for task in stored.values() for a in task.assignments.all())
    wanted_codes = {item.code for item in parsed.tasks}
    for item in parsed.tasks:
        task = stored.get(item.code)
        if task is None:
            diff.added.append(item.code)
            diff.tasks.append(TaskChange(code=item.code, kind="added", item=item, task=None))
            continue
        if task.archived_at is not None:
            kind = "restored"
            diff.restored.append(item.code)
        elif stored_signature(task) != parsed_signature(item):
            kind = "changed"
            diff.changed.append(item.code)
        elif _newly_resolvable(task, day):
            kind = "resolved"
            diff.resolved.append(item.code)
        else:
            diff.tasks.append(TaskChange(code=item.code, kind="unchanged", item=item, task=task))
            continue
        keep, create, drop = match_parts(task.assignments.all(), wanted_parts(item, day))
        change = TaskChange(
            code=item.code, kind=kind, item=item, task=task, keep=keep, create=create, drop=drop
        )
        diff.tasks.append(change)
        for assignment, _row in keep:
            done = work.get(assignment.pk, {})
            if assignment.archived_at is not None or task.archived_at is not None:
                if done:
                    diff.restored_parts.append(_part(task, assignment, done))
            elif kind == "changed":
                add_work(diff.kept, done)
        for assignment in drop:
            if assignment.archived_at is None and work.get(assignment.pk):
                diff.archived_parts.append(_part(task, assignment, work[assignment.pk]))
    # Tasks the version no longer names, deepest first: a parent is deleted only once none of
    # its children is left.
    gone = [
        task
        for code, task in stored.items()
        if code not in wanted_codes and task.archived_at is None
    ]
    deleted: set[int] = set()
    children: dict[int, list[Task]] = {}
    for task in stored.values():
        if task.parent_id is not None:
            children.setdefault(task.parent_id, []).append(task)
    removals: list[TaskChange] = []
    for task in sorted(gone, key=lambda t: -t.code.count(".")):
        drop = list(task.assignments.all())
        worked = [a for a in drop if work.get(a.pk)]
        left = [
            child
            for child in children.get(task.pk, [])
            if child.code not in wanted_codes and child.pk not in deleted
        ]
        change = TaskChange(
            code=task.code,
            kind="removed",
            item=None,
            task=task,
            drop=drop,
            archive_task=bool(worked or left),
        )
        if change.archive_task:
            diff.archived.append(task.code)
        else:
            deleted.add(task.pk)
        for assignment in worked:
            if assignment.archived_at is None:
                diff.archived_parts.append(_part(task, assignment, work[assignment.pk]))
        removals.append(change)
    diff.tasks.extend(removals)
    order = list(stored)
    diff.removed = sorted((task.code for task in gone), key=order.index)
    diff.archived.sort(key=order.index)
    return diff
