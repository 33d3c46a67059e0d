"""Inviting people by e-mail to a role in a unit, and accepting the invitation.

The link carries a token of 32 random bytes; only its SHA-256 is stored. A token works once, for
14 days, until revoked; sending the invitation again makes a new token (the old link stops).
Every step is audited in its transaction; the e-mail goes through the notices outbox after
commit. See docs/invitations.md.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import secrets
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.actor import Actor, is_system
from ttdn.core.audit import audit, define_action
from ttdn.core.text import fold
from ttdn.notices.services import mail_record
from ttdn.orgs import permissions
from ttdn.orgs.models import Invitation, InvitationState, Membership, Role, Unit
from ttdn.orgs.services import MEMBERSHIP_GRANTED

INVITATION_SENT = define_action("orgs.invitation.sent", gettext_lazy("Invitation sent"))
INVITATION_REVOKED = define_action("orgs.invitation.revoked", gettext_lazy("Invitation revoked"))
INVITATION_ACCEPTED = define_action("orgs.invitation.accepted", gettext_lazy("Invitation accepted"))

VALID_FOR = datetime.timedelta(days=14)
TOKEN_BYTES = 32


class InvitationError(ValidationError):
    """The link cannot be used (unknown, expired, used or revoked): the message says which."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, _hash(token)


def accept_url(token: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('orgs_invitation_accept', args=[token])}"


def can_invite_somewhere(user: Actor) -> bool:
    return permissions.has_role(user, Role.COORDINATOR, Role.UNIT_LEADER)


def invitations_visible_to(user: Actor) -> QuerySet[Invitation]:
    """The department sees every invitation; a unit leader those of their own units."""
    rows = Invitation.objects.select_related("unit", "invited_by", "accepted_user")
    if permissions.has_role(user, Role.COORDINATOR):
        return rows
    return rows.filter(unit_id__in=permissions.unit_ids_of(user, Role.UNIT_LEADER))


def _require_grant(actor: Actor, unit: Unit, role: str) -> None:
    permissions.require(
        permissions.can_grant(actor, unit, role),
        _("You may not invite someone as “%(role)s” in the unit “%(unit)s”.")
        % {"role": Role(role).label, "unit": unit.name},
    )


def _send(invitation: Invitation, token: str, inviter: str) -> None:
    """Record the e-mail with the link (in the caller's transaction; sent after commit)."""
    with translation.override(settings.LANGUAGE_CODE):
        role = invitation.get_role_display()
        subject = _("[ttdn] Invitation: %(role)s of %(unit)s") % {
            "role": role,
            "unit": invitation.unit.name,
        }
        body = _(
            "Hello,\n\n%(inviter)s invites you to ttdn, the external-information system, as "
            "“%(role)s” of the unit “%(unit)s”.\n\nTo accept, open this link and choose a user "
            "name and a password:\n%(url)s\n\nThe link works once, until %(expires)s. If you "
            "did not expect this e-mail, ignore it.\n"
        ) % {
            "inviter": inviter,
            "role": role,
            "unit": invitation.unit.name,
            "url": accept_url(token),
            "expires": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y"),
        }
    key = f"orgs.invitation:{invitation.pk}:{invitation.sent_at.isoformat()}"
    mail_record(key=key, to=[invitation.email], subject=subject, body=body)


def _inviter_name(actor: Actor) -> str:
    if isinstance(actor, AbstractBaseUser):
        full = getattr(actor, "get_full_name", lambda: "")()
        return str(full or actor.get_username())
    return _("The ttdn administrator")


def _audit_data(invitation: Invitation) -> dict[str, object]:
    return {
        "email": invitation.email,
        "unit": invitation.unit.code,
        "role": invitation.role,
        "expires_at": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y %H:%M"),
    }


