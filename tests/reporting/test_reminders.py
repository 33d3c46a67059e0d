"""Reminders through a real SMTP server on 127.0.0.1 (aiosmtpd): sent once, failures isolated."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone

from tests.notices.smtp import Mailbox, smtp_server, write_while_server_hangs
from tests.reporting.conftest import D, member, part
from ttdn.core.actor import SYSTEM
from ttdn.core.calendar import WorkCalendar
from ttdn.notices.models import OutgoingMail
from ttdn.notices.services import mail_send_due
from ttdn.orgs.models import Role, Unit
from ttdn.plans.models import Plan
from ttdn.reporting import cycles, reminders, services
from ttdn.reporting.models import Notice, ReportCycle, SentReminder

Run = Callable[[datetime.date], dict[str, int]]


@pytest.fixture
def smtp(settings: Any) -> Iterator[Mailbox]:
    with smtp_server(settings) as mailbox:
        yield mailbox


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Callable[[datetime.date], dict[str, int]]:
    """One daily run; what its commits queue (the e-mails) runs too, as after a real commit."""

    def run(today: datetime.date) -> dict[str, int]:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.send_reminders(today=today)

    return run


QUARTER_DEADLINE = D(2025, 3, 25)


def quarter_cycle(
    plan: Plan, name: str = "Báo cáo quý", deadline: datetime.date = QUARTER_DEADLINE
) -> ReportCycle:
    units = [Unit.objects.get(code=code) for code in ("hoi-nha-bao-tinh", "so-tu-phap")]
    cycle = cycles.cycle_create(
        actor=SYSTEM,
        plan=plan,
        name=name,
        kind=ReportCycle.Kind.AD_HOC,
        period_start=D(2025, 1, 1),
        period_end=D(2025, 3, 31),
        data_cutoff=deadline - datetime.timedelta(days=5),
        deadline=deadline,
        units=units,
    )
    # Opened long before its reminders are due.
    ReportCycle.objects.filter(pk=cycle.pk).update(
        created_at=datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC)
    )
    cycle.refresh_from_db()
    return cycle


def test_before_and_after_the_deadline(plan: Plan, smtp: Mailbox, run: Run) -> None:
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
    assert run(week_before) == {"sent": 2, "failed": 0, "skipped": 0}
    assert run(week_before) == {"sent": 0, "failed": 0, "skipped": 2}
    assert sorted(to[0] for to, _subject in smtp.messages) == [
        "officer@example.org",
        "officer_stp@example.org",
    ]
    assert "14/11/2025" in smtp.messages[0][1]
    assert "muộn" not in smtp.messages[0][1]
    assert Notice.objects.filter(user=officer).count() == 1
    # The Hội sends its report; Sở Tư pháp does not.
    cycles.submission_submit(actor=officer, submission=cycle.submissions.get(unit=units[0]))
    smtp.messages.clear()
    late_day = D(2025, 11, 18)  # Tuesday: 2 working days late
    result = run(late_day)
    assert result == {"sent": 1, "failed": 0, "skipped": 0}
    recipients = {to[0] for to, _subject in smtp.messages}
    assert recipients == {"officer_stp@example.org", "coord@example.org"}  # + the summary
    assert "Sở Tư pháp" in Notice.objects.get(user=coordinator).text
    assert not Notice.objects.filter(user=leader).exclude(text__contains="14/11").exists()
    run(late_day)
    assert SentReminder.objects.filter(key__contains="summary").count() == 1
    assert len(smtp.messages) == 2


def test_a_refused_recipient_stops_no_one_else(plan: Plan, smtp: Mailbox, run: Run) -> None:
    quarter_cycle(plan)
    broken = member("broken", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    broken.email = "broken@example.org"
    broken.save()
    member("officer_hnb", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    member("officer_stp", "so-tu-phap", Role.FOCAL_OFFICER)
    assert run(D(2025, 3, 26)) == {"sent": 2, "failed": 0, "skipped": 0}
    # The officer listed after the refused address in the same reminder is mailed, once.
    assert len(smtp.to("officer_hnb@example.org")) == 1
    assert len(smtp.to("officer_stp@example.org")) == 1
    mail_send_due(now=timezone.now() + datetime.timedelta(days=1))
    run(D(2025, 3, 26))
    assert len(smtp.to("officer_hnb@example.org")) == 1
    refused = OutgoingMail.objects.get(to="broken@example.org")
    assert refused.state == OutgoingMail.State.FAILED
    assert "550" in refused.last_error
    assert Notice.objects.filter(user=broken).count() == 1  # told in the application all the same


def test_every_cycle_gets_its_summary_when_one_fails(plan: Plan, smtp: Mailbox, run: Run) -> None:
    quarter_cycle(plan, "Báo cáo quý I")
    quarter_cycle(plan, "Báo cáo chuyên đề")
    broken = member("broken_coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR)
    broken.email = "broken@example.org"
    broken.save()
    member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR)
    run(D(2025, 3, 26))
    subjects = smtp.to("coord@example.org")
    assert len(subjects) == 2
    assert any("Báo cáo quý I" in subject for subject in subjects)
    assert any("Báo cáo chuyên đề" in subject for subject in subjects)


def test_a_failed_reminder_is_sent_by_a_later_pass(plan: Plan, smtp: Mailbox, run: Run) -> None:
    cycle = quarter_cycle(plan)
    member("officer_stp", "so-tu-phap", Role.FOCAL_OFFICER)
    smtp.fail_times["officer_stp@example.org"] = 1  # the server is busy once
    week_before = WorkCalendar().add_working_days(cycle.deadline, -7)
    assert run(week_before)["sent"] == 2
    assert smtp.messages == []
    mail = OutgoingMail.objects.get(to="officer_stp@example.org")
    assert (mail.state, mail.attempts) == (OutgoingMail.State.PENDING, 1)
    # The next daily run (`ttdn reminders`) sends what is due, once.
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert mail_send_due(now=tomorrow).sent == 1
    assert mail_send_due(now=tomorrow).sent == 0
    assert len(smtp.to("officer_stp@example.org")) == 1
    assert "25/03/2025" in smtp.to("officer_stp@example.org")[0]


def test_a_missed_reminder_goes_late(plan: Plan, smtp: Mailbox, run: Run) -> None:
    cycle = quarter_cycle(plan)
    officer = member("officer_stp", "so-tu-phap", Role.FOCAL_OFFICER)
    calendar = WorkCalendar()
    t7 = calendar.add_working_days(cycle.deadline, -7)
    # Nothing ran on T-7 (nor the day after): the run two working days later still sends it.
    result = run(calendar.add_working_days(t7, 2))
    assert result == {"sent": 2, "failed": 0, "skipped": 0}
    [subject] = smtp.to("officer_stp@example.org")
    assert "muộn" in subject
    assert f"{t7:%d/%m/%Y}" in Notice.objects.get(user=officer).text
    mail = OutgoingMail.objects.get(to="officer_stp@example.org")
    assert mail.late
    assert mail.state == OutgoingMail.State.SENT
    assert SentReminder.objects.filter(key__endswith=":T-7").count() == 2
    # Once only; and T-1 comes on its day, not late.
    assert run(calendar.add_working_days(t7, 3)) == {"sent": 0, "failed": 0, "skipped": 2}
    run(calendar.add_working_days(cycle.deadline, -1))
    assert len(smtp.to("officer_stp@example.org")) == 2
    assert "muộn" not in smtp.to("officer_stp@example.org")[1]


def test_nothing_is_missed_before_the_cycle_was_opened(plan: Plan, smtp: Mailbox, run: Run) -> None:
    cycle = quarter_cycle(plan)
    member("officer_stp", "so-tu-phap", Role.FOCAL_OFFICER)
    calendar = WorkCalendar()
    opened = calendar.add_working_days(cycle.deadline, -5)
    ReportCycle.objects.filter(pk=cycle.pk).update(
        created_at=datetime.datetime.combine(opened, datetime.time(9), tzinfo=datetime.UTC)
    )
    assert run(calendar.add_working_days(cycle.deadline, -4))["sent"] == 0
    assert smtp.messages == []


@pytest.mark.django_db(transaction=True)
def test_a_hanging_mail_server_blocks_no_writer(plan: Plan, settings: Any) -> None:
    """Reminders are recorded and committed first; the e-mails then wait on no transaction."""
    cycle = quarter_cycle(plan)
    member("officer_stp", "so-tu-phap", Role.FOCAL_OFFICER)
    week_before = WorkCalendar().add_working_days(cycle.deadline, -7)
    with smtp_server(settings) as mailbox:
        seconds = write_while_server_hangs(
            mailbox,
            lambda: reminders.send_reminders(today=week_before),
            lambda: cycle.submissions.update(narrative="Đang soạn"),
        )
    assert seconds < 3
    assert len(mailbox.to("officer_stp@example.org")) == 1


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
    reminders.notify(
        [officer], "Báo cáo “Báo cáo quý” hạn ngày 25/03/2025.", "/admin/", key="test:notice"
    )
    html = client_for(officer).get("/admin/").content.decode()
    assert "Thông báo" in html
    assert "Báo cáo “Báo cáo quý” hạn ngày 25/03/2025." in html
