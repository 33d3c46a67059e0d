"""Every change to units, groups, succession and memberships: one transaction, one audit trail."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.actor import SYSTEM, Actor
from ttdn.core.audit import audit, define_action
from ttdn.core.dates import format_vn_date
from ttdn.core.text import fold, name_key
from ttdn.notices.services import mail_record
from ttdn.orgs import permissions, registry_io
from ttdn.orgs.kinds import propose_kind
from ttdn.orgs.models import (
    LEVEL_WORD,
    Installation,
    Level,
    Membership,
    RegistryUpload,
    Role,
    SuccessionEvent,
    SuccessionKind,
    Unit,
    UnitAlias,
    UnitGroup,
    UnitGroupAlias,
    UnitKind,
)

UNIT_CREATED = define_action("orgs.unit.created", gettext_lazy("Unit created"))
UNIT_UPDATED = define_action("orgs.unit.updated", gettext_lazy("Unit changed"))
GROUP_CREATED = define_action("orgs.group.created", gettext_lazy("Unit group created"))
GROUP_UPDATED = define_action("orgs.group.updated", gettext_lazy("Unit group changed"))
SUCCESSION_RECORDED = define_action(
    "orgs.succession.recorded", gettext_lazy("Reorganisation recorded")
)
UNIT_SUCCEEDED = define_action("orgs.unit.succeeded", gettext_lazy("Unit reorganised"))
MEMBERSHIP_GRANTED = define_action("orgs.membership.granted", gettext_lazy("Role given"))
MEMBERSHIP_UPDATED = define_action("orgs.membership.updated", gettext_lazy("Membership changed"))
INSTALLATION_SET = define_action(
    "orgs.installation.set", gettext_lazy("Installation settings changed")
)
ADMIN_CREATED = define_action("orgs.admin.created", gettext_lazy("Administrator created"))
REGISTRY_UPLOADED = define_action(
    "orgs.registry.uploaded", gettext_lazy("Unit registry file uploaded")
)
REGISTRY_IMPORTED = define_action("orgs.registry.imported", gettext_lazy("Unit registry imported"))
REGISTRY_DISCARDED = define_action(
    "orgs.registry.discarded", gettext_lazy("Unit registry upload discarded")
)
MEMBERSHIP_NOTIFIED = define_action("orgs.membership.notified", gettext_lazy("Role notice sent"))

_UNIT_FIELDS = ("code", "name", "short_name", "kind", "parent_id", "valid_from", "valid_until")


def _require_registry(actor: Actor) -> None:
    permissions.require(
        permissions.can_manage_registry(actor),
        _("Only administrators and coordinators may change the unit registry."),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return format_vn_date(value)
    return value


def _overlaps(a: Unit, b: Unit) -> bool:
    start_a, end_a = a.valid_from or datetime.date.min, a.valid_until or datetime.date.max
    start_b, end_b = b.valid_from or datetime.date.min, b.valid_until or datetime.date.max
    return start_a <= end_b and start_b <= end_a


def _check_unit_names(unit: Unit, aliases: list[UnitAlias]) -> None:
    """A name or alias may not name another unit living at the same time, nor a group."""
    keys = {unit.name_key: unit.name}
    if unit.short_name_key:
        keys.setdefault(unit.short_name_key, unit.short_name)
    for alias in aliases:
        if alias.key in keys:
            continue
        keys[alias.key] = alias.name
    others = (
        Unit.objects.filter(
            Q(name_key__in=keys) | Q(short_name_key__in=keys) | Q(aliases__key__in=keys)
        )
        .exclude(pk=unit.pk)
        .distinct()
        .prefetch_related("aliases")
    )
    for other in others:
        if not _overlaps(unit, other):
            continue
        other_keys = {
            other.name_key,
            other.short_name_key,
            *(alias.key for alias in other.aliases.all()),
        }
        clash = next(keys[key] for key in keys if key in other_keys)
        raise ValidationError(
            _("The name “%(name)s” already names the unit “%(other)s” in the same period.")
            % {"name": clash, "other": other.name}
        )
    group = UnitGroup.objects.filter(Q(name_key__in=keys) | Q(aliases__key__in=keys)).first()
    if group is not None:
        raise ValidationError(
            _("The name “%(name)s” is already the name of the unit group “%(group)s”.")
            % {"name": unit.name, "group": group.name}
        )


@transaction.atomic
def unit_save(*, actor: Actor, unit: Unit, aliases: Iterable[str] | None = None) -> Unit:
    """Create or update a unit with its aliases.

    ``aliases`` replaces the alias list; when omitted, the aliases already attached to the
    (cluster) instance are kept, as the admin form leaves them.
    """
    _require_registry(actor)
    if not unit.name.strip():
        raise ValidationError({"name": _("The unit name may not be empty.")})
    unit.name = " ".join(unit.name.split())
    unit.short_name = " ".join(unit.short_name.split())
    if unit.valid_from and unit.valid_until and unit.valid_until < unit.valid_from:
        raise ValidationError({"valid_until": _("The end of validity must come after its start.")})
    if unit.parent_id is not None and unit.pk is not None and _parent_cycle(unit):
        raise ValidationError({"parent": _("The parent unit makes a loop.")})
    unit.name_key = name_key(unit.name)
    unit.short_name_key = name_key(unit.short_name) if unit.short_name else ""
    if aliases is not None:
        wanted = [" ".join(name.split()) for name in aliases if name.strip()]
        unit.aliases = [UnitAlias(name=name) for name in wanted]  # type: ignore[misc]
    alias_rows: list[UnitAlias] = list(unit.aliases.all())
    own = {unit.name_key, unit.short_name_key}
    unique: list[UnitAlias] = []
    for alias in alias_rows:
        alias.key = name_key(alias.name)
        if alias.key and alias.key not in own:
            own.add(alias.key)
            unique.append(alias)
    if len(unique) != len(alias_rows):
        unit.aliases = unique  # type: ignore[misc]
    _check_unit_names(unit, unique)

    before = Unit.objects.filter(pk=unit.pk).first() if unit.pk else None
    before_aliases = sorted(before.aliases.values_list("name", flat=True)) if before else []
    unit.save()
    after_aliases = sorted(alias.name for alias in unique)
    if before is None:
        data: dict[str, Any] = {f: _jsonable(getattr(unit, f)) for f in _UNIT_FIELDS}
        data["aliases"] = after_aliases
        audit(actor=actor, action=UNIT_CREATED, target=unit, data=data)
    else:
        changes = {
            field: [_jsonable(getattr(before, field)), _jsonable(getattr(unit, field))]
            for field in _UNIT_FIELDS
            if getattr(before, field) != getattr(unit, field)
        }
        if before_aliases != after_aliases:
            changes["aliases"] = [before_aliases, after_aliases]
        audit(actor=actor, action=UNIT_UPDATED, target=unit, data={"changes": changes})
    return unit


def _parent_cycle(unit: Unit) -> bool:
    seen = {unit.pk}
    parent_id = unit.parent_id
    while parent_id is not None:
        if parent_id in seen:
            return True
        seen.add(parent_id)
        parent_id = Unit.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return False


@transaction.atomic
def group_save(
    *,
    actor: Actor,
    group: UnitGroup,
    aliases: Iterable[str] | None = None,
    members: Iterable[Unit] | None = None,
) -> UnitGroup:
    _require_registry(actor)
    if not group.name.strip():
        raise ValidationError({"name": _("The group name may not be empty.")})
    kinds = set(group.member_kinds or [])
    unknown = kinds - set(UnitKind.values)
    if unknown:
        raise ValidationError(
            {"member_kinds": _("Unknown unit kinds: %(kinds)s") % {"kinds": ", ".join(unknown)}}
        )
    group.member_kinds = sorted(kinds)
    group.name = " ".join(group.name.split())
    group.name_key = name_key(group.name)
    if aliases is not None:
        group.aliases = [  # type: ignore[misc]
            UnitGroupAlias(name=" ".join(name.split())) for name in aliases if name.strip()
        ]
    rows = list(group.aliases.all())
    keys = {group.name_key}
    for alias in rows:
        alias.key = name_key(alias.name)
        keys.add(alias.key)
    clash = Unit.objects.filter(
        Q(name_key__in=keys) | Q(short_name_key__in=keys) | Q(aliases__key__in=keys)
    ).first()
    if clash is not None:
        raise ValidationError(
            _("The group name is the name of the unit “%(unit)s”; a group is not a unit.")
            % {"unit": clash.name}
        )
    other = (
        UnitGroup.objects.filter(Q(name_key__in=keys) | Q(aliases__key__in=keys))
        .exclude(pk=group.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            _("The group name is already used by the group “%(group)s”.") % {"group": other.name}
        )
    if members is not None:
        group.members = list(members)
    created = group.pk is None
    group.save()
    data = {
        "name": group.name,
        "aliases": sorted(alias.name for alias in rows),
        "members": sorted(unit.code for unit in group.members.all()),
        "member_kinds": group.member_kinds,
    }
    audit(actor=actor, action=GROUP_CREATED if created else GROUP_UPDATED, target=group, data=data)
    return group


@transaction.atomic
def succession_record(
    *,
    actor: Actor,
    kind: str,
    effective_date: datetime.date,
    predecessors: list[Unit],
    successors: list[Unit],
    basis: str = "",
    note: str = "",
) -> SuccessionEvent:
    """Record that ``predecessors`` end on the day before ``effective_date``.

    A merge into an existing unit lists that unit on both sides: it lives on.
    """
    _require_registry(actor)
    _check_succession(kind, effective_date, predecessors, successors)
    event = SuccessionEvent(kind=kind, effective_date=effective_date, basis=basis, note=note)
    event.save()
    event.predecessors.set(predecessors)
    event.successors.set(successors)
    event.save()
    last_day = effective_date - datetime.timedelta(days=1)
    successor_ids = {unit.pk for unit in successors}
    names = {
        "predecessors": [unit.name for unit in predecessors],
        "successors": [unit.name for unit in successors],
    }
    for unit in predecessors:
        if unit.pk in successor_ids:
            continue
        unit.valid_until = last_day
        unit.save(update_fields=["valid_until", "updated_at"])
        audit(
            actor=actor,
            action=UNIT_SUCCEEDED,
            target=unit,
            data={"event": event.pk, "kind": kind, "valid_until": _jsonable(last_day), **names},
        )
    audit(
        actor=actor,
        action=SUCCESSION_RECORDED,
        target=event,
        data={"kind": kind, "effective_date": _jsonable(effective_date), "basis": basis, **names},
    )
    return event


def _check_succession(
    kind: str, effective_date: datetime.date, predecessors: list[Unit], successors: list[Unit]
) -> None:
    if kind not in SuccessionKind.values:
        raise ValidationError({"kind": _("Unknown kind of event.")})
    if not predecessors:
        raise ValidationError({"predecessors": _("At least one former unit is needed.")})
    expected = {
        SuccessionKind.MERGE: (
            len(successors) == 1,
            _("A merger needs exactly one successor."),
        ),
        SuccessionKind.RENAME: (
            len(predecessors) == 1
            and len(successors) == 1
            and predecessors[0].pk != successors[0].pk,
            _("A renaming needs one former unit and one (different) unit with the new name."),
        ),
        SuccessionKind.SPLIT: (
            len(predecessors) == 1 and len(successors) >= 2,
            _("A split needs one former unit and at least two successors."),
        ),
        SuccessionKind.ABOLISH: (True, ""),
    }
    valid, message = expected[SuccessionKind(kind)]
    if not valid:
        raise ValidationError({"successors": message})
    successor_ids = {unit.pk for unit in successors}
    for unit in predecessors:
        if unit.pk in successor_ids:
            continue
        if unit.valid_until is not None and unit.valid_until < effective_date - datetime.timedelta(
            days=1
        ):
            raise ValidationError(
                {
                    "predecessors": _(
                        "The unit “%(unit)s” already ended on %(day)s, before the event."
                    )
                    % {"unit": unit.name, "day": _jsonable(unit.valid_until)}
                }
            )
        if unit.valid_from is not None and unit.valid_from >= effective_date:
            raise ValidationError(
                {
                    "predecessors": _(
                        "The unit “%(unit)s” only starts on %(day)s and cannot end before that."
                    )
                    % {"unit": unit.name, "day": _jsonable(unit.valid_from)}
                }
            )


@transaction.atomic
def membership_grant(*, actor: Actor, user: AbstractBaseUser, unit: Unit, role: str) -> Membership:
    """Give ``user`` ``role`` in ``unit`` (reactivating a revoked one); notify after commit."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    permissions.require(
        permissions.can_grant(actor, unit, role),
        _("You may not give this role in the unit “%(unit)s”.") % {"unit": unit.name},
    )
    if unit.valid_until is not None and unit.valid_until < timezone.localdate():
        raise ValidationError(
            {"unit": _("The unit “%(unit)s” no longer exists.") % {"unit": unit.name}}
        )
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if not created and membership.is_active:
        return membership
    if not created:
        membership.is_active = True
        membership.notified_at = None
        membership.save(update_fields=["is_active", "notified_at", "updated_at"])
    audit(
        actor=actor,
        action=MEMBERSHIP_GRANTED,
        target=membership,
        data={"user": user.get_username(), "unit": unit.code, "role": role},
    )
    permissions.forget_roles(user)
    from ttdn.orgs.tasks import notify_membership_granted

    membership_id = membership.pk
    transaction.on_commit(lambda: notify_membership_granted.enqueue(membership_id))
    return membership


