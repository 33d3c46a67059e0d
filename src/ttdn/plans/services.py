"""Storing a parsed plan: idempotent, with a diff against the plan already stored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.audit import audit, define_action
from ttdn.orgs import permissions
from ttdn.orgs.models import Role
from ttdn.orgs.selectors import Outcome, unit_resolve
from ttdn.orgs.services import Actor
from ttdn.plans.diff import parsed_signature, stored_signature, stored_tasks
from ttdn.plans.importers.shape import ParsedPlan
from ttdn.plans.importers.shape import Task as ParsedTask
from ttdn.plans.models import (
    AssignmentRole,
    Citation,
    Commemoration,
    LegalDocument,
    Plan,
    PlanUpload,
    Responsibility,
    Task,
    TaskAssignment,
)

PLAN_IMPORTED = define_action("plans.plan.imported", gettext_lazy("Plan imported"))
PLAN_UPDATED = define_action("plans.plan.updated", gettext_lazy("Plan updated from a new version"))


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    unchanged: bool
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)  # tasks whose names the registry now knows


@transaction.atomic
def plan_import(
    *, actor: Actor, parsed: ParsedPlan, source: bytes, source_name: str = ""
) -> ImportResult:
    """Store ``parsed``; importing the same plan again changes nothing.

    An amended version of a stored plan (same number, date and issuer) updates it in place:
    tasks are matched by code, so unchanged tasks (and everything recorded on them) stay
    untouched. Names left unresolved by an earlier import are resolved again, so a unit or
    alias added since takes effect.
    """
    _require_importer(actor)
    meta = parsed.metadata
    if not meta.number or meta.date is None:
        raise ValidationError(
            _("The document's number and date were not found (“Kế hoạch số …/KH-… ngày …”).")
        )
    codes = [task.code for task in parsed.tasks]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ValidationError(
            _("Rows share the number %(codes)s: correct the document and import again.")
            % {"codes": ", ".join(duplicates)}
        )
    digest = hashlib.sha256(source).hexdigest()
    plan = Plan.objects.filter(
        number=meta.number, issued_on=meta.date, issuer=meta.issuer or ""
    ).first()
    unresolved = (
        plan is not None
        and TaskAssignment.objects.filter(task__plan=plan, unit__isnull=True).exists()
    )
    if plan is not None and plan.source_sha256 == digest and not unresolved:
        return ImportResult(plan=plan, created=False, unchanged=True)
    created = plan is None
    same_file = plan is not None and plan.source_sha256 == digest
    plan = plan or Plan(number=meta.number, issued_on=meta.date)
    plan.issuer = meta.issuer or ""
    plan.title = meta.title or meta.number
    plan.year = meta.year or meta.date.year
    plan.province = meta.province or ""
    plan.report_deadline = parsed.report_deadline
    plan.sections = parsed.sections
    plan.budget = parsed.budget
    plan.source_name = source_name
    plan.source_sha256 = digest
    plan.save()

    result = ImportResult(plan=plan, created=created, unchanged=False)
    _store_tasks(plan, parsed, result)
    if same_file and not (result.added or result.removed or result.changed or result.resolved):
        # The same file again, and no unresolved name is known yet: nothing to record.
        result.unchanged = True
        return result
    _store_references(plan, parsed)
    audit(
        actor=actor,
        action=PLAN_IMPORTED if created else PLAN_UPDATED,
        target=plan,
        data={
            "source": source_name,
            "sha256": digest,
            "tasks": len(parsed.tasks),
            "added": result.added,
            "removed": result.removed,
            "changed": result.changed,
            "unresolved": result.unresolved,
            "resolved": result.resolved,
        },
    )
    return result


def _store_tasks(plan: Plan, parsed: ParsedPlan, result: ImportResult) -> None:
    stored = stored_tasks(plan)
    wanted = {task.code for task in parsed.tasks}
    by_code: dict[str, Task] = {}
    for position, item in enumerate(parsed.tasks):
        task = stored.get(item.code)
        if task is not None and stored_signature(task) == parsed_signature(item):
            if task.position != position:
                task.position = position
                task.save(update_fields=["position"])
            if _newly_resolvable(task, plan):
                task.assignments.all().delete()
                _assign(task, item, plan, result)
                result.resolved.append(item.code)
            by_code[item.code] = task
            continue
        if task is None:
            task = Task(plan=plan, code=item.code)
            result.added.append(item.code)
        else:
            result.changed.append(item.code)
        task.label = item.label
        task.parent = by_code.get(item.parent) if item.parent else None
        task.position = position
        task.title = item.title
        task.is_heading = item.is_heading
        task.timeframe = item.timeframe.raw
        task.starts_on = item.timeframe.start
        task.ends_on = item.timeframe.end
        task.recurring = item.timeframe.recurring
        task.line = item.line
        task.save()
        task.assignments.all().delete()
        _assign(task, item, plan, result)
        by_code[item.code] = task
    # Deepest first: a task row is protected while it still has children.
    for code in sorted(set(stored) - wanted, key=lambda code: -code.count(".")):
        result.removed.append(code)
        stored[code].delete()
    result.removed.sort(key=list(stored).index)


def _newly_resolvable(task: Task, plan: Plan) -> bool:
    """A name stored unresolved that the registry now knows (a unit or alias added since)."""
    return any(
        assignment.unit_id is None and unit_resolve(assignment.written_as, on=plan.issued_on).units
        for assignment in task.assignments.all()
    )


def _assign(task: Task, item: ParsedTask, plan: Plan, result: ImportResult) -> None:
    rows: list[TaskAssignment] = []
    for role, names in ((AssignmentRole.LEAD, item.lead), (AssignmentRole.PARTNER, item.partners)):
        for name in names:
            resolution = unit_resolve(name, on=plan.issued_on)
            if resolution.outcome in (Outcome.UNIT, Outcome.GROUP, Outcome.SEVERAL):
                rows.extend(
                    TaskAssignment(
                        task=task, role=role, unit=unit, via_group=resolution.group, written_as=name
                    )
                    for unit in resolution.units
                )
                if resolution.units:
                    continue
            rows.append(TaskAssignment(task=task, role=role, unit=None, written_as=name))
            if name not in result.unresolved:
                result.unresolved.append(name)
    TaskAssignment.objects.bulk_create(rows)


def _store_references(plan: Plan, parsed: ParsedPlan) -> None:
    """Citations, commemorations and responsibilities are replaced as a whole."""
    plan.citations.all().delete()
    for cited in parsed.citations:
        document, _created = LegalDocument.objects.get_or_create(
            number_symbol=cited.number_symbol,
            defaults={
                "kind": cited.kind,
                "issued_on": cited.date,
                "issuer": cited.issuer or "",
            },
        )
        Citation.objects.create(plan=plan, document=document, text=cited.text, line=cited.line)
    plan.commemorations.all().delete()
    Commemoration.objects.bulk_create(
        Commemoration(plan=plan, title=c.title, years=c.years, first_on=c.start, falls_on=c.date)
        for c in parsed.commemorations
    )
    plan.responsibilities.all().delete()
    for position, item in enumerate(parsed.responsibilities):
        resolution = unit_resolve(item.unit, on=plan.issued_on)
        Responsibility.objects.create(
            plan=plan,
            position=position,
            written_as=item.unit,
            unit=resolution.unit,
            duties=item.duties,
        )


def plan_import_file(*, actor: Actor, data: bytes, filename: str) -> ImportResult:
    """Parse a document with the unit registry's names, then store it (CLI, demo, upload)."""
    from ttdn.orgs.selectors import registry_names
    from ttdn.plans.importers.names import KnownNames
    from ttdn.plans.importers.parse import parse_plan

    parsed = parse_plan(data, filename=filename, known=KnownNames(registry_names()))
    return plan_import(actor=actor, parsed=parsed, source=data, source_name=filename)


