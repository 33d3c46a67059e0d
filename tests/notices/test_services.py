"""The outbox against a real SMTP server on 127.0.0.1: once per recipient, retried, given up."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.notices.smtp import Mailbox
from tests.orgs.test_admin_views import client_for
from ttdn.notices import services
from ttdn.notices.models import OutgoingMail

State = OutgoingMail.State


def record(capture: Any, *to: str, key: str = "test:1") -> list[int]:
    """Record in a transaction and run what commits queue (the immediate task backend)."""
    with capture(execute=True), transaction.atomic():
        return services.mail_record(key=key, to=to, subject="Nhắc báo cáo", body="Nội dung")


def test_recording_twice_sends_once(
    db: None, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    [mail_id] = record(django_capture_on_commit_callbacks, "a@example.org")
    record(django_capture_on_commit_callbacks, "a@example.org")
    assert OutgoingMail.objects.count() == 1
    assert services.mail_deliver(mail_id=mail_id) is None  # already sent: nothing to do
    assert services.mail_send_due() == services.DueResult(sent=0, retrying=0, given_up=0)
    assert smtp.to("a@example.org") == ["Nhắc báo cáo"]
    mail = OutgoingMail.objects.get()
    assert (mail.state, mail.attempts, mail.last_error) == (State.SENT, 1, "")
    assert ModelLogEntry.objects.filter(action=services.MAIL_SENT, object_id=str(mail.pk)).exists()


@pytest.mark.django_db(transaction=True)
def test_recording_needs_the_callers_transaction() -> None:
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        services.mail_record(key="k", to=["a@example.org"], subject="s", body="b")
    assert not OutgoingMail.objects.exists()


def test_a_rolled_back_change_sends_nothing(
    db: None, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.mail_record(key="k", to=["a@example.org"], subject="s", body="b")
                raise ValueError("the change failed")
        except ValueError:
            pass
    assert callbacks == []
    assert not OutgoingMail.objects.exists()
    assert smtp.messages == []


def test_a_refused_second_recipient_leaves_the_first_mailed_once(
    db: None, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    record(django_capture_on_commit_callbacks, "first@example.org", "broken@example.org")
    for _ in range(3):
        services.mail_send_due(now=timezone.now() + datetime.timedelta(days=2))
    assert smtp.to("first@example.org") == ["Nhắc báo cáo"]
    broken = OutgoingMail.objects.get(to="broken@example.org")
    # 550 is the server's final answer: given up at once, the error kept for the admins.
    assert broken.state == State.FAILED
    assert broken.attempts == 1
    assert "550" in broken.last_error
    assert ModelLogEntry.objects.filter(
        action=services.MAIL_GAVE_UP, object_id=str(broken.pk)
    ).exists()


def test_a_temporary_failure_is_retried_with_backoff(
    db: None, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    smtp.fail_times["a@example.org"] = 1
    before = timezone.now()
    [mail_id] = record(django_capture_on_commit_callbacks, "a@example.org")
    mail = OutgoingMail.objects.get(pk=mail_id)
    assert (mail.state, mail.attempts) == (State.PENDING, 1)
    assert "451" in mail.last_error
    assert mail.next_attempt_at is not None
    assert mail.next_attempt_at >= before + services.RETRY_BASE
    assert services.mail_send_due() == services.DueResult(sent=0, retrying=0, given_up=0)
    assert smtp.messages == []
    later = mail.next_attempt_at + datetime.timedelta(seconds=1)
    assert services.mail_send_due(now=later) == services.DueResult(sent=1, retrying=0, given_up=0)
    assert services.mail_send_due(now=later) == services.DueResult(sent=0, retrying=0, given_up=0)
    assert smtp.to("a@example.org") == ["Nhắc báo cáo"]
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.last_error) == (State.SENT, 2, "")


def test_backoff_grows_and_is_capped() -> None:
    delays = [services.retry_delay(n) for n in range(1, 9)]
    assert delays[:3] == [datetime.timedelta(minutes=m) for m in (1, 4, 16)]
    assert delays == sorted(delays)
    assert delays[-1] == services.RETRY_MAX


def test_given_up_after_the_last_attempt_and_shown_to_admins(
    db: None, smtp: Mailbox, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_MAX_ATTEMPTS = 3
    smtp.fail_times["a@example.org"] = 99
    [mail_id] = record(django_capture_on_commit_callbacks, "a@example.org")
    now = timezone.now()
    for _ in range(5):
        now += services.RETRY_MAX
        services.mail_send_due(now=now)
    mail = OutgoingMail.objects.get(pk=mail_id)
    assert (mail.state, mail.attempts, mail.next_attempt_at) == (State.FAILED, 3, None)
    assert "451 try again later" in mail.last_error
    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    listing = client_for(admin).get(reverse("wagtailsnippets_notices_outgoingmail:list"))
    assert listing.status_code == 200
    assert "451 try again later" in listing.content.decode()
    officer = User.objects.create_user("officer", "officer@example.org", "pw")
    response = client_for(officer).get(reverse("wagtailsnippets_notices_outgoingmail:list"))
    assert response.status_code in (302, 403)


def test_a_hanging_server_times_out(
    db: None, smtp: Mailbox, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_TIMEOUT = 1
    smtp.hold = True
    started = time.monotonic()
    [mail_id] = record(django_capture_on_commit_callbacks, "a@example.org")
    assert time.monotonic() - started < 5
    mail = OutgoingMail.objects.get(pk=mail_id)
    assert mail.state == State.PENDING
    assert "timed out" in mail.last_error


def test_a_dead_workers_claim_is_taken_over(
    db: None, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    with transaction.atomic():
        [mail_id] = services.mail_record(key="k", to=["a@example.org"], subject="s", body="b")
    claimed_at = timezone.now()
    OutgoingMail.objects.filter(pk=mail_id).update(state=State.SENDING, claimed_at=claimed_at)
    assert services.mail_send_due().sent == 0  # another worker may still be sending it
    later = claimed_at + services.STALE_CLAIM + datetime.timedelta(seconds=1)
    assert services.mail_send_due(now=later).sent == 1
    assert len(smtp.messages) == 1
