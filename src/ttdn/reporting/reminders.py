"""Reminders before and after a report's deadline, and notices between a task's units.

- T-14, T-7 and T-1 working days before the deadline: the unit's focal officers;
- every working day once overdue: the officers and, escalated, the unit's leaders;
- each day with overdue units: one summary to the coordinators.
Each reminder has a key recorded in SentReminder in the same transaction as its sending: run
twice, nothing goes twice. A unit whose reminder fails is logged and the others still go.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ttdn.core.dates import format_vn_date
from ttdn.orgs.models import Membership, Role
from ttdn.reporting.models import Notice, ReportCycle, SentReminder, Submission
from ttdn.reporting.selectors import work_calendar

logger = logging.getLogger(__name__)
BEFORE = (14, 7, 1)
OPEN = (Submission.State.DRAFT, Submission.State.RETURNED, Submission.State.AWAITING_LEADER)


def notify(users: Sequence[Any], text: str, link: str) -> None:
    """An in-app notice and an e-mail to each user (inside the caller's transaction)."""
    for user in users:
        Notice.objects.create(user=user, text=text, link=link)
        address = getattr(user, "email", "")
        if address:
            send_mail(
                _("[ttdn] %(text)s") % {"text": text[:120]},
                f"{text}\n\n{settings.SITE_URL}{link}\n",
                None,
                [address],
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
    calendar = work_calendar()
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    with translation.override(settings.LANGUAGE_CODE):
        cycles = ReportCycle.objects.filter(
            deadline__gte=today - datetime.timedelta(days=60)
        ).select_related("plan")
        for cycle in cycles:
            overdue_units: list[str] = []
            left = calendar.working_days_between(today, cycle.deadline)
            late = calendar.working_days_between(cycle.deadline, today)
            open_submissions = cycle.submissions.filter(state__in=OPEN).select_related("unit")
            for submission in open_submissions:
                if late:
                    overdue_units.append(submission.unit.name)
                kind = f"T-{left}" if not late and left in BEFORE else "overdue" if late else None
                if kind is None or not calendar.is_working_day(today):
                    continue
                key = f"submission:{submission.pk}:{kind}:{today.isoformat()}"
                if kind.startswith("T-"):
                    key = f"submission:{submission.pk}:{kind}"
                try:
                    with transaction.atomic():
                        if not _claim(key):
                            counts["skipped"] += 1
                            continue
                        _remind(submission, cycle, kind, late)
                    counts["sent"] += 1
                except Exception:  # one unit's failure must not stop the others
                    logger.exception("reminder %s failed", key)
                    counts["failed"] += 1
            if overdue_units and calendar.is_working_day(today):
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
                        )
    return counts


def _remind(submission: Submission, cycle: ReportCycle, kind: str, late: int) -> None:
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
        notify(officers + _members(submission.unit_id, Role.UNIT_LEADER), text, link)
    else:
        text = _("%(unit)s: the report “%(cycle)s” is due on %(day)s (%(left)s working days).") % {
            "unit": submission.unit.name,
            "cycle": cycle.name,
            "day": format_vn_date(cycle.deadline),
            "left": kind.removeprefix("T-"),
        }
        notify(officers, text, link)


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
        notify(list(users.values()), text, reverse("reporting_assignment", args=[part.pk]))
    return True