@transaction.atomic
def invitation_create(*, actor: Actor, email: str, unit: Unit, role: str) -> Invitation:
    """Invite ``email`` as ``role`` of ``unit``; an open invitation for the same is re-sent."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("“%(email)s” is not an e-mail address.") % {"email": email}}
        ) from None
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    _require_grant(actor, unit, role)
    if unit.valid_until is not None and unit.valid_until < timezone.localdate():
        raise ValidationError(
            {"unit": _("The unit “%(unit)s” no longer exists.") % {"unit": unit.name}}
        )
    if Membership.objects.filter(
        user__email__iexact=email, unit=unit, role=role, is_active=True
    ).exists():
        raise ValidationError(
            {
                "email": _("%(email)s already has the role “%(role)s” in “%(unit)s”.")
                % {"email": email, "role": Role(role).label, "unit": unit.name}
            }
        )
    existing = (
        Invitation.objects.select_for_update()
        .filter(email=email, unit=unit, role=role, accepted_at=None, revoked_at=None)
        .first()
    )
    if existing is not None:
        return _resend(actor, existing)
    now = timezone.now()
    token, token_hash = _new_token()
    invitation = Invitation.objects.create(
        email=email,
        unit=unit,
        role=role,
        token_hash=token_hash,
        invited_by=actor if isinstance(actor, AbstractBaseUser) else None,  # type: ignore[misc]
        sent_at=now,
        expires_at=now + VALID_FOR,
    )
    audit(actor=actor, action=INVITATION_SENT, target=invitation, data=_audit_data(invitation))
    _send(invitation, token, _inviter_name(actor))
    return invitation


def _resend(actor: Actor, invitation: Invitation) -> Invitation:
    now = timezone.now()
    token, invitation.token_hash = _new_token()
    invitation.sent_at, invitation.expires_at = now, now + VALID_FOR
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    audit(
        actor=actor,
        action=INVITATION_SENT,
        target=invitation,
        data={**_audit_data(invitation), "again": True},
    )
    _send(invitation, token, _inviter_name(actor))
    return invitation


@transaction.atomic
def invitation_resend(*, actor: Actor, invitation: Invitation) -> Invitation:
    """Send an open invitation again with a new link valid 14 days (the old link stops)."""
    invitation = Invitation.objects.select_for_update().select_related("unit").get(pk=invitation.pk)
    _require_grant(actor, invitation.unit, invitation.role)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was already accepted or revoked."))
    return _resend(actor, invitation)


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().select_related("unit").get(pk=invitation.pk)
    _require_grant(actor, invitation.unit, invitation.role)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was already accepted."))
    if invitation.revoked_at is not None:
        return invitation
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit(actor=actor, action=INVITATION_REVOKED, target=invitation, data=_audit_data(invitation))
    return invitation


def invitation_by_token(token: str) -> Invitation:
    """The open invitation of ``token``; an ``InvitationError`` saying why it cannot be used.

    An unknown token gets the same message as an expired one: the page tells nothing to someone
    guessing links.
    """
    invitation = (
        Invitation.objects.select_related("unit", "invited_by")
        .filter(token_hash=_hash(token))
        .first()
    )
    state = invitation.state_on(timezone.now()) if invitation is not None else None
    if invitation is None or state == InvitationState.EXPIRED:
        raise InvitationError(
            _(
                "This invitation link is not valid: it has expired or is wrong. Ask the person "
                "who invited you to send it again."
            )
        )
    if state == InvitationState.ACCEPTED:
        raise InvitationError(
            _("This invitation was already accepted. Sign in with the account it created.")
        )
    if state == InvitationState.REVOKED:
        raise InvitationError(_("This invitation was withdrawn by the person who sent it."))
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    username: str = "",
    password: str = "",
    user: AbstractBaseUser | None = None,
) -> AbstractBaseUser:
    """Accept the invitation of ``token``: give the role to ``user`` (signed in, with the invited
    address) or to a new account ``username``/``password``. Returns the account."""
    invitation = invitation_by_token(token)
    email = invitation.email
    user_model = get_user_model()
    if user is not None and user.is_authenticated:
        if str(getattr(user, "email", "")).lower() != email:
            raise ValidationError(
                _(
                    "You are signed in with another account. Sign out, then open the link "
                    "again to create the account of %(email)s."
                )
                % {"email": email}
            )
        account = user
    else:
        if user_model._default_manager.filter(email__iexact=email).exists():
            raise ValidationError(
                _(
                    "An account already uses %(email)s. Sign in with it, then open the link "
                    "again to take the role."
                )
                % {"email": email}
            )
        account = _new_account(username, password, email)
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at=None, revoked_at=None, expires_at__gt=now
    ).update(accepted_at=now, accepted_user=account)
    if claimed != 1:  # accepted or revoked meanwhile
        raise InvitationError(_("This invitation was already accepted or withdrawn."))
    membership, created = Membership.objects.get_or_create(
        user=account,
        unit=invitation.unit,
        role=invitation.role,
        defaults={"notified_at": now},
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    permissions.forget_roles(account)
    invitation.refresh_from_db()
    data = {**_audit_data(invitation), "user": account.get_username()}
    audit(actor=account, action=INVITATION_ACCEPTED, target=invitation, data=data)
    audit(
        actor=account,
        action=MEMBERSHIP_GRANTED,
        target=membership,
        data={
            "user": account.get_username(),
            "unit": invitation.unit.code,
            "role": invitation.role,
            "invitation": invitation.pk,
        },
    )
    return account


def _new_account(username: str, password: str, email: str) -> AbstractBaseUser:
    user_model = get_user_model()
    username = username.strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [_("Choose a user name.")]
    elif user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
        errors["username"] = [_("This user name is taken; choose another.")]
    else:
        field = user_model._meta.get_field(user_model.USERNAME_FIELD)
        try:
            if isinstance(field, models.Field):
                field.run_validators(username)
        except ValidationError as exc:
            errors["username"] = list(exc.messages)
    candidate = user_model(**{user_model.USERNAME_FIELD: username, "email": email})
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    account: AbstractBaseUser = user_model._default_manager.create_user(username, email, password)
    return account


# --- Many at once ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationRow:
    line: int  # as the person numbers rows: 1 is the first row pasted or of the sheet
    email: str
    unit: str
    role: str


def rows_from_text(text: str) -> list[InvitationRow]:
    """Rows "e-mail, unit, role" (comma, semicolon or TAB separated) of pasted text or a CSV."""
    sample = text[:2000]
    delimiter = "\t" if "\t" in sample else (";" if sample.count(";") > sample.count(",") else ",")
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if not any(cell.strip() for cell in cells):
            continue
        cells = [cell.strip() for cell in cells] + ["", "", ""]
        rows.append(InvitationRow(number, cells[0], cells[1], cells[2]))
    return _without_header(rows)


def rows_from_xlsx(data: bytes) -> list[InvitationRow]:
    """The first sheet's rows "e-mail, unit, role" (a header row is skipped)."""
    from openpyxl import load_workbook

    from ttdn.core.filetext import UnreadableFileError, check_zip

    stream = io.BytesIO(data)
    try:
        check_zip(stream)
        book = load_workbook(stream, read_only=True, data_only=True)
    except (UnreadableFileError, ValueError, KeyError, OSError, zipfile.BadZipFile):
        raise ValidationError(
            _("The file is not an Excel workbook (.xlsx) that can be read.")
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [str(value).strip() if value is not None else "" for value in values[:3]]
            if not any(cells):
                continue
            cells += ["", "", ""]
            rows.append(InvitationRow(number, cells[0], cells[1], cells[2]))
            if number > 5000:
                raise ValidationError(_("The sheet has more than 5,000 rows."))
    finally:
        book.close()
    return _without_header(rows)


def _without_header(rows: list[InvitationRow]) -> list[InvitationRow]:
    if rows and "@" not in rows[0].email:
        head = fold(rows[0].email)
        if head in {"email", "e-mail", "thu dien tu", "dia chi thu dien tu", "dia chi email"}:
            return rows[1:]
    return rows


def _role_of(text: str) -> str | None:
    wanted = fold(text)
    for role in Role:
        if wanted in {fold(role.value), fold(str(role.label))}:
            return role.value
        with translation.override("vi"):
            if wanted == fold(str(role.label)):
                return role.value
    return None


def _unit_of(text: str) -> Unit | None:
    from ttdn.orgs.selectors import Outcome, unit_resolve

    resolution = unit_resolve(text, on=timezone.localdate())
    if resolution.outcome == Outcome.UNIT and len(resolution.units) == 1:
        return resolution.units[0]
    return None


@transaction.atomic
def invitations_create_many(*, actor: Actor, rows: Sequence[InvitationRow]) -> list[Invitation]:
    """Invite every row, or no one: a ``ValidationError`` lists each bad row by its number."""
    if not is_system(actor):
        permissions.require(can_invite_somewhere(actor), _("You may not invite anyone."))
    if not rows:
        raise ValidationError(_("No rows were given: write one row per person."))
    errors: list[str] = []
    created: list[Invitation] = []
    for row in rows:
        role = _role_of(row.role)
        unit = _unit_of(row.unit) if row.unit else None
        problem = ""
        if not row.email:
            problem = _("the e-mail address is missing")
        elif unit is None:
            problem = _("no unit is named “%(unit)s”") % {"unit": row.unit}
        elif role is None:
            problem = _("“%(role)s” is not a role") % {"role": row.role}
        if unit is not None and role is not None and not problem:
            try:
                with transaction.atomic():
                    created.append(
                        invitation_create(actor=actor, email=row.email, unit=unit, role=role)
                    )
            except ValidationError as exc:
                problem = "; ".join(exc.messages)
            except PermissionDenied as exc:
                problem = str(exc)
        if problem:
            errors.append(
                _("Row %(line)s (%(email)s): %(problem)s")
                % {"line": row.line, "email": row.email or "—", "problem": problem}
            )
    if errors:
        raise ValidationError(errors)
    return created


def invitation_state(invitation: Invitation) -> InvitationState:
    return invitation.state_on(timezone.now())
