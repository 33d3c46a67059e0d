"""Reminders through a real SMTP server on 127.0.0.1 (aiosmtpd): sent once, failures isolated."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from tests.reporting.conftest import D, member, part
from ttdn.core.actor import SYSTEM
from ttdn.core.calendar import WorkCalendar
from ttdn.orgs.models import Role, Unit
from ttdn.plans.models import Plan
from ttdn.reporting import cycles, reminders, services
from ttdn.reporting.models import Notice, SentReminder


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address.startswith("broken"):
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=default)  # type: ignore[arg-type]
        self.messages.append((list(envelope.rcpt_tos), str(message["subject"])))
        return "250 Message accepted"


@pytest.fixture
def smtp(settings: Any) -> Iterator[Mailbox]:
    mailbox = Mailbox()
    with socket.socket() as probe:  # a free port on the loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        yield mailbox
    finally:
        controller.stop()


def test_before_and_after_the_deadline(plan: Plan, smtp: Mailbox) -> None:
    units = [Unit.objects.get(code=code) for code in ("hoi-nha-bao-tinh", "so-tu-phap")]
    deadline = D(2025, 11, 14)  # a Friday
    cycle = cycles.cycle_create(
        actor=SYSTEM,
        plan=plan,
        name="Báo cáo TTĐN 2025",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 12, 31),
        data_cutoff=D(2025, 11, 10),
        deadline=deadline,
        units=units,
    )
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    leader = member("leader", "hoi-nha-bao-tinh", Role.UNIT_LEADER)
    member("officer_stp", "so-tu-phap", Role.FOCAL_OFFICER)
    coordinator = member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR)
    smtp.messages.clear()
    week_before = WorkCalendar().add_working_days(deadline, -7)
    assert reminders.send_reminders(today=week_before) == {"sent": 2, "failed": 0, "skipped": 0}
    assert reminders.send_reminders(today=week_before) == {"sent": 0, "failed": 0, "skipped": 2}
    assert sorted(to[0] for to, _subject in smtp.messages) == [
        "officer@example.org",
        "officer_stp@example.org",
    ]
    assert "14/11/2025" in smtp.messages[0][1]
    assert Notice.objects.filter(user=officer).count() == 1
    # The Hội sends its report; Sở Tư pháp does not.
    cycles.submission_submit(actor=officer, submission=cycle.submissions.get(unit=units[0]))
    smtp.messages.clear()
    late_day = D(2025, 11, 18)  # Tuesday: 2 working days late
    result = reminders.send_reminders(today=late_day)
    assert result == {"sent": 1, "failed": 0, "skipped": 0}
    recipients = {to[0] for to, _subject in smtp.messages}
    assert recipients == {"officer_stp@example.org", "coord@example.org"}  # + the summary
    assert "Sở Tư pháp" in Notice.objects.get(user=coordinator).text
    assert not Notice.objects.filter(user=leader).exclude(text__contains="14/11").exists()
    reminders.send_reminders(today=late_day)
    assert SentReminder.objects.filter(key__contains="summary").count() == 1


def test_one_units_failure_does_not_stop_the_others(plan: Plan, smtp: Mailbox) -> None:
    units = [Unit.objects.get(code=code) for code in ("hoi-nha-bao-tinh", "so-tu-phap")]
    cycles.cycle_create(
        actor=SYSTEM,
        plan=plan,
        name="Báo cáo quý",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 3, 31),
        data_cutoff=D(2025, 3, 20),
        deadline=D(2025, 3, 25),
        units=units,
    )
    broken = member("broken", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    broken.email = "broken@example.org"
    broken.save()
    member("officer_stp", "so-tu-phap", Role.FOCAL_OFFICER)
    result = reminders.send_reminders(today=D(2025, 3, 26))
    assert result["failed"] == 1
    assert result["sent"] == 1
    assert any(to == ["officer_stp@example.org"] for to, _subject in smtp.messages)
    # The failed one was not recorded as sent: tomorrow's run tries it again.
    assert not Notice.objects.filter(user=broken).exists()


def test_the_other_side_of_a_task_is_told(
    plan: Plan, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    lead_officer = member("lead", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    partner_officer = member("partner", "bao-bac-giang", Role.FOCAL_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_record(
            actor=lead_officer,
            assignment=part(plan, "IV.5.8", "hoi-nha-bao-tinh"),
            status="in_progress",
            percent=30,
            reported_on=D(2025, 6, 2),
        )
    assert "Hội Nhà báo" in Notice.objects.get(user=partner_officer).text
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_record(
            actor=partner_officer,
            assignment=part(plan, "IV.5.8", "bao-bac-giang"),
            status="done",
            percent=100,
            reported_on=D(2025, 6, 3),
        )
    assert "Báo Bắc Giang" in Notice.objects.get(user=lead_officer).text
    assert reminders.progress_notice(update_id=1) is False  # never twice


def test_notices_show_on_the_dashboard(plan: Plan) -> None:
    from tests.orgs.test_admin_views import client_for

    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    reminders.notify([officer], "Báo cáo “Báo cáo quý” hạn ngày 25/03/2025.", "/admin/")
    html = client_for(officer).get("/admin/").content.decode()
    assert "Thông báo" in html
    assert "Báo cáo “Báo cáo quý” hạn ngày 25/03/2025." in html
