"""Storing a parsed plan: idempotent, with a diff against the plan already stored."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.actor import Actor
from ttdn.core.audit import audit, define_action
from ttdn.orgs import permissions
from ttdn.orgs.models import Role
from ttdn.orgs.selectors import unit_resolve
from ttdn.plans.diff import PlanDiff, TaskChange, plan_diff, recorded_work, wanted_parts
from ttdn.plans.importers.shape import ParsedPlan
from ttdn.plans.models import (
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
    diff: PlanDiff = field(default_factory=PlanDiff)  # archived and restored work among it

    @property
    def archived(self) -> list[str]:
        return self.diff.archived

    @property
    def restored(self) -> list[str]:
        return self.diff.restored


@transaction.atomic
def plan_import(
    *, actor: Actor, parsed: ParsedPlan, source: bytes, source_name: str = ""
) -> ImportResult:
    """Store ``parsed``; importing the same plan again changes nothing.

    An amended version of a stored plan (same number, date and issuer) updates it in place:
    tasks are matched by code and units' parts by unit and role, so the progress, updates and
    evidence recorded on them stay where they are. A task or a unit's part the version no
    longer names is deleted only if nothing was recorded on it; otherwise it is archived with
    its work (and restored, work included, by a later version that names it again). Names left
    unresolved by an earlier import are resolved again, so a unit or alias added since takes
    effect.
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
    # Locked: two imports of the same plan must not both decide what to archive.
    plan = (
        Plan.objects.select_for_update()
        .filter(number=meta.number, issued_on=meta.date, issuer=meta.issuer or "")
        .first()
    )
    unresolved = (
        plan is not None
        and TaskAssignment.objects.filter(
            task__plan=plan, unit__isnull=True, archived_at__isnull=True
        ).exists()
    )
    if plan is not None and plan.source_sha256 == digest and not unresolved:
        return ImportResult(plan=plan, created=False, unchanged=True)
    created = plan is None
    same_file = plan is not None and plan.source_sha256 == digest
    diff = plan_diff(plan, parsed, on=meta.date)
    plan = plan or Plan(number=meta.number, issued_on=meta.date)
    plan.issuer = meta.issuer or ""
    plan.title = meta.title or meta.number
    plan.year = meta.year or meta.date.year
    plan.province = meta.province or ""
    plan.level = meta.level or ""
    plan.kind = meta.kind or ""
    plan.decision_number = (meta.decision.number or "") if meta.decision else ""
    plan.decision_date = meta.decision.date if meta.decision else None
    plan.report_deadline = parsed.report_deadline
    plan.sections = parsed.sections
    plan.budget = parsed.budget
    plan.source_name = source_name
    plan.source_sha256 = digest
    plan.save()

    result = ImportResult(
        plan=plan,
        created=created,
        unchanged=False,
        added=diff.added,
        removed=diff.removed,
        changed=diff.changed,
        resolved=diff.resolved,
        diff=diff,
    )
    _store_tasks(plan, diff, result, on=meta.date)
    if same_file and diff.empty:
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
            **diff.to_json(),
            "unresolved": result.unresolved,
        },
    )
    return result


def _store_tasks(plan: Plan, diff: PlanDiff, result: ImportResult, *, on: datetime.date) -> None:
    """Carry out ``diff``: nothing recorded by the units is ever deleted."""
    now = timezone.now()
    by_code: dict[str, Task] = {}
    position = 0
    for change in diff.tasks:
        item, task = change.item, change.task
        if item is None:
            continue  # removals come last, deepest first
        if task is not None and change.kind in ("unchanged", "resolved"):
            if task.position != position:
                task.position = position
                task.save(update_fields=["position"])
        else:
            task = task or Task(plan=plan, code=item.code)
            task.label = item.label
            task.parent = by_code.get(item.parent) if item.parent else None
            task.position = position
            task.title = item.title
            task.details = "\n".join(item.details)
            task.is_heading = item.is_heading
            task.timeframe = item.timeframe.raw
            task.starts_on = item.timeframe.start
            task.ends_on = item.timeframe.end
            task.recurring = item.timeframe.recurring
            task.line = item.line
            task.archived_at = None
            task.save()
        if change.kind == "added":
            change.create = wanted_parts(item, on)
        if change.kind != "unchanged":
            _store_parts(task, change, now)
            _note_unresolved(change, result)
        by_code[item.code] = task
        position += 1
    for change in diff.tasks:
        task = change.task
        if change.item is not None or task is None:
            continue
        _store_parts(task, change, now)
        if change.archive_task:
            task.archived_at = now
            task.save(update_fields=["archived_at"])
        else:
            task.delete()  # nothing recorded on it (and protected if there were)


def _store_parts(task: Task, change: TaskChange, now: datetime.datetime) -> None:
    """Update matched parts in place, create new ones; a part no longer named is archived when
    work is recorded on it, deleted otherwise."""
    work = recorded_work(a.pk for a in change.drop if a.archived_at is None)
    for assignment, row in change.keep:
        values = {
            "role": row.role,
            "unit_id": row.unit.pk if row.unit else None,
            "via_group_id": row.via_group.pk if row.via_group else None,
            "written_as": row.written_as,
            "archived_at": None,
        }
        fields = [name for name, value in values.items() if getattr(assignment, name) != value]
        if fields:
            for name in fields:
                setattr(assignment, name, values[name])
            assignment.save(update_fields=[name.removesuffix("_id") for name in fields])
    for assignment in change.drop:
        if assignment.archived_at is not None:
            continue
        if work.get(assignment.pk):
            assignment.archived_at = now
            assignment.save(update_fields=["archived_at"])
        else:
            assignment.delete()  # nothing recorded on it (and protected if there were)
    TaskAssignment.objects.bulk_create(
        TaskAssignment(
            task=task,
            role=row.role,
            unit=row.unit,
            via_group=row.via_group,
            written_as=row.written_as,
        )
        for row in change.create
    )


def _note_unresolved(change: TaskChange, result: ImportResult) -> None:
    rows = [row for _assignment, row in change.keep] + change.create
    for row in rows:
        if row.unit is None and row.written_as not in result.unresolved:
            result.unresolved.append(row.written_as)


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
ALLOWED_SUFFIXES = (".txt", ".docx", ".pdf")


def _require_importer(actor: Actor) -> None:
    permissions.require(
        permissions.has_role(actor, Role.COORDINATOR),
        _("Only administrators and coordinators may import plans."),
    )


@transaction.atomic
def plan_upload_create(*, actor: Actor, filename: str, data: bytes) -> PlanUpload:
    """Keep an uploaded document for its preview. Refused (nothing kept) if it cannot be read."""
    from ttdn.core.classification import classified_message
    from ttdn.plans.importers.parse import MAX_BYTES, PlanReadError, parse_plan
    from ttdn.plans.read_errors import read_error_text

    _require_importer(actor)
    if not filename.lower().endswith(ALLOWED_SUFFIXES):
        raise ValidationError(
            {"file": _("“%(name)s” is not a .docx, .pdf or .txt file.") % {"name": filename}}
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
        raise ValidationError({"file": read_error_text(exc, name=filename)}) from None
    upload = PlanUpload.objects.create(
        uploaded_by_id=actor.pk,
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
