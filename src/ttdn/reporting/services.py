"""Recording progress on a task and the office calendar: one transaction, one audit trail each."""

from __future__ import annotations

import datetime
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.actor import Actor
from ttdn.core.audit import audit, define_action
from ttdn.core.classification import classified_fields, classified_message, refuse_classified
from ttdn.core.dates import format_vn_date
from ttdn.core.uploads import megabytes, upload_limit
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
    errors: dict[str, str] = classified_fields({"narrative": narrative, "reason": reason})
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
    refuse_classified({"note": note})
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
# What a file must really be (by its bytes, not its name): PDF, Word, Excel, images.
EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
}


def sniff(file: IO[bytes]) -> str | None:
    """The MIME type the file really is, among EVIDENCE_TYPES, or None (reads its head; an
    Office package's table of contents)."""
    import filetype

    file.seek(0)
    guess = filetype.guess(file.read(8192))
    file.seek(0)
    if guess is None:
        return None
    if guess.mime == "application/zip":  # Office files are zip packages: look inside
        import zipfile

        try:
            with zipfile.ZipFile(file) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            file.seek(0)
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return None
    return str(guess.mime) if guess.mime in EVIDENCE_TYPES else None


def _file_errors(evidence: Evidence, file: File[bytes] | None) -> str | None:
    """Why the file cannot be kept as evidence, or None once ``evidence`` has its type.

    The declared size is checked before a byte is read; then only the file's head is read
    (its type, the stamp of a state secret). Nothing is stored here.
    """
    from ttdn.core.filetext import UnreadableFileError, stamp_in_file

    name = file.name.rsplit("/", 1)[-1] if file is not None and file.name else ""
    limit = upload_limit()
    if file is None or not file.size:
        return _("Choose a file.")
    if file.size > limit:
        return _("“%(name)s” is larger than %(mb)s MB.") % {"name": name, "mb": megabytes(limit)}
    mime = sniff(file)
    if mime is None:
        return _("“%(name)s” is not a PDF, Word, Excel or image file (by its content).") % {
            "name": name
        }
    try:
        stamp = stamp_in_file(file, mime)
    except UnreadableFileError:
        return _(
            "“%(name)s” cannot be read (damaged, or protected by a password): its text must be "
            "checked for state-secret stamps before it is kept."
        ) % {"name": name}
    if stamp is not None:
        return classified_message(stamp, name=name)
    evidence.content_type = mime
    return None


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    assignment: TaskAssignment,
    kind: str,
    title: str,
    file: File[bytes] | None = None,
    url: str = "",
    document_number: str = "",
    document_date: datetime.date | None = None,
    document_issuer: str = "",
) -> Evidence:
    """Add evidence to a unit's part of a task. A file is read in chunks (never whole) and is
    stored only once everything is valid; a refused file leaves nothing in the media folder."""
    permissions.require(
        can_report(actor, assignment),
        _("Only the officers and leaders of “%(unit)s” add evidence to its part.")
        % {"unit": assignment.unit.name if assignment.unit else assignment.written_as},
    )
    _refuse_archived(assignment)
    errors: dict[str, str] = classified_fields(
        {"title": title, "document_number": document_number, "document_issuer": document_issuer}
    )
    if not title.strip():
        errors["title"] = _("Give the evidence a title.")
    evidence = Evidence(
        assignment=assignment,
        kind=kind,
        title=title.strip(),
        added_by_id=actor.pk,
    )
    if kind == Evidence.Kind.FILE:
        problem = _file_errors(evidence, file)
        if problem is not None:
            errors["file"] = problem
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
            errors.setdefault("document_number", _("Give the document's number and symbol."))
        evidence.document_number = document_number.strip()
        evidence.document_date = document_date
        evidence.document_issuer = document_issuer.strip()
    else:
        errors["kind"] = _("Unknown kind of evidence.")
    if errors:
        raise ValidationError(errors)
    if file is not None and kind == Evidence.Kind.FILE:
        stem = (file.name or "").rsplit("/", 1)[-1].rsplit(".", 1)[0][:80] or "evidence"
        # Streams the file in chunks (or moves the uploaded temporary file) into the media folder.
        evidence.file.save(f"{stem}.{EVIDENCE_TYPES[evidence.content_type]}", file, save=False)
    try:
        evidence.save()
        audit(
            actor=actor,
            action=EVIDENCE_ADDED,
            target=assignment,
            data={"evidence": evidence.pk, "kind": kind, "title": evidence.title},
        )
    except BaseException:
        if evidence.file:
            evidence.file.delete(save=False)  # no file without its row
        raise
    return evidence
