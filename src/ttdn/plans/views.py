"""Staff screens to import a plan: upload → preview (tree, units, warnings, diff) → confirm."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ttdn.core.admin_views import attach_errors
from ttdn.core.text import fold
from ttdn.core.uploads import megabytes, upload_limit
from ttdn.orgs import permissions
from ttdn.orgs import services as orgs_services
from ttdn.orgs.models import Role, Unit, UnitKind
from ttdn.plans import selectors, services
from ttdn.plans.forms import AliasForm, CreateUnitForm, UploadForm
from ttdn.plans.importers.parse import MAX_BYTES
from ttdn.plans.models import PlanUpload


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


def _render(request: HttpRequest, upload: PlanUpload, **forms: object) -> HttpResponse:
    data = selectors.upload_preview(upload)
    context = {
        "preview": data,
        "upload": upload,
        "kinds": UnitKind.choices,
        "all_units": Unit.objects.order_by("name").only("pk", "name"),
        **forms,
    }
    return TemplateResponse(request, "plans/admin/preview.html", context)


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
        if action == "create_unit":
            form = CreateUnitForm(request.POST)
            if not form.is_valid():
                return _render(request, upload, create_form=form)
            name = form.cleaned_data["name"]
            orgs_services.unit_save(
                actor=request.user,
                unit=Unit(code=_free_code(name), name=name, kind=form.cleaned_data["kind"]),
            )
            messages.success(request, _("Unit “%(name)s” created.") % {"name": name})
        elif action == "alias":
            alias_form = AliasForm(request.POST)
            if not alias_form.is_valid():
                return _render(request, upload, alias_form=alias_form)
            unit = alias_form.cleaned_data["unit"]
            orgs_services.unit_alias_add(
                actor=request.user, unit=unit, name=alias_form.cleaned_data["name"]
            )
            messages.success(
                request,
                _("“%(name)s” is now another name of “%(unit)s”.")
                % {"name": alias_form.cleaned_data["name"], "unit": unit.name},
            )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("plans_import_preview", upload.pk)


def _free_code(name: str) -> str:
    base = slugify(fold(name))[:70] or "don-vi"
    code, number = base, 1
    while Unit.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code
