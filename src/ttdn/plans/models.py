"""A province's yearly plan: its tasks per unit, the legal documents it cites, its calendar."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn.orgs.models import Unit, UnitGroup


class LegalDocument(models.Model):
    """One row per cited document, whoever cites it ("cited by": its citations)."""

    kind = models.CharField(_("kind"), max_length=40)
    number_symbol = models.CharField(_("number and symbol"), max_length=80, unique=True)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issued_on", "number_symbol"]

    def __str__(self) -> str:
        day = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"{self.kind} số {self.number_symbol}{day}"


class RollupRule(models.TextChoices):
    LEAD_ONLY = "lead_only", _("The lead unit's progress")
    MEAN = "mean", _("The mean of all units")
    WEIGHTED = "weighted", _("Weighted: the lead counts three times")


class Plan(models.Model):
    number = models.CharField(_("number"), max_length=80)
    issued_on = models.DateField(_("date issued"))
    issuer = models.CharField(_("issuer"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveIntegerField(_("year"))
    province = models.CharField(_("province"), max_length=120, blank=True)
    level = models.CharField(_("level"), max_length=20, blank=True)  # "tỉnh", "thành phố"
    kind = models.CharField(_("kind of document"), max_length=40, blank=True)  # "Kế hoạch"
    # The Quyết định that issues the plan ("ban hành kèm theo Quyết định số …"), if any.
    decision_number = models.CharField(_("issued by decision"), max_length=80, blank=True)
    decision_date = models.DateField(_("decision dated"), null=True, blank=True)
    report_deadline = models.DateField(_("units report before"), null=True, blank=True)
    sections = models.JSONField(_("sections"), default=list, blank=True)
    budget = models.JSONField(_("budget statements"), default=list, blank=True)
    rollup_rule = models.CharField(
        _("task progress from its units"),
        max_length=16,
        choices=RollupRule.choices,
        default=RollupRule.LEAD_ONLY,
    )
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "issued_on", "issuer"], name="plan_unique_number_date_issuer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ngày {self.issued_on:%d/%m/%Y}: {self.title}"


class TaskQuerySet(models.QuerySet["Task"]):
    def active(self) -> TaskQuerySet:
        """Tasks of the plan as it now stands (not archived by an amendment)."""
        return self.filter(archived_at__isnull=True)

    def archived(self) -> TaskQuerySet:
        return self.filter(archived_at__isnull=False)


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=40)  # qualified: "IV.2.1"
    label = models.CharField(_("number"), max_length=20)  # as written: "2.1"
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    title = models.TextField(_("title"))
    # A prose task's description lines, one per line (a table row has none).
    details = models.TextField(_("details"), blank=True)
    is_heading = models.BooleanField(_("heading"), default=False)
    timeframe = models.CharField(_("timeframe"), max_length=255, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    recurring = models.BooleanField(_("recurring"), default=False)
    line = models.PositiveIntegerField(default=0)
    # Set when an amended plan drops a task on which work was recorded: the task and that
    # work stay readable; a later version that names the task again clears it.
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="task_unique_code")]

    def __str__(self) -> str:
        return f"{self.label}. {self.title[:80]}"


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead unit")
    PARTNER = "partner", _("Coordinating unit")


class AssignmentQuerySet(models.QuerySet["TaskAssignment"]):
    def active(self) -> AssignmentQuerySet:
        """Parts of tasks as the plan now stands: neither the part nor its task archived."""
        return self.filter(archived_at__isnull=True, task__archived_at__isnull=True)

    def archived(self) -> AssignmentQuerySet:
        return self.filter(
            models.Q(archived_at__isnull=False) | models.Q(task__archived_at__isnull=False)
        )


class TaskAssignment(models.Model):
    """A unit's part in a task, as the plan names it (a group phrase gives one per member).

    Work recorded on a part (progress, updates, evidence) protects it: an amended plan that
    drops the unit archives the part instead of deleting it.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("role"), max_length=16, choices=AssignmentRole.choices)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    via_group = models.ForeignKey(
        UnitGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_as = models.CharField(_("as written"), max_length=500)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["task", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.unit or self.written_as}"

    @property
    def is_archived(self) -> bool:
        """Dropped by an amendment, alone or with its whole task (kept for its work)."""
        return self.archived_at is not None or self.task.archived_at is not None

    @property
    def archived_on(self) -> datetime.datetime | None:
        return self.archived_at or self.task.archived_at


class Citation(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="citations")
    document = models.ForeignKey(LegalDocument, on_delete=models.PROTECT, related_name="citations")
    text = models.TextField(_("cited as"))
    line = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["plan", "line"]

    def __str__(self) -> str:
        return self.text


class Commemoration(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commemorations")
    title = models.CharField(_("title"), max_length=255)
    years = models.PositiveIntegerField(_("anniversary (years)"))
    first_on = models.DateField(_("original date"))
    falls_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("commemoration")
        verbose_name_plural = _("commemorations")
        ordering = ["falls_on"]

    def __str__(self) -> str:
        return f"{self.years} năm {self.title} ({self.falls_on:%d/%m/%Y})"


class Responsibility(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="responsibilities")
    position = models.PositiveIntegerField(default=0)
    written_as = models.CharField(_("unit as written"), max_length=500)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duties = models.JSONField(_("duties"), default=list)

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.written_as


class PlanUpload(models.Model):
    """A document uploaded for import: kept until it is imported or discarded (preview step)."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    uploaded_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=255)
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PREVIEW)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plan upload")
        verbose_name_plural = _("plan uploads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
