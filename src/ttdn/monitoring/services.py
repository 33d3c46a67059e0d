"""Every change staff make to monitoring: one function, one transaction, one audit entry."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.actor import Actor
from ttdn.core.audit import audit, define_action
from ttdn.monitoring.fetch import FetchError, check_url, parse_networks
from ttdn.monitoring.models import Source, Topic
from ttdn.monitoring.query import QueryError, parse
from ttdn.orgs.models import Role
from ttdn.orgs.permissions import has_role

SOURCE_CREATED = define_action("monitoring.source.created", gettext_lazy("Source added"))
SOURCE_UPDATED = define_action("monitoring.source.updated", gettext_lazy("Source changed"))
TOPIC_CREATED = define_action("monitoring.topic.created", gettext_lazy("Topic added"))
TOPIC_UPDATED = define_action("monitoring.topic.updated", gettext_lazy("Topic changed"))

_SOURCE_FIELDS = (
    "slug", "name", "kind", "url", "language", "country", "interval_minutes",
    "rate_limit_seconds", "is_active",
)  # fmt: skip
_TOPIC_FIELDS = ("slug", "name", "name_en", "description", "query", "is_active")


def can_manage(user: Actor) -> bool:
    """Coordinators and analysts of the department (and admins) manage sources and topics."""
    return has_role(user, Role.COORDINATOR, Role.ANALYST)


def _require(actor: Actor) -> None:
    if not can_manage(actor):
        raise PermissionDenied(
            _("Only the department's coordinators and analysts manage monitoring.")
        )


def _changes(before: Any, after: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {
        name: [getattr(before, name), getattr(after, name)]
        for name in fields
        if getattr(before, name) != getattr(after, name)
    }


def check_source_url(url: str) -> None:
    """Refuse addresses that resolve to private networks (unless allowed by the administrator)."""
    try:
        check_url(url, parse_networks(settings.MONITORING_ALLOW_NETWORKS))
    except FetchError as error:
        if error.permanent:
            raise ValidationError({"url": error.message}) from None


@transaction.atomic
def source_save(*, actor: Actor, source: Source) -> Source:
    _require(actor)
    source.name = " ".join(source.name.split())
    source.url = source.url.strip()
    source.country = source.country.upper()
    source.language = source.language.lower()
    if not source.name:
        raise ValidationError({"name": _("The name may not be empty.")})
    check_source_url(source.url)
    before = Source.objects.filter(pk=source.pk).first() if source.pk else None
    if before is not None and (before.url != source.url or before.kind != source.kind):
        source.etag = source.last_modified = ""
        source.health = Source.Health.NEW
    source.full_clean()
    source.save()
    if before is None:
        data = {name: getattr(source, name) for name in _SOURCE_FIELDS}
        audit(actor=actor, action=SOURCE_CREATED, target=source, data=data)
    elif changes := _changes(before, source, _SOURCE_FIELDS):
        audit(actor=actor, action=SOURCE_UPDATED, target=source, data=changes)
    return source


@transaction.atomic
def topic_save(*, actor: Actor, topic: Topic) -> Topic:
    _require(actor)
    topic.name = " ".join(topic.name.split())
    topic.query = topic.query.strip()
    try:
        parse(topic.query)
    except QueryError as error:
        raise ValidationError({"query": error.localized(_)}) from None
    before = Topic.objects.filter(pk=topic.pk).first() if topic.pk else None
    if before is None and isinstance(actor, AbstractBaseUser):
        topic.created_by = actor  # type: ignore[assignment]
    topic.full_clean()
    topic.save()
    if before is None:
        data = {name: getattr(topic, name) for name in _TOPIC_FIELDS}
        audit(actor=actor, action=TOPIC_CREATED, target=topic, data=data)
    elif changes := _changes(before, topic, _TOPIC_FIELDS):
        audit(actor=actor, action=TOPIC_UPDATED, target=topic, data=changes)
    return topic
