"""Reminders before and after a report's deadline, and notices between a task's units.

- T-14, T-7 and T-1 working days before the deadline: the unit's focal officers; a reminder
  whose day passed without it (the daily run did not happen) goes late, marked late;
- every working day once overdue: the officers and, escalated, the unit's leaders;
- each day with overdue units: one summary to the coordinators.
Each reminder has a key recorded in SentReminder in the same transaction as its in-app notices
and its e-mails (notices' outbox): run twice, nothing goes twice. The e-mails are sent after
commit, one task per recipient, and retried there; one unit's or cycle's failure is logged and
the others still go.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ttdn.core.calendar import WorkCalendar
from ttdn.core.dates import format_vn_date
from ttdn.notices.services import mail_record
from ttdn.orgs.models import Membership, Role
from ttdn.reporting.models import Notice, ReportCycle, SentReminder, Submission
from ttdn.reporting.selectors import work_calendar

logger = logging.getLogger(__name__)
BEFORE = (14, 7, 1)
OPEN = (Submission.State.DRAFT, Submission.State.RETURNED, Submission.State.AWAITING_LEADER)


def notify(users: Sequence[Any], text: str, link: str, *, key: str, late: bool = False) -> None:
    """An in-app notice to each user and an e-mail recorded for each, in the caller's transaction.

    The e-mails (one per address, keyed by ``key``) are sent after commit by notices' tasks.
    """
    for user in users:
        Notice.objects.create(user=user, text=text, link=link)
    mail_record(
        key=key,
        to=[getattr(user, "email", "") for user in users],
        subject=_("[ttdn] %(text)s") % {"text": text[:120]},
        body=f"{text}\n\n{settings.SITE_URL}{link}\n",
        late=late,
    )


def _members(unit_id: int, *roles: str) -> list[Any]:
    user_ids = Membership.objects.filter(
        unit_id=unit_id, role__in=roles, is_active=True
    ).values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))


def _claim(key: str) -> bool:
    """Record the reminder; False if it was already sent."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def send_reminders(*, today: datetime.date) -> dict[str, int]:
    """Record today's reminders (and any missed one still useful). Safe to run twice."""
    calendar = work_calendar()
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    with translation.override(settings.LANGUAGE_CODE):
        cycles = ReportCycle.objects.filter(
            deadline__gte=today - datetime.timedelta(days=60)
        ).select_related("plan")
        for cycle in cycles:
            try:
                _cycle_reminders(cycle, today, calendar, counts)
            except Exception:  # one cycle's failure must not stop the others
                logger.exception("reminders of cycle %s failed", cycle.pk)
                counts["failed"] += 1
    return counts


def _due_kind(
    cycle: ReportCycle, today: datetime.date, calendar: WorkCalendar
) -> tuple[str, datetime.date] | None:
    """The reminder due today for an open submission, and the day it was meant for.

    Before the deadline it is the nearest T-k whose day has come; when that day has passed (no
    run that day), it is still sent, late, unless the cycle did not exist yet on that day.
    """
    if calendar.working_days_between(cycle.deadline, today):
        return "overdue", today
    left = calendar.working_days_between(today, cycle.deadline)
    passed = [k for k in BEFORE if k >= left]
    if not passed:
        return None
    k = min(passed)
    if k == left:
        return f"T-{k}", today
    planned = calendar.add_working_days(cycle.deadline, -k)
    if planned < timezone.localdate(cycle.created_at):
        return None  # the cycle was opened after that day: nothing was missed
    return f"T-{k}", planned


