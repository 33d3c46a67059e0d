"""The e-mail outbox: one row per recipient and message, written in the caller's transaction."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail to one address. Sent after commit, outside any transaction, at most once.

    ``key`` names the message (``reporting.reminder:12:T-7``); with ``to`` it is unique, so
    recording the same message twice leaves one row and one e-mail.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Delivered to the mail server")
        FAILED = "failed", _("Failed: gave up")

    key = models.CharField(_("message key"), max_length=200)
    to = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    late = models.BooleanField(
        _("sent late"), default=False, help_text=_("Sent after the day it was meant for.")
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "to"], name="outgoing_mail_once_per_recipient")
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outgoing_mail_due")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