UPLOAD_CREATED = define_action("plans.upload.created", gettext_lazy("Plan document uploaded"))
UPLOAD_IMPORTED = define_action("plans.upload.imported", gettext_lazy("Plan upload imported"))
UPLOAD_DISCARDED = define_action("plans.upload.discarded", gettext_lazy("Plan upload discarded"))
ALLOWED_SUFFIXES = (".txt", ".docx")


def _require_importer(actor: Actor) -> None:
    if actor is not None:
        permissions.require(
            permissions.has_role(actor, Role.COORDINATOR),
            _("Only administrators and coordinators may import plans."),
        )


@transaction.atomic
def plan_upload_create(*, actor: Actor, filename: str, data: bytes) -> PlanUpload:
    """Keep an uploaded document for its preview. Refused (nothing kept) if it cannot be read."""
    from ttdn.core.classification import classified_message
    from ttdn.plans.importers.parse import MAX_BYTES, PlanReadError, parse_plan

    _require_importer(actor)
    if not filename.lower().endswith(ALLOWED_SUFFIXES):
        raise ValidationError(
            {"file": _("“%(name)s” is not a .docx or .txt file.") % {"name": filename}}
        )
    if len(data) > MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20}}
        )
    try:
        parse_plan(data, filename=filename)
    except PlanReadError as exc:
        if exc.stamp is not None:
            raise ValidationError({"file": classified_message(exc.stamp, name=filename)}) from None
        raise ValidationError({"file": str(exc)}) from None
    upload = PlanUpload.objects.create(
        uploaded_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
        filename=filename,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    audit(actor=actor, action=UPLOAD_CREATED, target=upload, data={"file": filename})
    return upload


@transaction.atomic
def plan_upload_confirm(*, actor: Actor, upload: PlanUpload) -> ImportResult:
    _require_importer(actor)
    locked = PlanUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.state != PlanUpload.State.PREVIEW:
        raise ValidationError(_("This upload was already imported or discarded."))
    result = plan_import_file(actor=actor, data=bytes(locked.data), filename=locked.filename)
    locked.state = PlanUpload.State.IMPORTED
    locked.plan = result.plan
    locked.save(update_fields=["state", "plan"])
    audit(
        actor=actor,
        action=UPLOAD_IMPORTED,
        target=locked,
        data={"file": locked.filename, "plan": result.plan.number, "unchanged": result.unchanged},
    )
    return result


@transaction.atomic
def plan_upload_discard(*, actor: Actor, upload: PlanUpload) -> None:
    _require_importer(actor)
    updated = PlanUpload.objects.filter(pk=upload.pk, state=PlanUpload.State.PREVIEW).update(
        state=PlanUpload.State.DISCARDED, data=b""
    )
    if updated:
        audit(actor=actor, action=UPLOAD_DISCARDED, target=upload, data={"file": upload.filename})


PLAN_SETTINGS = define_action("plans.plan.settings", gettext_lazy("Plan settings changed"))


@transaction.atomic
def plan_settings_update(*, actor: Actor, plan: Plan, rollup_rule: str) -> Plan:
    """How a task's progress comes from its units (the plan's own text is changed by import)."""
    from ttdn.plans.models import RollupRule

    _require_importer(actor)
    if rollup_rule not in RollupRule.values:
        raise ValidationError({"rollup_rule": _("Unknown rule.")})
    before = Plan.objects.get(pk=plan.pk).rollup_rule
    if before == rollup_rule:
        return plan
    plan.rollup_rule = rollup_rule
    plan.save(update_fields=["rollup_rule", "updated_at"])
    audit(
        actor=actor,
        action=PLAN_SETTINGS,
        target=plan,
        data={"rollup_rule": [before, rollup_rule]},
    )
    return plan