@transaction.atomic
def membership_update(
    *, actor: Actor, membership: Membership, role: str, is_active: bool
) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    permissions.require(
        permissions.can_grant(actor, membership.unit, membership.role)
        and permissions.can_grant(actor, membership.unit, role),
        _("You may not change this membership."),
    )
    before = Membership.objects.get(pk=membership.pk)
    changes: dict[str, list[Any]] = {}
    if before.role != role:
        if (
            Membership.objects.filter(
                user_id=membership.user_id, unit_id=membership.unit_id, role=role
            )
            .exclude(pk=membership.pk)
            .exists()
        ):
            raise ValidationError({"role": _("The user already has this role in the unit.")})
        changes["role"] = [before.role, role]
    if before.is_active != is_active:
        changes["is_active"] = [before.is_active, is_active]
    if not changes:
        return membership
    membership.role = role
    membership.is_active = is_active
    membership.save(update_fields=["role", "is_active", "updated_at"])
    audit(actor=actor, action=MEMBERSHIP_UPDATED, target=membership, data={"changes": changes})
    permissions.forget_roles(membership.user)
    return membership


def membership_revoke(*, actor: Actor, membership: Membership) -> Membership:
    return membership_update(
        actor=actor, membership=membership, role=membership.role, is_active=False
    )


