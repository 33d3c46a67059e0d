"""Recording e-mails in the caller's transaction, and sending each after commit, at most once.

A domain service calls :func:`mail_record` inside its own transaction: the outbox rows commit or
roll back with the change they tell about. After commit each row is one ``deliver_mail`` task.
:func:`mail_deliver` claims its row atomically, talks to the mail server outside any transaction
(``EMAIL_TIMEOUT`` bounds every wait), then marks it sent; a failure is recorded and retried with
backoff, and after ``EMAIL_MAX_ATTEMPTS`` the row is given up with its error, visible to admins.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ttdn.core.actor import SYSTEM
from ttdn.core.audit import audit, define_action
from ttdn.notices.models import OutgoingMail

logger = logging.getLogger(__name__)

MAIL_SENT = define_action("notices.mail.sent", gettext_lazy("E-mail sent"))
MAIL_GAVE_UP = define_action("notices.mail.given_up", gettext_lazy("E-mail given up"))

# First retry after a minute, then 4, 16, 64 … minutes, never more than 6 hours apart.
RETRY_BASE = datetime.timedelta(minutes=1)
RETRY_MAX = datetime.timedelta(hours=6)
# A claim older than this belongs to a worker that died while sending: the row is due again.
STALE_CLAIM = datetime.timedelta(minutes=15)
State = OutgoingMail.State


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    delay: datetime.timedelta = RETRY_BASE * 4 ** max(attempts - 1, 0)
    return min(delay, RETRY_MAX)


def mail_record(
    *, key: str, to: Iterable[str], subject: str, body: str, late: bool = False
) -> list[int]:
    """Record one e-mail per address under ``key`` and send each after commit.

    Must run inside the transaction of the change it tells about. An address already recorded
    under ``key`` is not recorded again. Returns the ids of the rows waiting to be sent.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("mail_record() must be called inside the service's transaction")
    addresses = list(dict.fromkeys(address.strip() for address in to if address.strip()))
    if not addresses:
        return []
    now = timezone.now()
    OutgoingMail.objects.bulk_create(
        [
            OutgoingMail(
                key=key,
                to=address,
                subject=" ".join(subject.split())[:255],
                body=body,
                late=late,
                next_attempt_at=now,
            )
            for address in addresses
        ],
        ignore_conflicts=True,
    )
    ids = list(
        OutgoingMail.objects.filter(key=key, to__in=addresses, state=State.PENDING).values_list(
            "pk", flat=True
        )
    )
    transaction.on_commit(lambda: _enqueue(ids))
    return ids


def _enqueue(ids: list[int], run_after: datetime.datetime | None = None) -> None:
    from ttdn.notices.tasks import deliver_mail

    task = deliver_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # this backend cannot wait: the periodic pass (``ttdn reminders``) retries
        task = task.using(run_after=run_after)
    for mail_id in ids:
        try:
            task.enqueue(mail_id)
        except Exception:  # a row left unqueued is still due: the periodic pass sends it
            logger.exception("could not queue e-mail %s", mail_id)


def _due(now: datetime.datetime) -> Q:
    return Q(state=State.PENDING, next_attempt_at__lte=now) | Q(
        state=State.SENDING, claimed_at__lt=now - STALE_CLAIM
    )


def mail_deliver(*, mail_id: int, now: datetime.datetime | None = None) -> str | None:
    """Send one recorded e-mail if it is due; ``None`` when there is nothing to do.

    The claim is one UPDATE: of two runs, one sends. The mail server is reached outside any
    transaction, so a slow server blocks no writer. Returns the row's new state.
    """
    now = now or timezone.now()
    claimed = OutgoingMail.objects.filter(_due(now), pk=mail_id).update(
        state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return None
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        EmailMessage(mail.subject, mail.body, None, [mail.to]).send()
    except Exception as exc:  # whatever the server or network did is recorded, then retried
        return _failed(mail, exc, now)
    with transaction.atomic():
        OutgoingMail.objects.filter(pk=mail.pk, state=State.SENDING, claimed_at=now).update(
            state=State.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
        )
        audit(
            actor=SYSTEM,
            action=MAIL_SENT,
            target=mail,
            data={"key": mail.key, "to": mail.to, "attempts": mail.attempts, "late": mail.late},
        )
    return State.SENT


def _permanent(exc: Exception) -> bool:
    """Only the server's final refusal of the address (5xx) cannot be helped by retrying."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        return all(code >= 500 for code, _message in exc.recipients.values())
    return False


def _describe(exc: Exception) -> str:
    """The error as an admin reads it: the server's answer, or the exception's name and text."""

    def answer(code: int, message: bytes | str) -> str:
        text = message.decode(errors="replace") if isinstance(message, bytes) else message
        return f"{code} {text}"

    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {answer(*reply)}" for address, reply in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__}: {answer(exc.smtp_code, exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"


def _failed(mail: OutgoingMail, exc: Exception, claimed_at: datetime.datetime) -> str:
    error = _describe(exc)[:2000]
    give_up = _permanent(exc) or mail.attempts >= settings.EMAIL_MAX_ATTEMPTS
    retry_at = None if give_up else timezone.now() + retry_delay(mail.attempts)
    logger.warning(
        "e-mail %s to %s failed (attempt %s): %s", mail.pk, mail.to, mail.attempts, error
    )
    with transaction.atomic():
        updated = OutgoingMail.objects.filter(
            pk=mail.pk, state=State.SENDING, claimed_at=claimed_at
        ).update(
            state=State.FAILED if give_up else State.PENDING,
            next_attempt_at=retry_at,
            last_error=error,
        )
        if not updated:  # a later run reclaimed it as stale: that run records its own outcome
            return State.SENDING
        if give_up:
            audit(
                actor=SYSTEM,
                action=MAIL_GAVE_UP,
                target=mail,
                data={"key": mail.key, "to": mail.to, "attempts": mail.attempts, "error": error},
            )
        else:
            transaction.on_commit(lambda: _enqueue([mail.pk], run_after=retry_at))
    return State.FAILED if give_up else State.PENDING


@dataclass(frozen=True)
class DueResult:
    sent: int
    retrying: int
    given_up: int


def mail_send_due(*, now: datetime.datetime | None = None, limit: int = 1000) -> DueResult:
    """Send every e-mail that is due (new, to retry, or left by a dead worker). Safe to run twice.

    One e-mail's failure, whatever it is, never stops the others.
    """
    now = now or timezone.now()
    ids = list(
        OutgoingMail.objects.filter(_due(now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts: Counter[str] = Counter()
    for mail_id in ids:
        try:
            state = mail_deliver(mail_id=mail_id, now=now)
        except Exception:  # e.g. the database went away for a moment: the next pass retries
            logger.exception("e-mail %s could not be delivered", mail_id)
            continue
        if state is not None:
            counts[state] += 1
    return DueResult(
        sent=counts[State.SENT], retrying=counts[State.PENDING], given_up=counts[State.FAILED]
    )
