"""Staff screens of a province's first run: the installation settings (administrators) and the
unit registry as a spreadsheet (administrators and coordinators): template, export, and import
through upload → preview → confirm. Thin: every write is a service in ``orgs.services``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.admin_views import attach_errors
from ttdn.core.uploads import megabytes, upload_limit
from ttdn.orgs import permissions, registry_io, selectors, services
from ttdn.orgs.models import Level, RegistryUpload, Unit, UnitKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Installation settings -------------------------------------------------------------------


class InstallationForm(forms.Form):
    province = forms.CharField(
        label=gettext_lazy("Province or city"),
        max_length=120,
        help_text=gettext_lazy(
            "As documents write it after “tỉnh” or “thành phố”: Lào Cai, Hà Nội."
        ),
    )
    level = forms.ChoiceField(label=gettext_lazy("Level"), choices=Level.choices)
    peoples_committee = forms.ModelChoiceField(
        label=gettext_lazy("People's Committee"), queryset=Unit.objects.none(), required=False
    )
    coordinating_unit = forms.ModelChoiceField(
        label=gettext_lazy("Coordinating unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=gettext_lazy("The department that coordinates external information."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        living = selectors.units_valid_on(timezone.localdate()).order_by("name")
        committee = self.fields["peoples_committee"]
        coordinating = self.fields["coordinating_unit"]
        assert isinstance(committee, forms.ModelChoiceField)  # noqa: S101 (declared above)
        assert isinstance(coordinating, forms.ModelChoiceField)  # noqa: S101
        committee.queryset = living.filter(kind=UnitKind.PEOPLES_COMMITTEE)
        coordinating.queryset = living


def installation(request: HttpRequest) -> HttpResponse:
    if not permissions.is_admin(request.user):
        raise PermissionDenied
    current = selectors.installation()
    initial = {}
    if current is not None:
        initial = {
            "province": current.province,
            "level": current.level,
            "peoples_committee": current.peoples_committee_id,
            "coordinating_unit": current.coordinating_unit_id,
        }
    form = InstallationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.installation_set(
                actor=request.user,
                province=data["province"],
                level=data["level"],
                coordinating_unit=data["coordinating_unit"],
                peoples_committee=data["peoples_committee"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The installation settings were saved."))
            return redirect("orgs_installation")
    return TemplateResponse(
        request, "orgs/admin/installation.html", {"form": form, "current": current}
    )


# --- The unit registry as a spreadsheet ------------------------------------------------------


class RegistryUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Unit registry file"),
        help_text=gettext_lazy("The template filled in (.xlsx), or the same columns as .csv."),
    )


def _require_registry(request: HttpRequest) -> None:
    if not permissions.can_manage_registry(request.user):
        raise PermissionDenied


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def registry_template(request: HttpRequest) -> HttpResponse:
    _require_registry(request)
    return _xlsx(registry_io.template_xlsx(), "mau-danh-muc-don-vi.xlsx")


def registry_export(request: HttpRequest) -> HttpResponse:
    _require_registry(request)
    day = timezone.localdate()
    return _xlsx(registry_io.export_xlsx(), f"danh-muc-don-vi-{day:%Y%m%d}.xlsx")


def registry_import(request: HttpRequest) -> HttpResponse:
    """Upload (no ``upload`` parameter) or the preview of one upload (``?upload=ID``)."""
    _require_registry(request)
    pk = request.GET.get("upload") or request.POST.get("upload")
    if pk:
        if not pk.isdigit() or len(pk) > 18:
            raise Http404
        upload = RegistryUpload.objects.filter(pk=int(pk)).first()
        if upload is None:
            raise Http404
        if request.method == "POST":
            return _act(request, upload)
        return _preview(request, upload)
    form = RegistryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["file"]
        limit = min(registry_io.MAX_BYTES, upload_limit())
        try:
            if document.size > limit:
                raise ValidationError(
                    {"file": _("The file is larger than %(mb)s MB.") % {"mb": megabytes(limit)}}
                )
            created = services.registry_upload_create(
                actor=request.user, filename=document.name, data=b"".join(document.chunks())
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect(f"{reverse('orgs_registry_import')}?upload={created.pk}")
    return TemplateResponse(request, "orgs/admin/registry_upload.html", {"form": form})


def _preview(request: HttpRequest, upload: RegistryUpload) -> HttpResponse:
    preview = None
    error = ""
    if upload.state == RegistryUpload.State.PREVIEW:
        try:
            preview = services.registry_preview(
                actor=request.user, data=bytes(upload.data), filename=upload.filename
            )
        except ValidationError as exc:
            error = "; ".join(exc.messages)
    context = {
        "upload": upload,
        "preview": preview,
        "error": error,
        "form": RegistryUploadForm(),
    }
    return TemplateResponse(request, "orgs/admin/registry_preview.html", context)


def _act(request: HttpRequest, upload: RegistryUpload) -> HttpResponse:
    action = request.POST.get("action")
    try:
        if action == "confirm":
            preview = services.registry_upload_confirm(actor=request.user, upload=upload)
            messages.success(
                request,
                _(
                    "The unit registry was imported: %(created)s new units, %(updated)s changed, "
                    "%(unchanged)s unchanged."
                )
                % {
                    "created": preview.created,
                    "updated": preview.updated,
                    "unchanged": preview.unchanged,
                },
            )
            return redirect("wagtailsnippets_orgs_unit:list")
        if action == "discard":
            services.registry_upload_discard(actor=request.user, upload=upload)
            messages.success(request, _("The upload was discarded."))
            return redirect("orgs_registry_import")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages[:20]))
    return redirect(f"{reverse('orgs_registry_import')}?upload={upload.pk}")
