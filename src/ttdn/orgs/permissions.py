"""Who may do what, decided from the user's memberships. Services and selectors call these.

The system (``SYSTEM``) may do everything; an anonymous visitor, and anything that is not an
actor at all (``None``), may do nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied

from ttdn.core.actor import Actor, is_system
from ttdn.orgs.models import Membership, Role, Unit

AnyUser = Actor

# Roles of the coordinating department: they work across every unit.
DEPARTMENT_ROLES = frozenset({Role.COORDINATOR, Role.ANALYST, Role.EDITOR, Role.TRANSLATOR})
# Roles a unit leader may hand out inside their own unit.
LEADER_GRANTABLE = frozenset({Role.FOCAL_OFFICER, Role.VIEWER})


def roles_of(user: AnyUser) -> frozenset[tuple[int, str]]:
    """The user's active (unit id, role) pairs, read once per user object."""
    if not isinstance(user, AbstractBaseUser) or not user.is_active:
        return frozenset()
    cached: frozenset[tuple[int, str]] | None = getattr(user, "_ttdn_roles", None)
    if cached is None:
        cached = frozenset(
            Membership.objects.filter(
                user_id=user.pk, is_active=True, unit__isnull=False
            ).values_list("unit_id", "role")
        )
        user._ttdn_roles = cached  # type: ignore[attr-defined]
    return cached


def forget_roles(user: AnyUser) -> None:
    if hasattr(user, "_ttdn_roles"):
        del user._ttdn_roles


def is_admin(user: AnyUser) -> bool:
    if is_system(user):
        return True
    if not isinstance(user, AbstractBaseUser):
        return False
    return bool(getattr(user, "is_superuser", False) and user.is_active) or any(
        role == Role.ADMIN for _, role in roles_of(user)
    )


def has_role(user: AnyUser, *roles: str) -> bool:
    return is_admin(user) or any(role in roles for _, role in roles_of(user))


def is_department(user: AnyUser) -> bool:
    """Admins and the coordinating department's staff see every unit's work."""
    return has_role(user, *DEPARTMENT_ROLES)


def unit_ids_of(user: AnyUser, *roles: str) -> set[int]:
    """Units where the user holds one of ``roles`` (any role when none given)."""
    return {unit_id for unit_id, role in roles_of(user) if not roles or role in roles}


def can_access_staff_ui(user: AnyUser) -> bool:
    return is_admin(user) or bool(roles_of(user))


def can_manage_registry(user: AnyUser) -> bool:
    """Units, aliases, groups and succession belong to admins and coordinators."""
    return has_role(user, Role.COORDINATOR)


def can_view_unit_private(user: AnyUser, unit: Unit) -> bool:
    """A unit's people and drafts: its own members, and the department."""
    return is_department(user) or unit.pk in unit_ids_of(user)


def can_grant(user: AnyUser, unit: Unit, role: str) -> bool:
    if is_admin(user):
        return True
    if role == Role.ADMIN:
        return False
    if has_role(user, Role.COORDINATOR):
        return True
    return role in LEADER_GRANTABLE and unit.pk in unit_ids_of(user, Role.UNIT_LEADER)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
