"""Report cycles and units' submissions: draft → (leader) → submitted → returned | approved.

Every transition is one service, with its permission check and audit entry in one transaction.
What a unit sends is frozen in a SubmissionSnapshot that nothing changes afterwards.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.actor import Actor
from ttdn.core.audit import audit, define_action
from ttdn.core.classification import refuse_classified
from ttdn.core.dates import format_vn_date
from ttdn.orgs import permissions
from ttdn.orgs.models import Role, Unit
from ttdn.orgs.selectors import current_units
from ttdn.plans.models import Plan, TaskAssignment
from ttdn.reporting.models import (
    Indicator,
    Progress,
    ReportCycle,
    Submission,
    SubmissionSnapshot,
)

CYCLE_CREATED = define_action("reporting.cycle.created", gettext_lazy("Report cycle opened"))
DRAFT_SAVED = define_action("reporting.submission.saved", gettext_lazy("Report draft saved"))
SUBMITTED = define_action("reporting.submission.submitted", gettext_lazy("Report submitted"))
LEADER_PENDING = define_action(
    "reporting.submission.to_leader", gettext_lazy("Report sent to the unit leader")
)
RETURNED = define_action("reporting.submission.returned", gettext_lazy("Report returned"))
APPROVED = define_action("reporting.submission.approved", gettext_lazy("Report approved"))

# The indicators a TTĐN report counts (configurable per cycle).
DEFAULT_INDICATORS = [
    (gettext_lazy("News items and articles published"), gettext_lazy("items")),
    (gettext_lazy("Press conferences held"), gettext_lazy("conferences")),
    (gettext_lazy("Training courses"), gettext_lazy("courses")),
    (gettext_lazy("Trainees"), gettext_lazy("people")),
    (gettext_lazy("Outgoing delegations"), gettext_lazy("delegations")),
    (gettext_lazy("Incoming delegations"), gettext_lazy("delegations")),
    (gettext_lazy("Publications issued"), gettext_lazy("titles")),
    (gettext_lazy("Portal visits"), gettext_lazy("visits")),
]
EDITABLE = (Submission.State.DRAFT, Submission.State.RETURNED)


class CycleExistsError(ValidationError):
    """The plan already has its periodic cycle for this period (the view answers 409)."""


def _periodic_cycle(
    plan: Plan, period_start: datetime.date, period_end: datetime.date
) -> ReportCycle | None:
    return ReportCycle.objects.filter(
        plan=plan,
        kind=ReportCycle.Kind.PERIODIC,
        period_start=period_start,
        period_end=period_end,
    ).first()


def _periodic_cycle_other_than(cycle: ReportCycle) -> ReportCycle | None:
    if cycle.kind != ReportCycle.Kind.PERIODIC:
        return None
    other = _periodic_cycle(cycle.plan, cycle.period_start, cycle.period_end)
    return other if other is not None and other.pk != cycle.pk else None


def _cycle_exists(cycle: ReportCycle) -> CycleExistsError:
    return CycleExistsError(
        _("The plan %(plan)s already has the report cycle “%(cycle)s” for %(start)s–%(end)s.")
        % {
            "plan": cycle.plan.number,
            "cycle": cycle.name,
            "start": format_vn_date(cycle.period_start),
            "end": format_vn_date(cycle.period_end),
        },
        code="cycle_exists",
    )


def _require_coordinator(actor: Actor) -> None:
    permissions.require(
        permissions.has_role(actor, Role.COORDINATOR),
        _("Only administrators and coordinators run report cycles."),
    )


def _require_unit(actor: Actor, submission: Submission, *roles: str) -> None:
    if not permissions.is_admin(actor):
        permissions.require(
            submission.unit_id in permissions.unit_ids_of(actor, *roles),
            _("Only the unit “%(unit)s” works on its report.") % {"unit": submission.unit.name},
        )


@transaction.atomic
def cycle_create(
    *,
    actor: Actor,
    plan: Plan,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    data_cutoff: datetime.date,
    deadline: datetime.date,
    units: list[Unit],
    kind: str = ReportCycle.Kind.PERIODIC,
    outline: str = "",
    leader_approval: bool = False,
    indicators: list[tuple[str, str]] | None = None,
) -> ReportCycle:
    _require_coordinator(actor)
    errors: dict[str, str] = {}
    if period_end < period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if deadline < data_cutoff:
        errors["deadline"] = _("The deadline comes before the data cut-off.")
    if not units:
        errors["units"] = _("Choose the units that report.")
    if errors:
        raise ValidationError(errors)
    periodic = kind == ReportCycle.Kind.PERIODIC
    existing = _periodic_cycle(plan, period_start, period_end) if periodic else None
    if existing is not None:
        raise _cycle_exists(existing)
    try:
        with transaction.atomic():
            cycle = ReportCycle.objects.create(
                plan=plan,
                name=name,
                kind=kind,
                period_start=period_start,
                period_end=period_end,
                data_cutoff=data_cutoff,
                deadline=deadline,
                outline=outline,
                leader_approval=leader_approval,
            )
    except IntegrityError:
        # A concurrent request opened it between the check and the insert.
        existing = _periodic_cycle(plan, period_start, period_end) if periodic else None
        if existing is None:
            raise
        raise _cycle_exists(existing) from None
    rows = (
        indicators if indicators is not None else [(str(n), str(m)) for n, m in DEFAULT_INDICATORS]
    )
    Indicator.objects.bulk_create(
        Indicator(cycle=cycle, name=n, measure=m, position=i) for i, (n, m) in enumerate(rows)
    )
    Submission.objects.bulk_create(Submission(cycle=cycle, unit=unit) for unit in units)
    audit(
        actor=actor,
        action=CYCLE_CREATED,
        target=cycle,
        data={
            "plan": plan.number,
            "deadline": format_vn_date(deadline),
            "units": sorted(unit.code for unit in units),
        },
    )
    return cycle


def plan_reporting_units(plan: Plan, on: datetime.date) -> list[Unit]:
    """The units that report on ``plan`` today: those assigned, or who now do their work."""
    units: dict[int, Unit] = {}
    assigned = Unit.objects.filter(
        assignments__task__plan=plan,
        assignments__archived_at__isnull=True,
        assignments__task__archived_at__isnull=True,
    ).distinct()
    for unit in assigned:
        for current in current_units(unit, on):
            units[current.pk] = current
    return sorted(units.values(), key=lambda unit: unit.name)


def cycle_from_plan(*, actor: Actor, plan: Plan) -> ReportCycle:
    """The yearly cycle the plan orders ("báo cáo trước ngày 15/11")."""
    if plan.report_deadline is None:
        raise ValidationError(_("The plan sets no report deadline."))
    year = plan.year
    return cycle_create(
        actor=actor,
        plan=plan,
        name=_("TTĐN report %(year)s (%(plan)s)") % {"year": year, "plan": plan.number},
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        data_cutoff=plan.report_deadline - datetime.timedelta(days=1),
        deadline=plan.report_deadline,
        units=plan_reporting_units(plan, timezone.localdate()),
    )


def _clean_values(submission: Submission, values: dict[Any, Any]) -> dict[str, str]:
    known = {str(pk): name for pk, name in submission.cycle.indicators.values_list("pk", "name")}
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key, raw in values.items():
        key = str(key)
        if key not in known:
            continue
        if raw in (None, ""):
            continue
        try:
            number = Decimal(str(raw).replace(",", "."))
            # "NaN", "Infinity" and "1e999999" parse, but are no indicator's result.
            if not number.is_finite() or number.adjusted() > 15:
                raise InvalidOperation
        except InvalidOperation:
            errors[f"indicator_{key}"] = _("“%(value)s” is not a number (%(name)s).") % {
                "value": raw,
                "name": known[key],
            }
            continue
        if number < 0:
            errors[f"indicator_{key}"] = _("%(name)s cannot be negative.") % {"name": known[key]}
            continue
        cleaned[key] = str(number)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def submission_save_draft(
    *, actor: Actor, submission: Submission, narrative: str, values: dict[Any, Any]
) -> Submission:
    """Autosave of the unit's report while it is a draft (or returned to it)."""
    _require_unit(actor, submission, Role.FOCAL_OFFICER, Role.UNIT_LEADER)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.state not in EDITABLE:
        raise ValidationError(
            _("This report is %(state)s: it can no longer be changed.")
            % {"state": locked.get_state_display().lower()}
        )
    refuse_classified(
        {"narrative": narrative, **{f"indicator_{key}": str(raw) for key, raw in values.items()}}
    )
    locked.narrative = narrative
    locked.values = _clean_values(locked, values)
    locked.save(update_fields=["narrative", "values", "updated_at"])
    audit(actor=actor, action=DRAFT_SAVED, target=locked, data={"values": locked.values})
    return locked


