"""Recording progress on a task and the office calendar: one transaction, one audit trail each."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.actor import Actor
from ttdn.core.audit import audit, define_action
from ttdn.core.dates import format_vn_date
from ttdn.orgs import permissions
from ttdn.orgs.models import Role
from ttdn.orgs.selectors import current_units
from ttdn.plans.models import TaskAssignment
from ttdn.reporting.models import CalendarDay, Evidence, Progress, ProgressUpdate, Status

PROGRESS_RECORDED = define_action("reporting.progress.recorded", gettext_lazy("Progress reported"))
CALENDAR_DAY_SET = define_action("reporting.calendar.set", gettext_lazy("Calendar day set"))


def can_report(user: permissions.AnyUser, assignment: TaskAssignment) -> bool:
    """The unit's own officers and leaders report its part (or, once the unit has merged or
    been renamed, those of the unit doing its work now); administrators may too."""
    if permissions.is_admin(user):
        return True
    if assignment.unit is None:
        return False
    mine = permissions.unit_ids_of(user, Role.FOCAL_OFFICER, Role.UNIT_LEADER)
    if assignment.unit_id in mine:
        return True
    return any(unit.pk in mine for unit in current_units(assignment.unit, timezone.localdate()))


def _refuse_archived(assignment: TaskAssignment) -> None:
    """Work on a part an amended plan dropped is kept as it was: nothing more is added."""
    if TaskAssignment.objects.archived().filter(pk=assignment.pk).exists():
        raise ValidationError(
            _(
                "The plan no longer names %(unit)s for task %(code)s: this part is archived and "
                "takes no more reports."
            )
            % {
                "unit": assignment.unit.name if assignment.unit else assignment.written_as,
                "code": assignment.task.code,
            }
        )


@transaction.atomic
def progress_record(
    *,
    actor: Actor,
    assignment: TaskAssignment,
    status: str,
    percent: int,
    reported_on: datetime.date,
    narrative: str = "",
    reason: str = "",
) -> Progress:
    permissions.require(
        can_report(actor, assignment),
        _("Only the officers and leaders of “%(unit)s” report its part of this task.")
        % {"unit": assignment.unit.name if assignment.unit else assignment.written_as},
    )
    _refuse_archived(assignment)
    errors: dict[str, str] = {}
    if status not in Status.values:
        errors["status"] = _("Unknown status.")
    if not 0 <= percent <= 100:
        errors["percent"] = _("Progress is a percentage from 0 to 100.")
    elif status == Status.DONE and percent != 100:
        errors["percent"] = _("A task marked done is 100% done.")
    elif status == Status.NOT_STARTED and percent != 0:
        errors["status"] = _("A task with progress has started: choose “In progress”.")
    plan = assignment.task.plan
    today = timezone.localdate()
    if reported_on > today:
        errors["reported_on"] = _("The date %(day)s is in the future.") % {
            "day": format_vn_date(reported_on)
        }
    elif reported_on < plan.issued_on:
        errors["reported_on"] = _("The date %(day)s is before the plan (%(plan)s).") % {
            "day": format_vn_date(reported_on),
            "plan": format_vn_date(plan.issued_on),
        }
    if status == Status.NOT_CARRIED_OUT and not reason.strip():
        errors["reason"] = _("Say why the task is not carried out.")
    if errors:
        raise ValidationError(errors)
    update = ProgressUpdate.objects.create(
        assignment=assignment,
        reported_on=reported_on,
        status=status,
        percent=percent,
        narrative=narrative.strip(),
        author_id=actor.pk,
    )
    progress, _created = Progress.objects.get_or_create(assignment=assignment)
    before = {"status": progress.status, "percent": progress.percent}
    progress.status = status
    progress.percent = percent
    progress.done_on = reported_on if status == Status.DONE else None
    progress.reason = reason.strip() if status == Status.NOT_CARRIED_OUT else ""
    progress.save()
    audit(
        actor=actor,
        action=PROGRESS_RECORDED,
        target=assignment,
        data={
            "task": assignment.task.code,
            "unit": assignment.unit.code if assignment.unit else assignment.written_as,
            "before": before,
            "after": {"status": status, "percent": percent},
            "reported_on": format_vn_date(reported_on),
        },
    )
    from ttdn.reporting.tasks import notify_progress

    update_id = update.pk
    transaction.on_commit(lambda: notify_progress.enqueue(update_id))
    return progress


@transaction.atomic
def calendar_day_set(*, actor: Actor, day: datetime.date, kind: str, note: str = "") -> CalendarDay:
    permissions.require(
        permissions.has_role(actor, Role.COORDINATOR),
        _("Only administrators and coordinators change the office calendar."),
    )
    if kind not in CalendarDay.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of day.")})
    entry, _created = CalendarDay.objects.update_or_create(
        day=day, defaults={"kind": kind, "note": note.strip()}
    )
    audit(
        actor=actor,
        action=CALENDAR_DAY_SET,
        target=entry,
        data={"day": format_vn_date(day), "kind": kind, "note": note},
    )
    return entry


EVIDENCE_ADDED = define_action("reporting.evidence.added", gettext_lazy("Evidence added"))
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# What a file must really be (by its bytes, not its name): PDF, Word, Excel, images.
EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
}


def sniff(data: bytes) -> str | None:
    """The MIME type the bytes really are, among EVIDENCE_TYPES, or None."""
    import filetype

    guess = filetype.guess(data[:8192])
    if guess is None:
        return None
    if guess.mime == "application/zip":  # Office files are zip packages: look inside
        import io
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return None
    return str(guess.mime) if guess.mime in EVIDENCE_TYPES else None


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    assignment: TaskAssignment,
    kind: str,
    title: str,
    file_name: str = "",
    data: bytes = b"",
    url: str = "",
    document_number: str = "",
    document_date: datetime.date | None = None,
    document_issuer: str = "",
) -> Evidence:
    permissions.require(
        can_report(actor, assignment),
        _("Only the officers and leaders of “%(unit)s” add evidence to its part.")
        % {"unit": assignment.unit.name if assignment.unit else assignment.written_as},
    )
    _refuse_archived(assignment)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the evidence a title.")
    evidence = Evidence(
        assignment=assignment,
        kind=kind,
        title=title.strip(),
        added_by_id=actor.pk,
    )
    if kind == Evidence.Kind.FILE:
        if not data:
            errors["file"] = _("Choose a file.")
        elif len(data) > MAX_EVIDENCE_BYTES:
            errors["file"] = _("“%(name)s” is larger than %(mb)s MB.") % {
                "name": file_name,
                "mb": MAX_EVIDENCE_BYTES // 2**20,
            }
        else:
            mime = sniff(data)
            if mime is None:
                errors["file"] = _(
                    "“%(name)s” is not a PDF, Word, Excel or image file (by its content)."
                ) % {"name": file_name}
            else:
                evidence.content_type = mime
                stem = file_name.rsplit(".", 1)[0][:80] or "evidence"
                evidence.file.save(f"{stem}.{EVIDENCE_TYPES[mime]}", ContentFile(data), save=False)
    elif kind == Evidence.Kind.LINK:
        try:
            URLValidator(schemes=["http", "https"])(url)
            evidence.url = url
        except ValidationError:
            errors["url"] = _("“%(url)s” is not a web address (http:// or https://).") % {
                "url": url
            }
    elif kind == Evidence.Kind.DOCUMENT:
        if not document_number.strip():
            errors["document_number"] = _("Give the document's number and symbol.")
        evidence.document_number = document_number.strip()
        evidence.document_date = document_date
        evidence.document_issuer = document_issuer.strip()
    else:
        errors["kind"] = _("Unknown kind of evidence.")
    if errors:
        if evidence.file:
            evidence.file.delete(save=False)
        raise ValidationError(errors)
    evidence.save()
    audit(
        actor=actor,
        action=EVIDENCE_ADDED,
        target=assignment,
        data={"evidence": evidence.pk, "kind": kind, "title": evidence.title},
    )
    return evidence
