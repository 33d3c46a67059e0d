"""Units of government and their partners, their names, groups, succession, and memberships."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel


class UnitKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    PARTY = "party", _("Party body")
    DEPARTMENT = "department", _("Department")
    AGENCY = "agency", _("Agency")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")
    PRESS = "press", _("Press agency")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    CENTRAL = "central", _("Central agency")
    FOREIGN_PARTNER = "foreign_partner", _("Foreign partner")
    OTHER = "other", _("Other")


class Unit(ClusterableModel, models.Model):
    """A government or partner unit. Units are never deleted: they end through succession."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("full name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    short_name_key = models.CharField(max_length=120, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class UnitAlias(models.Model):
    """Another name of a unit: abbreviation, former name, or a spelling seen in documents."""

    unit = ParentalKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("other name"), max_length=255)
    key = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other name")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitGroup(ClusterableModel, models.Model):
    """A collective phrase of plans ("các sở, ban, ngành"): it resolves to member units."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("group name"), max_length=255)
    members = ParentalManyToManyField(
        Unit, verbose_name=_("members"), blank=True, related_name="groups"
    )
    member_kinds = models.JSONField(
        _("all units of kind"),
        default=list,
        blank=True,
        help_text=_("Every unit of these kinds is a member, by its validity dates."),
    )
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit group")
        verbose_name_plural = _("unit group")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitGroupAlias(models.Model):
    group = ParentalKey(UnitGroup, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("other spelling"), max_length=255)
    key = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("other spelling")
        verbose_name_plural = _("other spelling")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Merger")
    RENAME = "rename", _("Renaming")
    SPLIT = "split", _("Split")
    ABOLISH = "abolish", _("Abolition")


class SuccessionEvent(ClusterableModel, models.Model):
    """Units that end on ``effective_date`` and the units that take over their work."""

    kind = models.CharField(_("kind of event"), max_length=16, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("effective date"))
    predecessors = ParentalManyToManyField(
        Unit, verbose_name=_("former units"), related_name="succeeded_by_events"
    )
    successors = ParentalManyToManyField(
        Unit, verbose_name=_("successors"), blank=True, related_name="succeeds_events"
    )
    basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisation")
        ordering = ["effective_date", "pk"]

    def __str__(self) -> str:
        def names(units: models.QuerySet[Unit]) -> str:
            return ", ".join(unit.short_name or unit.name for unit in units.all())

        ended = names(self.predecessors)
        taken_over = names(self.successors) or "—"
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}: {ended} → {taken_over}"


class Role(models.TextChoices):
    FOCAL_OFFICER = "focal_officer", _("Unit focal officer")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    COORDINATOR = "coordinator", _("Coordinator (plan owner)")
    ANALYST = "analyst", _("Analyst")
    EDITOR = "editor", _("Editor")
    TRANSLATOR = "translator", _("Translator")
    VIEWER = "viewer", _("Viewer")
    ADMIN = "admin", _("Administrator")


class Membership(models.Model):
    """A user's role in a unit. A user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("membership")
        ordering = ["unit__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class Level(models.TextChoices):
    """A province (tỉnh) or a centrally-run city (thành phố trực thuộc trung ương)."""

    PROVINCE = "tinh", _("province (tỉnh)")
    CITY = "thanh-pho", _("centrally-run city (thành phố)")


LEVEL_WORD = {Level.PROVINCE: "tỉnh", Level.CITY: "thành phố"}


class Installation(models.Model):
    """Which province or city this installation serves, and who coordinates: one row at most."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    province = models.CharField(_("province or city"), max_length=120)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    coordinating_unit = models.ForeignKey(
        Unit,
        verbose_name=_("coordinating unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    peoples_committee = models.ForeignKey(
        Unit,
        verbose_name=_("People's Committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("installation settings")
        verbose_name_plural = _("installation settings")
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="installation_singleton")
        ]

    def __str__(self) -> str:
        return self.place_phrase

    @property
    def level_word(self) -> str:
        """ "tỉnh" or "thành phố", as documents write it before the name."""
        return LEVEL_WORD[Level(self.level)]

    @property
    def place_phrase(self) -> str:
        """ "tỉnh Lào Cai", "thành phố Hà Nội"."""
        return f"{self.level_word} {self.province}"


class RegistryUpload(models.Model):
    """A unit registry file uploaded for import: kept until it is imported or discarded."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=255)
    data = models.BinaryField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.PREVIEW)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit registry upload")
        verbose_name_plural = _("unit registry uploads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """An e-mail asking someone to take ``role`` in ``unit``. Only the token's hash is kept."""

    email = models.EmailField(_("e-mail"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # One open invitation per address, unit and role: inviting again re-sends it.
            models.UniqueConstraint(
                fields=["email", "unit", "role"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_open_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()} · {self.unit}"

    def state_on(self, moment: datetime.datetime) -> InvitationState:
        if self.accepted_at is not None:
            return InvitationState.ACCEPTED
        if self.revoked_at is not None:
            return InvitationState.REVOKED
        if self.expires_at <= moment:
            return InvitationState.EXPIRED
        return InvitationState.PENDING
