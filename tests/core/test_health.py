"""/healthz against real database states: a stale queue and a silent monitor answer 503."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ttdn.monitoring.models import Source
from ttdn.reporting.tasks import send_due_reminders

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def health(client: Client) -> tuple[int, dict[str, dict[str, object]]]:
    response = client.get("/healthz", HTTP_HOST="127.0.0.1")
    body = response.json()
    assert body["status"] == ("ok" if response.status_code == 200 else "error")
    return response.status_code, body["checks"]


def make_source(**fields: object) -> Source:
    return Source.objects.create(
        slug="baobacninh", name="Báo Bắc Ninh", url="http://127.0.0.1:1/rss", **fields
    )


@pytest.mark.django_db
def test_healthy_box_names_every_check(client: Client) -> None:
    status, checks = health(client)
    assert status == 200
    assert set(checks) == {"database", "task_queue", "monitor"}
    assert all(check["ok"] for check in checks.values())
    # Monitoring without sources is not a failure.
    assert checks["monitor"]["detail"] == "no active source"


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE, HEALTH_TASK_MAX_AGE=600)
def test_a_task_ready_for_too_long_makes_the_box_unhealthy(client: Client) -> None:
    send_due_reminders.enqueue()
    assert DBTaskResult.objects.ready().count() == 1
    status, checks = health(client)
    assert status == 200, checks  # just enqueued: a worker has time to take it

    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=11))
    status, checks = health(client)
    assert status == 503
    assert checks["task_queue"] == {
        "ok": False,
        "detail": "1 tasks waiting longer than 600 s",
    }
    assert checks["database"]["ok"]
    assert checks["monitor"]["ok"]

    # Done, or scheduled for later, is not waiting.
    DBTaskResult.objects.update(run_after=timezone.now() + timedelta(hours=1))
    assert health(client)[0] == 200
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(minutes=11))
    assert health(client)[0] == 503
    DBTaskResult.objects.update(status="SUCCESSFUL")
    assert health(client)[0] == 200


@pytest.mark.django_db
@override_settings(HEALTH_MONITOR_SLACK=600)
def test_an_old_last_poll_makes_the_box_unhealthy(client: Client) -> None:
    now = timezone.now()
    source = make_source(interval_minutes=30, last_success_at=now - timedelta(minutes=39))
    status, checks = health(client)
    assert status == 200, checks

    Source.objects.update(last_success_at=now - timedelta(minutes=41))
    status, checks = health(client)
    assert status == 503
    assert checks["monitor"]["ok"] is False
    assert checks["monitor"]["detail"].startswith("last successful poll 24")

    # A paused source is not watched.
    Source.objects.filter(pk=source.pk).update(is_active=False)
    assert health(client)[0] == 200


@pytest.mark.django_db
def test_a_new_source_has_one_interval_to_be_read(client: Client) -> None:
    source = make_source(interval_minutes=30)
    assert health(client)[0] == 200
    Source.objects.filter(pk=source.pk).update(created_at=timezone.now() - timedelta(hours=2))
    status, checks = health(client)
    assert status == 503
    assert checks["monitor"]["ok"] is False


@pytest.mark.django_db
def test_healthz_is_not_cached(client: Client) -> None:
    response = client.get("/healthz", HTTP_HOST="127.0.0.1")
    assert "no-store" in response["Cache-Control"]