@transaction.atomic
def membership_notify(*, membership_id: int) -> bool:
    """Record the e-mail telling the user of a new role. Safe to run twice: the first run claims it.

    The claim, the outbox row and the audit entry share the transaction; the e-mail itself is
    sent after commit by notices (retried there). ``False`` when there is nothing (left) to do.
    """
    notified_at = timezone.now()
    claimed = Membership.objects.filter(
        pk=membership_id, is_active=True, notified_at__isnull=True
    ).update(notified_at=notified_at)
    if claimed != 1:
        return False
    membership = Membership.objects.select_related("user", "unit").get(pk=membership_id)
    address = getattr(membership.user, "email", "")
    if address:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[ttdn] You have a new role: %(role)s") % {
                "role": membership.get_role_display()
            }
            body = _(
                "Hello %(user)s,\n\nYou now have the role “%(role)s” in the unit “%(unit)s” "
                "on ttdn.\nSign in: %(url)s\n"
            ) % {
                "user": membership.user.get_username(),
                "role": membership.get_role_display(),
                "unit": membership.unit.name,
                "url": f"{settings.SITE_URL}/admin/",
            }
        # One key per grant: a role given again after a revocation is told again.
        key = f"orgs.membership:{membership_id}:{notified_at.isoformat()}"
        mail_record(key=key, to=[address], subject=subject, body=body)
    audit(
        actor=SYSTEM,
        action=MEMBERSHIP_NOTIFIED,
        target=membership,
        data={"email": address, "queued": bool(address)},
    )
    return True


