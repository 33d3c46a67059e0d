"""Tasks through the real database backend and worker: queued on commit, run once."""

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from tests.conftest import World, make_unit, make_user
from ttdn.core.actor import SYSTEM
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


def test_notify_twice_sends_once(world: World) -> None:
    membership = Membership.objects.get(user=world.officer_a, role=Role.FOCAL_OFFICER)
    mail.outbox.clear()
    Membership.objects.filter(pk=membership.pk).update(notified_at=None)
    assert services.membership_notify(membership_id=membership.pk) is True
    assert services.membership_notify(membership_id=membership.pk) is False
    assert len(mail.outbox) == 1
