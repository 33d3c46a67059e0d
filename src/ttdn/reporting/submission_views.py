"""Staff screens for reports: a unit drafts and sends; the department returns or approves."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.http import attachment
from ttdn.orgs import permissions
from ttdn.orgs.models import Role
from ttdn.reporting import cycles, selectors
from ttdn.reporting.models import Submission

REPORT_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def submission_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_access_staff_ui(request.user):
        raise PermissionDenied
    submissions = selectors.submissions_visible_to(request.user)
    from ttdn.plans.models import Plan

    plans = (
        list(Plan.objects.order_by("-year").prefetch_related("report_cycles"))
        if permissions.is_department(request.user)
        else []
    )
    return TemplateResponse(
        request,
        "reporting/admin/submissions.html",
        {"submissions": submissions[:500], "plans": plans},
    )


def open_cycle(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """Open the yearly report cycle the plan orders (POST; coordinators)."""
    from ttdn.plans.models import Plan

    if request.method != "POST":
        raise PermissionDenied
    plan = get_object_or_404(Plan, pk=plan_pk)
    try:
        cycle = cycles.cycle_from_plan(actor=request.user, plan=plan)
    except cycles.CycleExistsError as exc:
        messages.error(request, "; ".join(exc.messages))
        response = submission_list(request)
        response.status_code = 409
        return response
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Report cycle “%(name)s” opened for %(count)s units.")
            % {"name": cycle.name, "count": cycle.submissions.count()},
        )
    return redirect("reporting_submissions")


class SubmissionPost(forms.Form):
    """What the report page posts besides the indicator values (read by the service)."""

    action = forms.CharField(required=False, max_length=40)
    narrative = forms.CharField(required=False, strip=False)
    reason = forms.CharField(required=False, max_length=4000)


def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(selectors.submissions_visible_to(request.user), pk=pk)
    indicators = list(submission.cycle.indicators.all())
    errors: dict[str, list[str]] = {}
    values = {str(i.pk): submission.values.get(str(i.pk), "") for i in indicators}
    narrative = submission.narrative
    if request.method == "POST":
        posted = SubmissionPost(request.POST)
        valid = posted.is_valid()
        action = posted.cleaned_data.get("action", "") if valid else ""
        narrative = request.POST.get("narrative", narrative)
        values = {str(i.pk): request.POST.get(f"indicator_{i.pk}", "") for i in indicators}
        try:
            if not valid:
                raise ValidationError(posted.errors.as_data())
            if action in ("save", "submit"):
                cycles.submission_save_draft(
                    actor=request.user, submission=submission, narrative=narrative, values=values
                )
                if action == "submit":
                    cycles.submission_submit(actor=request.user, submission=submission)
                    messages.success(request, _("The report was sent."))
                elif request.headers.get("x-requested-with") == "XMLHttpRequest":
                    saved_at = timezone.localtime().strftime("%H:%M")
                    return JsonResponse(
                        {"saved": _("Draft saved at %(time)s.") % {"time": saved_at}}
                    )
                else:
                    messages.success(request, _("Draft saved."))
            elif action == "leader_approve":
                cycles.submission_leader_approve(actor=request.user, submission=submission)
                messages.success(request, _("The report was sent."))
            elif action == "return":
                cycles.submission_return(
                    actor=request.user, submission=submission, reason=posted.cleaned_data["reason"]
                )
                messages.success(request, _("The report was returned to the unit."))
            elif action == "approve":
                cycles.submission_approve(actor=request.user, submission=submission)
                messages.success(request, _("The report was approved."))
            return redirect("reporting_submission", submission.pk)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return JsonResponse({"errors": errors}, status=400)
        except PermissionDenied as exc:
            errors = {"__all__": [str(exc)]}
    rows = [
        {"indicator": i, "value": values[str(i.pk)], "errors": errors.get(f"indicator_{i.pk}", [])}
        for i in indicators
    ]
    user_units = permissions.unit_ids_of(request.user, Role.FOCAL_OFFICER, Role.UNIT_LEADER)
    context = {
        "submission": submission,
        "rows": rows,
        "narrative": narrative,
        "errors": errors,
        "general_errors": errors.get("__all__", []),
        "can_edit": submission.unit_id in user_units
        and submission.state in (Submission.State.DRAFT, Submission.State.RETURNED),
        "can_leader_approve": submission.state == Submission.State.AWAITING_LEADER
        and submission.unit_id in permissions.unit_ids_of(request.user, Role.UNIT_LEADER),
        "can_review": permissions.has_role(request.user, Role.COORDINATOR)
        and submission.state == Submission.State.SUBMITTED,
        "snapshots": list(submission.snapshots.select_related("sent_by")),
    }
    return TemplateResponse(request, "reporting/admin/submission.html", context)


def provincial_report(request: HttpRequest, plan_pk: int, fmt: str) -> HttpResponse:
    """The department downloads the provincial report, built from the current data."""
    from ttdn.plans.models import Plan
    from ttdn.reporting.documents.provincial import render_docx, render_xlsx

    if not permissions.is_department(request.user):
        raise PermissionDenied
    if fmt not in REPORT_FORMATS:
        raise Http404
    plan = get_object_or_404(Plan, pk=plan_pk)
    today = timezone.localdate()
    data = selectors.report_data(plan, today=today)
    content = render_docx(data, today=today) if fmt == "docx" else render_xlsx(data)
    response = HttpResponse(content, content_type=REPORT_FORMATS[fmt])
    return attachment(response, f"bao-cao-{plan.number}-{today:%Y%m%d}.{fmt}")


def unit_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's report as an official .docx (its latest sent version, else its draft)."""
    from ttdn.reporting.documents.unit import render_unit_docx

    submission = get_object_or_404(selectors.submissions_visible_to(request.user), pk=pk)
    content = render_unit_docx(submission, today=timezone.localdate())
    response = HttpResponse(content, content_type=REPORT_FORMATS["docx"])
    return attachment(response, f"bao-cao-{submission.unit.code}.docx")
