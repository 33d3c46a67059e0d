"""Signing in: throttled by django-axes, every sign-in, sign-out and failure in the audit trail.

django-axes counts failed sign-ins per account and per address (``AXES_LOCKOUT_PARAMETERS``) and
refuses both for a cool-off once either reaches the limit. ``AuditedAxesHandler`` is its database
handler with one audit entry per event; ``lockout_response`` is the Vietnamese login page shown
while locked; ``signin_unlock`` lifts a lock (an administrator, from the user admin or the CLI).
See docs/signin.md.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.audit import audit, define_action
from ttdn.orgs import permissions
from ttdn.orgs.permissions import AnyUser

SIGNED_IN = define_action("orgs.signin.succeeded", gettext_lazy("Signed in"))
SIGNED_OUT = define_action("orgs.signin.signed_out", gettext_lazy("Signed out"))
SIGNIN_FAILED = define_action("orgs.signin.failed", gettext_lazy("Sign-in failed"))
SIGNIN_UNLOCKED = define_action("orgs.signin.unlocked", gettext_lazy("Sign-in lock lifted"))

USERNAME_MAX = 150  # what is kept of an attempted username (never the password)


def _account(username: str | None) -> AbstractBaseUser | None:
    if not username:
        return None
    user_model = get_user_model()
    user: AbstractBaseUser | None = user_model._default_manager.filter(
        **{user_model.USERNAME_FIELD: username}
    ).first()
    return user


def _address(request: HttpRequest | None) -> str:
    return str(getattr(request, "axes_ip_address", "") or "")


@transaction.atomic
def signin_record(*, user: AbstractBaseUser, request: HttpRequest | None) -> None:
    """A successful sign-in: the user is both the actor and the target."""
    audit(actor=user, action=SIGNED_IN, target=user, data={"ip_address": _address(request)})


@transaction.atomic
def signout_record(*, user: AbstractBaseUser | None, request: HttpRequest | None) -> None:
    if user is None or not user.is_authenticated:
        return  # signing out with no session changes nothing
    audit(actor=user, action=SIGNED_OUT, target=user, data={"ip_address": _address(request)})


@transaction.atomic
def signin_failure_record(
    *, username: str | None, request: HttpRequest | None, locked_out: bool
) -> None:
    """A refused sign-in, on the account it named; for an unknown name, on axes' attempt row.

    Only the name typed and the address are kept: never the password.
    """
    name = (username or "")[:USERNAME_MAX]
    data = {"username": name, "ip_address": _address(request), "locked_out": locked_out}
    target: models.Model | None = _account(username)
    if target is None:
        target = (
            AccessAttempt.objects.filter(username=username, ip_address=_address(request) or None)
            .order_by("-attempt_time")
            .first()
        )
    if target is None:
        return  # axes kept no row (a whitelisted address): there is nothing to attach it to
    audit(actor=AnonymousUser(), action=SIGNIN_FAILED, target=target, data=data)


class AuditedAxesHandler(AxesDatabaseHandler):
    """axes' database handler, writing one audit entry for each sign-in event it sees."""

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        signin_failure_record(
            username=get_client_username(request, credentials) if request else None,
            request=request,
            locked_out=bool(getattr(request, "axes_locked_out", False)),
        )

    def user_logged_in(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        super().user_logged_in(sender, request, user, **kwargs)
        signin_record(user=user, request=request)

    def user_logged_out(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        super().user_logged_out(sender, request, user, **kwargs)
        signout_record(user=user, request=request)


def lockout_message(request: HttpRequest | None = None) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    return _(
        "Too many failed sign-ins from this account or address. Signing in is locked for "
        "%(minutes)s minutes; try again later, or ask an administrator to unlock it."
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The login page, with the lockout message instead of the sign-in error (HTTP 429)."""
    from ttdn.core.forms import LoginForm

    return render(
        request,
        "wagtailadmin/login.html",
        {"form": LoginForm(request=request), "lockout_message": lockout_message(request)},
        status=429,
    )


@transaction.atomic
def signin_unlock(*, actor: AnyUser, username: str = "", ip_address: str = "") -> int:
    """Lift the lock on an account, an address, or both; return how many attempt rows went."""
    permissions.require(permissions.is_admin(actor), _("Only administrators lift sign-in locks."))
    username, ip_address = username.strip(), ip_address.strip()
    if not username and not ip_address:
        raise ValidationError(_("Name an account or an address to unlock."))
    attempts = AccessAttempt.objects.all()
    if username:
        attempts = attempts.filter(username=username)
    if ip_address:
        attempts = attempts.filter(ip_address=ip_address)
    first = attempts.order_by("-attempt_time").first()
    if first is None:
        raise ValidationError(_("No failed sign-in is recorded for this account or address."))
    target: models.Model = _account(username) or first
    audit(
        actor=actor,
        action=SIGNIN_UNLOCKED,
        target=target,
        data={"username": username, "ip_address": ip_address},
        deleted=target is first,
    )
    return int(reset(ip=ip_address or None, username=username or None))


def failed_attempts(username: str) -> int:
    """Failed sign-ins on record for ``username`` (what an unlock would clear)."""
    total = AccessAttempt.objects.filter(username=username).aggregate(
        total=models.Sum("failures_since_start")
    )["total"]
    return int(total or 0)


def unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The user admin's "Unlock signing in": a confirmation page, then the service on POST."""
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect

    permissions.require(
        permissions.is_admin(request.user), _("Only administrators lift sign-in locks.")
    )
    account = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        try:
            signin_unlock(actor=request.user, username=account.get_username())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Signing in is unlocked for %(name)s.") % {"name": account.get_username()},
            )
        return redirect("wagtailusers_users:index")
    context = {"account": account, "attempts": failed_attempts(account.get_username())}
    return render(request, "orgs/admin/signin_unlock.html", context)