def _freeze(submission: Submission, actor: Actor) -> SubmissionSnapshot:
    tasks = []
    parts = (
        TaskAssignment.objects.active()
        .filter(
            task__plan=submission.cycle.plan, unit_id__in=_unit_and_predecessors(submission.unit)
        )
        .select_related("task")
    )
    for part in parts.order_by("task__position"):
        progress = Progress.objects.filter(assignment=part).first()
        tasks.append(
            {
                "task": part.task.code,
                "title": part.task.title,
                "role": part.role,
                "status": progress.status if progress else "not_started",
                "percent": progress.percent if progress else 0,
            }
        )
    version = submission.snapshots.count() + 1
    return SubmissionSnapshot.objects.create(
        submission=submission,
        version=version,
        data={
            "unit": submission.unit.name,
            "narrative": submission.narrative,
            "values": submission.values,
            "tasks": tasks,
        },
        sent_by_id=actor.pk,
    )


def _unit_and_predecessors(unit: Unit) -> set[int]:
    from ttdn.orgs.selectors import predecessor_ids

    return {unit.pk} | predecessor_ids({unit.pk})


@transaction.atomic
def submission_submit(*, actor: Actor, submission: Submission) -> Submission:
    _require_unit(actor, submission, Role.FOCAL_OFFICER, Role.UNIT_LEADER)
    locked = (
        Submission.objects.select_for_update().select_related("cycle", "unit").get(pk=submission.pk)
    )
    if locked.state not in EDITABLE:
        raise ValidationError(
            _("This report is %(state)s: it cannot be submitted again.")
            % {"state": locked.get_state_display().lower()}
        )
    is_leader = permissions.is_admin(actor) or locked.unit_id in (
        permissions.unit_ids_of(actor, Role.UNIT_LEADER)
    )
    if locked.cycle.leader_approval and not is_leader:
        locked.state = Submission.State.AWAITING_LEADER
        locked.save(update_fields=["state", "updated_at"])
        audit(actor=actor, action=LEADER_PENDING, target=locked, data={})
        return locked
    return _send(locked, actor)


