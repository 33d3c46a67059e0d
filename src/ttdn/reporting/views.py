"""Staff screens for a unit's work: its tasks, reporting progress, adding evidence."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.admin_views import attach_errors
from ttdn.core.http import attachment
from ttdn.orgs import permissions
from ttdn.reporting import selectors, services
from ttdn.reporting.forms import EvidenceForm, ProgressForm
from ttdn.reporting.models import TIMELINESS_LABELS, Evidence
from ttdn.reporting.timeliness import Status, grade


def my_tasks(request: HttpRequest) -> HttpResponse:
    if not permissions.can_access_staff_ui(request.user):
        raise PermissionDenied
    if permissions.is_department(request.user):
        assignments = (
            selectors.assignments_visible_to(request.user)
            .active()
            .select_related("progress", "task__plan")
            .order_by("task__plan", "task__position", "role")
        )
    else:
        assignments = selectors.reportable_assignments(request.user)
    page = Paginator(assignments, 100).get_page(request.GET.get("p"))
    calendar = selectors.work_calendar()
    today = timezone.localdate()
    rows: list[dict[str, object]] = []
    for assignment in page:
        progress = selectors.progress_of(assignment)
        status = Status(progress.status) if progress else Status.NOT_STARTED
        standing = grade(
            status=status,
            deadline=assignment.task.ends_on,
            done_on=progress.done_on if progress else None,
            today=today,
            calendar=calendar,
        )
        rows.append(
            {
                "assignment": assignment,
                "progress": progress,
                "grade": standing,
                "timeliness_label": TIMELINESS_LABELS[standing.timeliness],
            }
        )
    return TemplateResponse(request, "reporting/admin/my_tasks.html", {"rows": rows, "page": page})


def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(selectors.assignments_visible_to(request.user), pk=pk)
    can_report = services.can_report(request.user, assignment) and not assignment.is_archived
    current = selectors.progress_of(assignment)
    progress_form = ProgressForm(
        prefix="progress",
        initial={"status": current.status, "percent": current.percent} if current else None,
    )
    evidence_form = EvidenceForm(prefix="evidence")
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied
        if "progress-status" in request.POST:
            progress_form = ProgressForm(request.POST, prefix="progress")
            if progress_form.is_valid():
                try:
                    services.progress_record(
                        actor=request.user, assignment=assignment, **progress_form.cleaned_data
                    )
                except ValidationError as exc:
                    attach_errors(progress_form, exc)
                else:
                    messages.success(request, _("Progress recorded."))
                    return redirect("reporting_assignment", assignment.pk)
        else:
            evidence_form = EvidenceForm(request.POST, request.FILES, prefix="evidence")
            if evidence_form.is_valid():
                try:
                    services.evidence_add(
                        actor=request.user, assignment=assignment, **evidence_form.cleaned_data
                    )
                except ValidationError as exc:
                    attach_errors(evidence_form, exc)
                else:
                    messages.success(request, _("Evidence added."))
                    return redirect("reporting_assignment", assignment.pk)
    context = {
        "assignment": assignment,
        "can_report": can_report,
        "progress_form": progress_form,
        "evidence_form": evidence_form,
        **selectors.assignment_page(assignment),
    }
    return TemplateResponse(request, "reporting/admin/assignment.html", context)


def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Files are served only to those who may see the task, never from a public folder."""
    evidence = get_object_or_404(
        Evidence.objects.filter(
            assignment__in=selectors.assignments_visible_to(request.user), kind=Evidence.Kind.FILE
        ),
        pk=pk,
    )
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return attachment(response, evidence.file.name.rsplit("/", 1)[-1])
