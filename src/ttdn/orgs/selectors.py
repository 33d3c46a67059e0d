"""Reads of units and memberships. Each selector owns its query plan and its permission check."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from typing import cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from rapidfuzz import fuzz, process
from wagtail.models import ModelLogEntry

from ttdn.core.text import fold, name_key
from ttdn.orgs import permissions
from ttdn.orgs.models import (
    LEVEL_WORD,
    Installation,
    Level,
    Membership,
    SuccessionEvent,
    Unit,
    UnitGroup,
)
from ttdn.orgs.permissions import AnyUser


class Outcome(enum.StrEnum):
    UNIT = "unit"  # exactly one unit on that date
    GROUP = "group"  # a collective phrase: its member units on that date
    SEVERAL = "several"  # split into several successors, or a name shared by several units
    ENDED = "ended"  # abolished with no successor
    NOT_YET = "not_yet"  # the unit exists, but only after that date
    UNKNOWN = "unknown"  # no unit or group has that name: see suggestions


@dataclass(frozen=True)
class Resolution:
    text: str
    on: datetime.date
    outcome: Outcome
    units: tuple[Unit, ...] = ()
    named: Unit | None = None  # the unit whose name or alias matched, before succession
    group: UnitGroup | None = None
    events: tuple[SuccessionEvent, ...] = ()  # succession followed from ``named``
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def unit(self) -> Unit | None:
        return self.units[0] if len(self.units) == 1 else None

    @property
    def found(self) -> bool:
        return self.outcome not in (Outcome.UNKNOWN,)


def units_named(key: str) -> list[Unit]:
    return list(
        Unit.objects.filter(Q(name_key=key) | Q(short_name_key=key) | Q(aliases__key=key))
        .distinct()
        .order_by("valid_from", "pk")
    )


def _successors_on(
    unit: Unit, on: datetime.date, events: list[SuccessionEvent], depth: int = 0
) -> list[Unit]:
    """The units doing ``unit``'s work on ``on``, following succession events forward."""
    if unit.is_valid_on(on) or depth > 20:
        return [unit]
    if unit.valid_from is not None and on < unit.valid_from:
        return [unit]
    event = (
        SuccessionEvent.objects.filter(predecessors=unit, effective_date__lte=on)
        .prefetch_related("successors")
        .order_by("-effective_date", "-pk")  # the latest word on this unit (a correction wins)
        .first()
    )
    if event is None:
        return [unit]  # ended with no event recorded: keep it, the caller sees it is not valid
    events.append(event)
    result: list[Unit] = []
    for successor in event.successors.all():
        if successor.pk == unit.pk:
            continue
        for found in _successors_on(successor, on, events, depth + 1):
            if found not in result:
                result.append(found)
    return result


def current_units(unit: Unit, on: datetime.date) -> list[Unit]:
    """The units doing ``unit``'s work on ``on``: itself, or its successors."""
    return [found for found in _successors_on(unit, on, []) if found.is_valid_on(on)]


def predecessor_ids(unit_ids: set[int]) -> set[int]:
    """Every unit whose work passed, through any chain of events, to one of ``unit_ids``."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        earlier = (
            set(
                SuccessionEvent.predecessors.through.objects.filter(
                    successionevent__successors__in=frontier
                ).values_list("unit_id", flat=True)
            )
            - found
            - unit_ids
        )
        found |= earlier
        frontier = earlier
    return found


def group_members_on(group: UnitGroup, on: datetime.date) -> list[Unit]:
    """Explicit members (or their successors) plus every unit of the member kinds, on ``on``."""
    members: list[Unit] = []
    for unit in group.members.all():
        for current in _successors_on(unit, on, []):
            if current.is_valid_on(on) and current not in members:
                members.append(current)
    if group.member_kinds:
        by_kind = Unit.objects.filter(kind__in=group.member_kinds).filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        )
        members.extend(unit for unit in by_kind if unit not in members)
    return sorted(members, key=lambda unit: unit.name)


def unit_suggestions(text: str, limit: int = 5) -> tuple[str, ...]:
    """The registry's names closest to ``text`` (unit and group names and aliases)."""
    names: dict[str, str] = {}
    for name, short in Unit.objects.values_list("name", "short_name"):
        names.setdefault(fold(name), name)
        if short:
            names.setdefault(fold(short), short)
    for alias, unit_name in Unit.objects.values_list("aliases__name", "name"):
        if alias:
            names.setdefault(fold(alias), unit_name)
    for group_name in UnitGroup.objects.values_list("name", flat=True):
        names.setdefault(fold(group_name), group_name)
    matches = process.extract(
        fold(text), list(names), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60
    )
    result: list[str] = []
    for key, _score, _index in matches:
        if names[key] not in result:
            result.append(names[key])
    return tuple(result[:limit])