def _send(submission: Submission, actor: Actor) -> Submission:
    snapshot = _freeze(submission, actor)
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.return_reason = ""
    submission.save(update_fields=["state", "submitted_at", "return_reason", "updated_at"])
    late = timezone.localdate() > submission.cycle.deadline
    audit(
        actor=actor,
        action=SUBMITTED,
        target=submission,
        data={"version": snapshot.version, "late": late},
    )
    return submission


@transaction.atomic
def submission_leader_approve(*, actor: Actor, submission: Submission) -> Submission:
    """The unit leader lets the report leave the unit."""
    _require_unit(actor, submission, Role.UNIT_LEADER)
    locked = (
        Submission.objects.select_for_update().select_related("cycle", "unit").get(pk=submission.pk)
    )
    if locked.state != Submission.State.AWAITING_LEADER:
        raise ValidationError(_("This report is not waiting for the unit leader."))
    return _send(locked, actor)


@transaction.atomic
def submission_return(*, actor: Actor, submission: Submission, reason: str) -> Submission:
    _require_coordinator(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the report is returned.")})
    refuse_classified({"reason": reason})
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.state != Submission.State.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    locked.state = Submission.State.RETURNED
    locked.return_reason = reason.strip()
    locked.save(update_fields=["state", "return_reason", "updated_at"])
    audit(actor=actor, action=RETURNED, target=locked, data={"reason": locked.return_reason})
    return locked


@transaction.atomic
def submission_approve(*, actor: Actor, submission: Submission) -> Submission:
    _require_coordinator(actor)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.state != Submission.State.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be approved."))
    locked.state = Submission.State.APPROVED
    locked.approved_at = timezone.now()
    locked.save(update_fields=["state", "approved_at", "updated_at"])
    audit(actor=actor, action=APPROVED, target=locked, data={})
    return locked


CYCLE_UPDATED = define_action("reporting.cycle.updated", gettext_lazy("Report cycle changed"))


@transaction.atomic
def cycle_update(*, actor: Actor, cycle: ReportCycle) -> ReportCycle:
    """Save the cycle's dates, outline and indicators as edited (the admin form's instance)."""
    _require_coordinator(actor)
    errors: dict[str, str] = {}
    if cycle.period_end < cycle.period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if cycle.deadline < cycle.data_cutoff:
        errors["deadline"] = _("The deadline comes before the data cut-off.")
    # Kept ones in their order, new ones after them.
    indicators = sorted(cycle.indicators.all(), key=lambda i: (i.pk is None, i.position))
    if any(not indicator.name.strip() or not indicator.measure.strip() for indicator in indicators):
        errors["indicators"] = _("Every indicator needs a name and a unit of measure.")
    if errors:
        raise ValidationError(errors)
    for position, indicator in enumerate(indicators):
        indicator.position = position
    other = _periodic_cycle_other_than(cycle)
    if other is not None:
        raise _cycle_exists(other)
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError:
        other = _periodic_cycle_other_than(cycle)
        if other is None:
            raise
        raise _cycle_exists(other) from None
    audit(
        actor=actor,
        action=CYCLE_UPDATED,
        target=cycle,
        data={
            "deadline": format_vn_date(cycle.deadline),
            "indicators": [f"{i.name} ({i.measure})" for i in indicators],
        },
    )
    return cycle