def _cycle_reminders(
    cycle: ReportCycle, today: datetime.date, calendar: WorkCalendar, counts: dict[str, int]
) -> None:
    overdue_units: list[str] = []
    late = calendar.working_days_between(cycle.deadline, today)
    left = calendar.working_days_between(today, cycle.deadline)
    working_day = calendar.is_working_day(today)
    due = _due_kind(cycle, today, calendar) if working_day else None
    open_submissions = cycle.submissions.filter(state__in=OPEN).select_related("unit")
    for submission in open_submissions:
        if late:
            overdue_units.append(submission.unit.name)
        if due is None:
            continue
        kind, planned = due
        key = f"submission:{submission.pk}:{kind}"
        if kind == "overdue":
            key = f"{key}:{today.isoformat()}"
        try:
            with transaction.atomic():
                if not _claim(key):
                    counts["skipped"] += 1
                    continue
                _remind(submission, cycle, kind, late, key=key, planned=planned, left=left)
            counts["sent"] += 1
        except Exception:  # one unit's failure must not stop the others
            logger.exception("reminder %s failed", key)
            counts["failed"] += 1
    if overdue_units and working_day:
        key = f"cycle:{cycle.pk}:summary:{today.isoformat()}"
        with transaction.atomic():
            if _claim(key):
                coordinators = list(
                    get_user_model()
                    .objects.filter(
                        memberships__role=Role.COORDINATOR,
                        memberships__is_active=True,
                        is_active=True,
                    )
                    .distinct()
                )
                notify(
                    coordinators,
                    _("%(cycle)s: %(count)s units have not reported (%(units)s).")
                    % {
                        "cycle": cycle.name,
                        "count": len(overdue_units),
                        "units": "; ".join(overdue_units[:20]),
                    },
                    reverse("reporting_submissions"),
                    key=f"reporting.{key}",
                )


def _remind(
    submission: Submission,
    cycle: ReportCycle,
    kind: str,
    late: int,
    *,
    key: str,
    planned: datetime.date,
    left: int,
) -> None:
    link = reverse("reporting_submission", args=[submission.pk])
    officers = _members(submission.unit_id, Role.FOCAL_OFFICER)
    if kind == "overdue":
        text = _(
            "%(unit)s: the report “%(cycle)s” was due on %(day)s and is %(late)s working days late."
        ) % {
            "unit": submission.unit.name,
            "cycle": cycle.name,
            "day": format_vn_date(cycle.deadline),
            "late": late,
        }
        notify(
            officers + _members(submission.unit_id, Role.UNIT_LEADER),
            text,
            link,
            key=f"reporting.{key}",
        )
        return
    sent_late = kind != f"T-{left}"
    text = _("%(unit)s: the report “%(cycle)s” is due on %(day)s (%(left)s working days).") % {
        "unit": submission.unit.name,
        "cycle": cycle.name,
        "day": format_vn_date(cycle.deadline),
        "left": left,
    }
    if sent_late:
        text = _("(Late reminder, meant for %(planned)s) %(text)s") % {
            "planned": format_vn_date(planned),
            "text": text,
        }
    notify(officers, text, link, key=f"reporting.{key}", late=sent_late)


def progress_notice(*, update_id: int) -> bool:
    """Tell the task's other side: partners when the lead reports, the lead when a partner does."""
    from ttdn.plans.models import AssignmentRole, TaskAssignment
    from ttdn.reporting.models import ProgressUpdate

    update = (
        ProgressUpdate.objects.select_related("assignment__task", "assignment__unit")
        .filter(pk=update_id)
        .first()
    )
    unit = update.assignment.unit if update is not None else None
    if update is None or unit is None:
        return False
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        if not _claim(f"progress:{update_id}"):
            return False
        part = update.assignment
        lead = part.role == AssignmentRole.LEAD
        others = (
            TaskAssignment.objects.active()
            .filter(
                task=part.task,
                role=AssignmentRole.PARTNER if lead else AssignmentRole.LEAD,
                unit__isnull=False,
            )
            .exclude(unit_id=unit.pk)
        )
        users: dict[int, Any] = {}
        for other in others:
            for user in _members(other.unit_id, Role.FOCAL_OFFICER):  # type: ignore[arg-type]
                users[user.pk] = user
        text = _("%(unit)s reported on task %(task)s: %(status)s, %(percent)s%%.") % {
            "unit": unit.name,
            "task": f"{part.task.label}. {part.task.title[:80]}",
            "status": update.get_status_display(),
            "percent": update.percent,
        }
        notify(
            list(users.values()),
            text,
            reverse("reporting_assignment", args=[part.pk]),
            key=f"reporting.progress:{update_id}",
        )
    return True
