"""The outbox through the real database task backend and worker: retried by the worker."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.notices.smtp import smtp_server
from ttdn.notices import services
from ttdn.notices.models import OutgoingMail

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_and_retries_after_the_backoff(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    with smtp_server(settings) as mailbox:
        mailbox.fail_times["a@example.org"] = 1
        with transaction.atomic():
            [mail_id] = services.mail_record(key="k", to=["a@example.org"], subject="s", body="b")
        assert DBTaskResult.objects.count() == 1  # queued at commit, one task per e-mail
        work()
        mail = OutgoingMail.objects.get(pk=mail_id)
        assert (mail.state, mail.attempts) == (OutgoingMail.State.PENDING, 1)
        retry = DBTaskResult.objects.get(status="READY")
        assert retry.run_after == mail.next_attempt_at  # the worker waits for the backoff
        work()
        assert mailbox.messages == []
        # The backoff has passed.
        past = timezone.now() - datetime.timedelta(seconds=1)
        OutgoingMail.objects.filter(pk=mail_id).update(next_attempt_at=past)
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=past)
        work()
        work()
    assert mailbox.to("a@example.org") == ["s"]
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (OutgoingMail.State.SENT, 2)