def unit_resolve(text: str, *, on: datetime.date) -> Resolution:
    """Find the unit (or its successor on ``on``) or the group that ``text`` names.

    Tolerant of case, spacing, NFC/NFD, tone placement and the usual abbreviations; an unknown
    name comes back with the closest names of the registry as suggestions.
    """
    key = name_key(text)
    if not key:
        return Resolution(text=text, on=on, outcome=Outcome.UNKNOWN)
    candidates = units_named(key)
    if candidates:
        living = [unit for unit in candidates if unit.is_valid_on(on)]
        if len(living) > 1:
            return Resolution(text=text, on=on, outcome=Outcome.SEVERAL, units=tuple(living))
        if living:
            return Resolution(
                text=text, on=on, outcome=Outcome.UNIT, units=(living[0],), named=living[0]
            )
        ended = sorted(
            (unit for unit in candidates if unit.valid_until and unit.valid_until < on),
            key=lambda unit: (unit.valid_until, unit.pk),
        )
        named = ended[-1] if ended else candidates[0]
        if named.valid_from is not None and on < named.valid_from:
            return Resolution(
                text=text, on=on, outcome=Outcome.NOT_YET, units=(named,), named=named
            )
        events: list[SuccessionEvent] = []
        current = [unit for unit in _successors_on(named, on, events) if unit.is_valid_on(on)]
        if not current:
            outcome = Outcome.ENDED
        elif len(current) == 1:
            outcome = Outcome.UNIT
        else:
            outcome = Outcome.SEVERAL
        return Resolution(
            text=text,
            on=on,
            outcome=outcome,
            units=tuple(current),
            named=named,
            events=tuple(events),
        )
    group = (
        UnitGroup.objects.filter(Q(name_key=key) | Q(aliases__key=key))
        .prefetch_related("members")
        .first()
    )
    if group is not None:
        return Resolution(
            text=text,
            on=on,
            outcome=Outcome.GROUP,
            units=tuple(group_members_on(group, on)),
            group=group,
        )
    return Resolution(text=text, on=on, outcome=Outcome.UNKNOWN, suggestions=unit_suggestions(text))


def unit_search(queryset: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """Units whose name, short name or alias contains ``text`` (case, tone placement, NFD...)."""
    key = name_key(text)
    matching = Unit.objects.filter(
        Q(name_key__contains=key) | Q(short_name_key__contains=key) | Q(aliases__key__contains=key)
    ).values("pk")
    return queryset.filter(pk__in=matching)


def group_search(queryset: QuerySet[UnitGroup], text: str) -> QuerySet[UnitGroup]:
    key = name_key(text)
    matching = UnitGroup.objects.filter(
        Q(name_key__contains=key) | Q(aliases__key__contains=key)
    ).values("pk")
    return queryset.filter(pk__in=matching)


def registry_names() -> list[str]:
    """Every name, short name and alias of units and groups (for the plan parser)."""
    names: list[str] = []
    for name, short in Unit.objects.values_list("name", "short_name"):
        names += [name, short]
    names += Unit.objects.exclude(aliases__name=None).values_list("aliases__name", flat=True)
    names += UnitGroup.objects.values_list("name", flat=True)
    names += UnitGroup.objects.exclude(aliases__name=None).values_list("aliases__name", flat=True)
    return [name for name in names if name]


def units_valid_on(on: datetime.date) -> QuerySet[Unit]:
    return Unit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
    )


def users_choosable_by(user: AnyUser) -> QuerySet[AbstractBaseUser]:
    """Accounts ``user`` may name in a membership form.

    The department sees everyone. A unit leader sees the people of their own units and the
    accounts no unit holds yet (new colleagues); other units' people are theirs to know.
    """
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    if permissions.is_department(user):
        return users
    held = Membership.objects.filter(is_active=True).values("user_id")
    mine = Membership.objects.filter(unit_id__in=permissions.unit_ids_of(user)).values("user_id")
    return users.filter(Q(pk__in=mine) | (~Q(pk__in=held) & Q(is_superuser=False)))


def memberships_visible_to(user: AnyUser) -> QuerySet[Membership]:
    """The department sees every membership; others only those of their own units."""
    queryset = Membership.objects.select_related("user", "unit").order_by(
        "unit__name", "user__username", "role"
    )
    if permissions.is_department(user):
        return queryset
    return queryset.filter(unit_id__in=permissions.unit_ids_of(user))


def unit_history(unit: Unit) -> QuerySet[ModelLogEntry]:
    """Audit entries of a unit, newest first."""
    from django.contrib.contenttypes.models import ContentType

    entries = (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Unit), object_id=str(unit.pk)
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    return cast(QuerySet[ModelLogEntry], entries)


def installation() -> Installation | None:
    """The installation's settings, or None on a fresh install (before ``ttdn setup``)."""
    return Installation.objects.select_related("coordinating_unit", "peoples_committee").first()


@dataclass(frozen=True)
class Issuer:
    """How official documents name the province or city: "UBND tỉnh Lào Cai", "Hà Nội, ngày…"."""

    province: str
    level_word: str  # "tỉnh" or "thành phố"

    @property
    def place_phrase(self) -> str:
        return f"{self.level_word} {self.province}".strip() if self.province else ""

    @property
    def short(self) -> str:
        """ "UBND tỉnh Lào Cai", "UBND thành phố Hà Nội" (a parent line, a reference)."""
        return f"UBND {self.place_phrase}".strip()

    @property
    def full(self) -> str:
        """The issuing body as the header prints it: "Ủy ban nhân dân\nthành phố Hà Nội"."""
        return f"Ủy ban nhân dân\n{self.place_phrase}" if self.province else "Ủy ban nhân dân"

    @property
    def place(self) -> str:
        """The place before the date: "Hà Nội, ngày …"."""
        return self.province


def issuer_for(province: str, level: str = "") -> Issuer:
    """The installation's province and level when set; else the plan's ``province`` and its
    ``level`` (from its header), else "tỉnh"."""
    settings = installation()
    if settings is not None:
        return Issuer(settings.province, settings.level_word)
    if level in Level.values:
        return Issuer(province, LEVEL_WORD[Level(level)])
    if level in LEVEL_WORD.values():
        return Issuer(province, level)
    return Issuer(province, LEVEL_WORD[Level.PROVINCE])