@transaction.atomic
def unit_alias_add(*, actor: Actor, unit: Unit, name: str) -> Unit:
    """Record ``name`` (as a document writes it) as another name of ``unit``."""
    current = list(unit.aliases.values_list("name", flat=True))
    if name_key(name) in {name_key(alias) for alias in current} | {unit.name_key}:
        return unit
    return unit_save(actor=actor, unit=unit, aliases=[*current, name])


@transaction.atomic
def installation_set(
    *,
    actor: Actor,
    province: str,
    level: str,
    coordinating_unit: Unit | None,
    peoples_committee: Unit | None,
) -> Installation:
    """Record which province or city this installation serves and who coordinates (admins)."""
    permissions.require(
        permissions.is_admin(actor),
        _("Only administrators may change the installation settings."),
    )
    province = " ".join(province.split())
    if not province:
        raise ValidationError({"province": _("The province or city name may not be empty.")})
    if level not in Level.values:
        raise ValidationError(
            {"level": _("Unknown level “%(level)s”: use tinh or thanh-pho.") % {"level": level}}
        )
    for field, unit in (
        ("coordinating_unit", coordinating_unit),
        ("peoples_committee", peoples_committee),
    ):
        if (
            unit is not None
            and unit.valid_until is not None
            and unit.valid_until < timezone.localdate()
        ):
            raise ValidationError(
                {field: _("The unit “%(unit)s” no longer exists.") % {"unit": unit.name}}
            )
    current = Installation.objects.select_for_update().first() or Installation()
    wanted = {
        "province": province,
        "level": level,
        "coordinating_unit_id": coordinating_unit.pk if coordinating_unit else None,
        "peoples_committee_id": peoples_committee.pk if peoples_committee else None,
    }
    changes = {
        field: [getattr(current, field) if current.pk else None, value]
        for field, value in wanted.items()
        if not current.pk or getattr(current, field) != value
    }
    if not changes:
        return current
    for field, value in wanted.items():
        setattr(current, field, value)
    current.save()
    audit(actor=actor, action=INSTALLATION_SET, target=current, data={"changes": changes})
    return current


