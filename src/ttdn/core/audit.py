"""The audit trail: one entry for every state change, written in the service's transaction.

Entries are stored in Wagtail's model log (``wagtail.models.ModelLogEntry``), so each object's
"Lịch sử" page and the global "Nhật ký hoạt động" report of the admin show them with no extra
views. Nothing in the application edits or deletes an entry.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.utils.functional import Promise
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from ttdn.core.actor import Actor, SystemActor

_ACTIONS: dict[str, Promise] = {}


def define_action(name: str, label: Promise) -> str:
    """Declare an audit action (``app.object.verb``) with its human label; return its name."""
    if name in _ACTIONS and _ACTIONS[name] != label:
        raise ValueError(f"Audit action {name} is declared twice with different labels")
    _ACTIONS[name] = label
    return name


def defined_actions() -> dict[str, Promise]:
    return dict(_ACTIONS)


def audit(
    *,
    actor: Actor,
    action: str,
    target: models.Model,
    data: dict[str, Any] | None = None,
    deleted: bool = False,
) -> ModelLogEntry:
    """Write one audit entry. Must run inside the transaction of the change it records.

    The system (``SYSTEM``) is recorded with no user and ``{"by": "system"}`` in the data.
    """
    if not isinstance(actor, AbstractBaseUser | AnonymousUser | SystemActor):
        raise TypeError(f"audit() needs an actor (a user or SYSTEM), not {actor!r}")
    if action not in _ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: declare it with define_action()")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit() must be called inside the service's transaction")
    user = actor if isinstance(actor, AbstractBaseUser) else None
    if isinstance(actor, SystemActor):
        data = {**(data or {}), "by": "system"}
    entry = log(
        instance=target,
        action=action,
        user=user,
        data=data or {},
        content_changed=not deleted,
        deleted=deleted,
    )
    if not isinstance(entry, ModelLogEntry):
        raise RuntimeError(f"No audit log is registered for {type(target).__name__}")
    return entry
