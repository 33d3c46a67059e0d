"""Progress of each unit's part in each task, its dated history, and the office calendar."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ttdn.plans.models import TaskAssignment


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_CARRIED_OUT = "not_carried_out", _("Not carried out")
    ADJUSTMENT_REQUESTED = "adjustment_requested", _("Adjustment requested")


TIMELINESS_LABELS = {
    "done_on_time": _("Done on time"),
    "done_late": _("Done late"),
    "within_deadline": _("In progress, within the deadline"),
    "overdue": _("In progress, overdue"),
    "not_carried_out": _("Not carried out"),
    "no_deadline": _("No deadline"),
}


class Progress(models.Model):
    """Where a unit stands on its part of a task (the latest of its updates)."""

    assignment = models.OneToOneField(
        TaskAssignment, on_delete=models.PROTECT, related_name="progress"
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="progress_percent")
        ]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.get_status_display()} {self.percent}%"


class ProgressUpdate(models.Model):
    """One dated report of a unit on a task: never edited, the history of the work."""

    assignment = models.ForeignKey(TaskAssignment, on_delete=models.PROTECT, related_name="updates")
    reported_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=32, choices=Status.choices)
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    narrative = models.TextField(_("what was done"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.reported_on:%d/%m/%Y}: {self.get_status_display()} {self.percent}%"


class CalendarDay(models.Model):
    """A day the office changes: an extra day off, or a make-up working day."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"


class Evidence(models.Model):
    """Proof of work on a unit's part of a task: a file, a link, or an official document."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")
        DOCUMENT = "document", _("Official document")

    assignment = models.ForeignKey(
        TaskAssignment, on_delete=models.PROTECT, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    document_number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    document_date = models.DateField(_("date issued"), null=True, blank=True)
    document_issuer = models.CharField(_("issuer"), max_length=255, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ReportCycle(ClusterableModel, models.Model):
    """A reporting round (Nghị định 09/2019/NĐ-CP): period, cut-off, deadline, units, indicators."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Periodic")
        THEMATIC = "thematic", _("Thematic")
        AD_HOC = "ad_hoc", _("Ad hoc")

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="report_cycles")
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERIODIC)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    data_cutoff = models.DateField(_("data cut-off"))
    deadline = models.DateField(_("submission deadline"))
    outline = models.TextField(_("outline"), blank=True)
    leader_approval = models.BooleanField(_("unit leader approves before sending"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report cycle")
        verbose_name_plural = _("report cycles")
        ordering = ["-deadline"]
        constraints = [
            # One periodic (yearly) cycle per plan and period; thematic and ad hoc ones may share.
            models.UniqueConstraint(
                fields=["plan", "period_start", "period_end"],
                condition=models.Q(kind="periodic"),
                name="cycle_one_periodic_per_plan_period",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    cycle = ParentalKey(ReportCycle, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=255)
    measure = models.CharField(_("unit of measure"), max_length=40)
    position = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["cycle", "position"]

    def __str__(self) -> str:
        return f"{self.name} ({self.measure})"


class Submission(models.Model):
    """One unit's report in a cycle: a draft until sent; what was sent is frozen in snapshots."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Not submitted")
        AWAITING_LEADER = "awaiting_leader", _("Awaiting the unit leader")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    cycle = models.ForeignKey(ReportCycle, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="submissions")
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    narrative = models.TextField(_("report"), blank=True)
    values = models.JSONField(_("indicator values"), default=dict, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["cycle", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="submission_one_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.cycle}"


class SubmissionSnapshot(models.Model):
    """Exactly what a unit sent, when and by whom. Written once, never changed."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="snapshots")
    version = models.PositiveSmallIntegerField()
    data = models.JSONField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["submission", "version"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "version"], name="snapshot_version")
        ]

    def __str__(self) -> str:
        return f"{self.submission} v{self.version}"


class Notice(models.Model):
    """An in-app notification; the same text also goes by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:80]


class SentReminder(models.Model):
    """What was already sent, so that no reminder ever goes twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self) -> str:
        return self.key