# --- The unit registry from a spreadsheet (orgs/registry_io.py) --------------------------------


class _Rollback(Exception):  # noqa: N818 (a signal, not an error)
    pass


class RegistryRowsError(ValidationError):
    """Rows of the file are in error: nothing was imported. ``preview`` says which and why."""

    def __init__(self, preview: registry_io.RegistryPreview) -> None:
        super().__init__([str(error) for error in preview.errors])
        self.preview = preview


def _registry_read(data: bytes, filename: str) -> registry_io.RegistryPreview:
    try:
        rows = registry_io.read_registry(data, filename)
    except registry_io.RegistryReadError as exc:
        raise ValidationError({"file": str(exc)}) from None
    return registry_io.plan_import(rows, filename)


def _field_column(field: str) -> str:
    column = registry_io.COLUMN_BY_KEY.get(field)
    return column.key if column is not None and field in registry_io.FIELD_COLUMNS else ""


def _registry_apply(*, actor: Actor, preview: registry_io.RegistryPreview) -> None:
    """Write each row (parents first), each in its savepoint: a row the services refuse gets
    the refusal as its error and the others go on. The caller decides whether to keep it all."""
    taken = set(Unit.objects.values_list("code", flat=True))
    for plan in registry_io.apply_order(preview.rows):
        row = plan.row
        if plan.parent_row is not None and preview.rows[plan.parent_row].errors:
            row.error(
                "parent",
                _("its parent unit (row %(line)s) has an error.")
                % {"line": preview.rows[plan.parent_row].row.line},
            )
            continue
        if plan.unit is None:
            unit = Unit(kind=plan.kind, code=row.code or registry_io.free_code(row.name, taken))
            aliases = plan.new_aliases
        else:
            unit = Unit.objects.get(pk=plan.unit.pk)
            current = list(unit.aliases.values_list("name", flat=True))
            aliases = [*current, *plan.new_aliases]
            unit.kind = plan.kind
            if row.code:
                unit.code = row.code
        for field in ("name", "short_name", "email", "valid_from", "valid_until"):
            value = getattr(row, field)
            if value:
                setattr(unit, field, value)
        if plan.parent_row is not None:
            parent = preview.rows[plan.parent_row].saved
            unit.parent = parent if parent is not None else preview.rows[plan.parent_row].unit
        elif plan.parent_unit is not None:
            unit.parent = plan.parent_unit
        try:
            with transaction.atomic():
                plan.saved = unit_save(actor=actor, unit=unit, aliases=aliases)
        except ValidationError as exc:
            fields = exc.error_dict if hasattr(exc, "error_dict") else {"": exc.error_list}
            for field, errors in fields.items():
                for error in errors:
                    row.error(_field_column(field), "; ".join(ValidationError(error).messages))
        else:
            taken.add(unit.code)


