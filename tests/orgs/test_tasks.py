"""Tasks through the real database backend and worker: queued on commit, run once."""

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import World, make_unit, make_user
from tests.notices.smtp import smtp_server, write_while_server_hangs
from ttdn.core.actor import SYSTEM
from ttdn.notices.models import OutgoingMail
from ttdn.orgs import services
from ttdn.orgs.models import Membership, Role

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_worker_sends_the_role_notice_once(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS  # django-tasks resets its backends on this change
    unit = make_unit("so-y-te", "Sở Y tế")
    user = make_user("worker_user")
    mail.outbox.clear()
    membership = services.membership_grant(
        actor=SYSTEM, user=user, unit=unit, role=Role.FOCAL_OFFICER
    )
    assert mail.outbox == []  # queued in the database, not sent: the worker sends it
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1
    assert Membership.objects.get(pk=membership.pk).notified_at is not None


def test_notify_twice_sends_once(world: World, django_capture_on_commit_callbacks: Any) -> None:
    membership = Membership.objects.get(user=world.officer_a, role=Role.FOCAL_OFFICER)
    mail.outbox.clear()
    Membership.objects.filter(pk=membership.pk).update(notified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.membership_notify(membership_id=membership.pk) is True
        assert services.membership_notify(membership_id=membership.pk) is False
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get(to="officer_a@example.org").state == OutgoingMail.State.SENT


def test_a_role_given_again_is_told_again(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    membership = Membership.objects.get(user=world.officer_b, role=Role.FOCAL_OFFICER)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_revoke(actor=SYSTEM, membership=membership)
        services.membership_grant(
            actor=SYSTEM, user=world.officer_b, unit=world.unit_b, role=Role.FOCAL_OFFICER
        )
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.filter(to="officer_b@example.org").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_hanging_mail_server_blocks_no_writer(settings: Any) -> None:
    """The e-mail goes after commit: while the server hangs, the membership row can be written."""
    unit = make_unit("so-y-te", "Sở Y tế")
    user = make_user("slow_user")
    with smtp_server(settings) as mailbox:
        seconds = write_while_server_hangs(
            mailbox,
            lambda: services.membership_grant(
                actor=SYSTEM, user=user, unit=unit, role=Role.FOCAL_OFFICER
            ),
            lambda: Membership.objects.filter(user=user).update(updated_at=timezone.now()),
        )
    assert seconds < 3
    assert len(mailbox.to("slow_user@example.org")) == 1
    assert OutgoingMail.objects.get().state == OutgoingMail.State.SENT
