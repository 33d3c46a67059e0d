"""Staff screens to import a plan: upload → preview (tree, units, warnings, diff) → confirm."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ttdn.core.admin_views import attach_errors
from ttdn.core.uploads import megabytes, upload_limit
from ttdn.orgs import permissions
from ttdn.orgs import services as orgs_services
from ttdn.orgs.kinds import propose_kind, propose_short_name
from ttdn.orgs.models import Role, Unit
from ttdn.orgs.services import NameAction, NameRow
from ttdn.plans import selectors, services
from ttdn.plans.forms import UnknownNameForm, UnknownNameFormSet, UploadForm
from ttdn.plans.importers.parse import MAX_BYTES
from ttdn.plans.models import PlanUpload

NAMES_PREFIX = "names"


def can_import(user: permissions.AnyUser) -> bool:
    return permissions.has_role(user, Role.COORDINATOR)


def upload(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["file"]
        limit = min(MAX_BYTES, upload_limit())
        if document.size > limit:  # declared (or, streamed past the limit, received) size
            form.add_error(
                "file", _("The file is larger than %(mb)s MB.") % {"mb": megabytes(limit)}
            )
        try:
            if form.errors:
                raise ValidationError({})
            created = services.plan_upload_create(
                actor=request.user, filename=document.name, data=_read(document)
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            url = reverse("plans_import_preview", args=[created.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return JsonResponse({"redirect": url})
            return redirect(url)
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"errors": [str(e) for e in form.errors.get("file", [])]}, status=400)
    return TemplateResponse(request, "plans/admin/upload.html", {"form": form})


def _read(document: UploadedFile) -> bytes:
    """The document's bytes (at most the limit just checked), read in chunks from its
    temporary file."""
    return b"".join(document.chunks())


def preview(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    upload = get_object_or_404(PlanUpload, pk=pk)
    if upload.state == PlanUpload.State.IMPORTED and upload.plan_id:
        return redirect("wagtailsnippets_plans_plan:inspect", upload.plan_id)
    if request.method == "POST":
        return _act(request, upload)
    return _render(request, upload)


def _render(
    request: HttpRequest, upload: PlanUpload, names: BaseFormSet[UnknownNameForm] | None = None
) -> HttpResponse:
    data = selectors.upload_preview(upload)
    if names is None:
        names = UnknownNameFormSet(
            prefix=NAMES_PREFIX,
            initial=[
                {
                    "written": item.written,
                    "action": NameAction.CREATE.value,
                    "name": item.written,
                    "short_name": propose_short_name(item.written),
                    "kind": propose_kind(item.written).value,
                    "unit": item.suggestion_units[0].pk if item.suggestion_units else None,
                }
                for item in data.unknown
            ],
        )
    by_written = {item.written: item for item in data.unknown}
    name_rows = [(form, by_written.get(str(form["written"].value()))) for form in names.forms]
    context = {
        "preview": data,
        "upload": upload,
        "names": names,
        "name_rows": name_rows,
        "all_units": Unit.objects.order_by("name").only("pk", "name"),
    }
    return TemplateResponse(request, "plans/admin/preview.html", context)


def _create_units(request: HttpRequest, upload: PlanUpload) -> HttpResponse:
    """The bulk form of unknown names: every row at once, or none with each error on its row."""
    names = UnknownNameFormSet(request.POST, prefix=NAMES_PREFIX)
    if not names.is_valid():
        return _render(request, upload, names)
    rows = [
        NameRow(
            written=form.cleaned_data["written"],
            action=NameAction(form.cleaned_data["action"]),
            name=form.cleaned_data["name"],
            short_name=form.cleaned_data["short_name"],
            kind=form.cleaned_data["kind"],
            unit=form.cleaned_data["unit"],
        )
        for form in names.forms
    ]
    try:
        orgs_services.units_create_many(actor=request.user, rows=rows)
    except ValidationError as exc:
        for index, errors in exc.message_dict.items():
            names.forms[int(index)].add_error(None, errors)
        return _render(request, upload, names)
    created = sum(row.action == NameAction.CREATE for row in rows)
    aliased = sum(row.action == NameAction.ALIAS for row in rows)
    messages.success(
        request,
        _("%(created)s units created, %(aliased)s names recorded as other names of units.")
        % {"created": created, "aliased": aliased},
    )
    return redirect("plans_import_preview", upload.pk)


def _act(request: HttpRequest, upload: PlanUpload) -> HttpResponse:
    action = request.POST.get("action")
    try:
        if action == "confirm":
            result = services.plan_upload_confirm(actor=request.user, upload=upload)
            messages.success(
                request,
                _(
                    "Plan %(number)s imported: %(added)s tasks added, %(changed)s changed, "
                    "%(removed)s removed (%(archived)s of them archived with their work); "
                    "%(parts)s units' parts archived, %(restored)s restored."
                )
                % {
                    "number": result.plan.number,
                    "added": len(result.added),
                    "changed": len(result.changed),
                    "removed": len(result.removed),
                    "archived": len(result.archived),
                    "parts": len(result.diff.archived_parts),
                    "restored": len(result.diff.restored_parts),
                },
            )
            return redirect("wagtailsnippets_plans_plan:inspect", result.plan.pk)
        if action == "discard":
            services.plan_upload_discard(actor=request.user, upload=upload)
            messages.success(request, _("The upload was discarded."))
            return redirect("plans_import")
        if action == "create_units":
            return _create_units(request, upload)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("plans_import_preview", upload.pk)