def registry_preview(*, actor: Actor, data: bytes, filename: str) -> registry_io.RegistryPreview:
    """What importing the file would do, row by row, computed by writing it and rolling back:
    nothing is kept. ValidationError (on "file") when the file cannot be read at all."""
    _require_registry(actor)
    preview = _registry_read(data, filename)
    try:
        with transaction.atomic():
            _registry_apply(actor=actor, preview=preview)
            raise _Rollback
    except _Rollback:
        pass
    for plan in preview.rows:
        plan.saved = None
    return preview


@transaction.atomic
def registry_import(
    *, actor: Actor, data: bytes, filename: str, upload: RegistryUpload | None = None
) -> registry_io.RegistryPreview:
    """Import a registry file in one transaction: all its rows, or nothing when one has an error.

    The file is kept as a :class:`RegistryUpload` (imported), the target of the audit entry.
    """
    _require_registry(actor)
    preview = _registry_read(data, filename)
    if not preview.errors:
        _registry_apply(actor=actor, preview=preview)
    if preview.errors:
        transaction.set_rollback(True)
        raise RegistryRowsError(preview)
    if upload is None:
        upload = RegistryUpload.objects.create(
            uploaded_by_id=actor.pk, filename=filename, data=data
        )
    upload.state = RegistryUpload.State.IMPORTED
    upload.save(update_fields=["state"])
    audit(
        actor=actor,
        action=REGISTRY_IMPORTED,
        target=upload,
        data={
            "file": filename,
            "created": [p.saved.code for p in preview.rows if p.saved and p.unit is None],
            "updated": {
                p.saved.code: {c.column: [c.before, c.after] for c in p.changes}
                for p in preview.rows
                if p.saved and p.unit is not None
            },
            "unchanged": preview.unchanged,
            "not_in_file": preview.unmentioned,
        },
    )
    return preview


