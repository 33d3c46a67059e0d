"""Background work of notices. Tasks take ids (or nothing) and are safe to run twice."""

from django_tasks import task

from ttdn.notices import services


@task()
def deliver_mail(mail_id: int) -> str:
    """Send one recorded e-mail; its state afterwards ("" when another run had it)."""
    return services.mail_deliver(mail_id=mail_id) or ""


@task()
def send_due_mail() -> dict[str, int]:
    result = services.mail_send_due()
    return {"sent": result.sent, "retrying": result.retrying, "given_up": result.given_up}
