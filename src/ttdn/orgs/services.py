"""Every change to units, groups, succession and memberships: one transaction, one audit trail."""

from __future__ import annotations

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
from ttdn.orgs import permissions
from ttdn.orgs.models import (
    Membership,
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