@transaction.atomic
def registry_upload_create(*, actor: Actor, filename: str, data: bytes) -> RegistryUpload:
    """Keep an uploaded registry file for its preview; refused (nothing kept) if unreadable."""
    _require_registry(actor)
    _registry_read(data, filename)
    upload = RegistryUpload.objects.create(uploaded_by_id=actor.pk, filename=filename, data=data)
    audit(actor=actor, action=REGISTRY_UPLOADED, target=upload, data={"file": filename})
    return upload


@transaction.atomic
def registry_upload_confirm(*, actor: Actor, upload: RegistryUpload) -> registry_io.RegistryPreview:
    _require_registry(actor)
    locked = RegistryUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.state != RegistryUpload.State.PREVIEW:
        raise ValidationError(_("This upload was already imported or discarded."))
    return registry_import(
        actor=actor, data=bytes(locked.data), filename=locked.filename, upload=locked
    )


@transaction.atomic
def registry_upload_discard(*, actor: Actor, upload: RegistryUpload) -> None:
    _require_registry(actor)
    updated = RegistryUpload.objects.filter(
        pk=upload.pk, state=RegistryUpload.State.PREVIEW
    ).update(state=RegistryUpload.State.DISCARDED, data=b"")
    if updated:
        audit(actor=actor, action=REGISTRY_DISCARDED, target=upload, data={"file": upload.filename})


# --- A province starting from nothing (``ttdn setup``) ----------------------------------------


