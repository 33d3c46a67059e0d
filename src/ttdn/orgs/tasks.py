"""Background work of orgs. Tasks take ids and are safe to run twice."""

from django_tasks import task

from ttdn.orgs.services import membership_notify


@task()
def notify_membership_granted(membership_id: int) -> bool:
    return membership_notify(membership_id=membership_id)
