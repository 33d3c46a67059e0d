"""Background work of reporting. Tasks take ids (or nothing) and are safe to run twice."""

from django.utils import timezone
from django_tasks import task

from ttdn.reporting import reminders


@task()
def notify_progress(update_id: int) -> bool:
    return reminders.progress_notice(update_id=update_id)


@task()
def send_due_reminders() -> dict[str, int]:
    """Record today's reminders; their e-mails are sent after commit by notices' tasks."""
    return reminders.send_reminders(today=timezone.localdate())