@transaction.atomic
def administrator_create(
    *, actor: Actor, username: str, email: str, password: str, unit: Unit
) -> AbstractBaseUser:
    """An administrator account (a superuser, for Wagtail's own screens) with the role
    administrator in ``unit``. The password must pass Django's validators."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.validators import validate_email

    permissions.require(
        permissions.is_admin(actor), _("Only administrators may create administrators.")
    )
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("The user name may not be empty.")})
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                {"email": _("“%(email)s” is not an e-mail address.") % {"email": email}}
            ) from None
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValidationError(
            {"username": _("The user “%(user)s” already exists.") % {"user": username}}
        )
    user = user_model(username=username, email=email, is_staff=True, is_superuser=True)
    validate_password(password, user=user)
    user.set_password(password)
    user.save()
    audit(
        actor=actor,
        action=ADMIN_CREATED,
        target=user,
        data={"user": username, "email": email, "unit": unit.code},
    )
    membership_grant(actor=actor, user=user, unit=unit, role=Role.ADMIN)
    return user


@dataclass
class SetupResult:
    installation: Installation
    peoples_committee: Unit
    department: Unit
    created: list[str] = dataclasses.field(default_factory=list)  # units this run created


def _find_or_create(
    *, actor: Actor, name: str, short_name: str, kind: str, parent: Unit | None, aliases: list[str]
) -> tuple[Unit, bool]:
    key = name_key(name)
    today = timezone.localdate()
    for unit in Unit.objects.filter(Q(name_key=key) | Q(aliases__key=key)).distinct():
        if unit.valid_until is None or unit.valid_until >= today:
            return unit, False
    taken = set(Unit.objects.values_list("code", flat=True))
    unit = Unit(
        code=registry_io.free_code(
            short_name if kind == UnitKind.PEOPLES_COMMITTEE else name, taken
        ),
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
    )
    return unit_save(actor=actor, unit=unit, aliases=aliases), True


@transaction.atomic
def installation_setup(
    *,
    actor: Actor,
    province: str,
    level: str,
    department: str = "",
    department_short: str = "",
    coordinating_unit: Unit | None = None,
) -> SetupResult:
    """The People's Committee, the coordinating department and the installation settings;
    what exists already (by name) is used, not duplicated. ``coordinating_unit`` keeps a unit
    of the registry as the coordinating one instead of finding or creating ``department``."""
    province = " ".join(province.split())
    department = " ".join(department.split())
    if not province:
        raise ValidationError({"province": _("The province or city name may not be empty.")})
    if level not in Level.values:
        raise ValidationError(
            {"level": _("Unknown level “%(level)s”: use tinh or thanh-pho.") % {"level": level}}
        )
    if not department and coordinating_unit is None:
        raise ValidationError({"department": _("The coordinating department's name is needed.")})
    word = LEVEL_WORD[Level(level)]
    place = f"{word} {province}"
    created: list[str] = []
    committee, new = _find_or_create(
        actor=actor,
        name=f"Ủy ban nhân dân {place}",
        short_name=f"UBND {place}",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=None,
        aliases=[],
    )
    if new:
        created.append(committee.name)
    if coordinating_unit is not None:
        unit = coordinating_unit
    else:
        full = department
        if not name_key(department).endswith(name_key(province)):
            full = f"{department} {place}"
        kind = propose_kind(department)
        unit, new = _find_or_create(
            actor=actor,
            name=full,
            short_name=" ".join(department_short.split()),
            kind=kind if kind != UnitKind.OTHER else UnitKind.DEPARTMENT,
            parent=committee,
            aliases=[department] if full != department else [],
        )
        if new:
            created.append(unit.name)
    settings_row = installation_set(
        actor=actor,
        province=province,
        level=level,
        coordinating_unit=unit,
        peoples_committee=committee,
    )
    return SetupResult(settings_row, committee, unit, created)


def unit_free_code(name: str) -> str:
    """A code for a new unit named ``name``, not yet taken: "so-tu-phap", "so-tu-phap-2" …"""
    base = slugify(fold(name))[:70] or "don-vi"
    code, number = base, 1
    while Unit.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


class NameAction(StrEnum):
    CREATE = "create"
    ALIAS = "alias"
    SKIP = "skip"


@dataclass(frozen=True)
class NameRow:
    """A name a document writes that the registry does not know, and what to make of it."""

    written: str
    action: NameAction
    name: str = ""  # create: the new unit's full name (the written name unless corrected)
    short_name: str = ""
    kind: str = UnitKind.OTHER
    unit: Unit | None = None  # alias: the unit the written name is another name of


@transaction.atomic
def units_create_many(*, actor: Actor, rows: Sequence[NameRow]) -> list[Unit]:
    """Create units and record other names for many written names at once, all or nothing.

    Every row is tried (each in its own savepoint), so every failing row is reported: the
    ``ValidationError`` maps each failing row's index (as a string) to its message, which names
    the row's written name. Then nothing is kept. Each unit carries its own audit entry.
    """
    _require_registry(actor)
    errors: dict[str, list[str]] = {}
    units: list[Unit] = []
    for index, row in enumerate(rows):
        try:
            with transaction.atomic():
                unit = _apply_name_row(actor, row)
        except ValidationError as exc:
            errors[str(index)] = [
                _("“%(name)s”: %(error)s") % {"name": row.written, "error": message}
                for message in exc.messages
            ]
            continue
        if unit is not None:
            units.append(unit)
    if errors:
        raise ValidationError(errors)
    return units


def _apply_name_row(actor: Actor, row: NameRow) -> Unit | None:
    if row.action == NameAction.SKIP:
        return None
    if row.action == NameAction.ALIAS:
        if row.unit is None:
            raise ValidationError(_("Choose the unit this is another name of."))
        return unit_alias_add(actor=actor, unit=row.unit, name=row.written)
    if row.kind not in UnitKind.values:
        raise ValidationError(_("Unknown unit kind."))
    name = " ".join(row.name.split()) or " ".join(row.written.split())
    written_key = name_key(row.written)
    short_name = " ".join(row.short_name.split())
    aliases = [] if written_key in {name_key(name), name_key(short_name)} else [row.written]
    unit = Unit(code=unit_free_code(name), name=name, short_name=short_name, kind=row.kind)
    return unit_save(actor=actor, unit=unit, aliases=aliases)
