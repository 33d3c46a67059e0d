"""Screens of invitations: "Mời cán bộ" for those who may invite, and the public accept page.

Thin: each form calls one service of ``orgs.invitations``, which checks the role and audits.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.admin_views import attach_errors
from ttdn.orgs import invitations, permissions
from ttdn.orgs.models import Role, Unit

MAX_SHEET_BYTES = 2 * 2**20


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)

    def __init__(self, *args: Any, user: permissions.AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(valid_until__isnull=True) | Unit.objects.filter(
            valid_until__gte=timezone.localdate()
        )
        if not permissions.has_role(user, Role.COORDINATOR):
            units = units.filter(pk__in=permissions.unit_ids_of(user, Role.UNIT_LEADER))
            roles = [role for role in Role if role in permissions.LEADER_GRANTABLE]
            self._roles(roles)
        elif not permissions.is_admin(user):
            self._roles([role for role in Role if role != Role.ADMIN])
        self.fields["unit"].queryset = units.order_by("name")  # type: ignore[attr-defined]

    def _roles(self, roles: list[Role]) -> None:
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 (declared above)
        field.choices = [(role.value, role.label) for role in roles]


class BulkInvitationForm(forms.Form):
    rows = forms.CharField(
        label=gettext_lazy("Rows"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One person per row: e-mail, unit (name or short name), role — separated by commas, "
            "semicolons or tabs (as copied from a spreadsheet)."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Or a file (.csv or .xlsx)"),
        required=False,
        help_text=gettext_lazy("Same three columns; a header row is skipped."),
    )


def _bulk_rows(form: BulkInvitationForm) -> list[invitations.InvitationRow]:
    upload = form.cleaned_data.get("file")
    if upload is None:
        return invitations.rows_from_text(form.cleaned_data.get("rows") or "")
    if upload.size > MAX_SHEET_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    data = b"".join(upload.chunks())
    name = str(upload.name).lower()
    if name.endswith(".xlsx"):
        return invitations.rows_from_xlsx(data)
    if name.endswith(".csv"):
        try:
            return invitations.rows_from_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ValidationError(_("The .csv file is not UTF-8 text.")) from None
    raise ValidationError(_("Upload a .csv or .xlsx file."))


def manage(request: HttpRequest) -> HttpResponse:
    """ "Mời cán bộ": the invitations the user may see, one form for a person, one for many."""
    if not invitations.can_invite_somewhere(request.user):
        raise PermissionDenied
    user = request.user
    single = InvitationForm(user=user)
    bulk = BulkInvitationForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "invite":
            single = InvitationForm(request.POST, user=user)
            if single.is_valid():
                try:
                    invitation = invitations.invitation_create(
                        actor=user,
                        email=single.cleaned_data["email"],
                        unit=single.cleaned_data["unit"],
                        role=single.cleaned_data["role"],
                    )
                except ValidationError as exc:
                    attach_errors(single, exc)
                except PermissionDenied as exc:
                    single.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _("The invitation was sent to %(email)s.") % {"email": invitation.email},
                    )
                    return redirect("orgs_invitations")
        elif action == "invite_many":
            bulk = BulkInvitationForm(request.POST, request.FILES)
            if bulk.is_valid():
                try:
                    created = invitations.invitations_create_many(actor=user, rows=_bulk_rows(bulk))
                except ValidationError as exc:
                    for message in exc.messages:
                        bulk.add_error(None, message)
                except PermissionDenied as exc:
                    bulk.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _("%(count)s invitations were sent.") % {"count": len(created)},
                    )
                    return redirect("orgs_invitations")
        elif action in ("resend", "revoke"):
            return _act(request, action)
    rows = invitations.invitations_visible_to(user)
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    now = timezone.now()
    listing = [(invitation, invitation.state_on(now)) for invitation in page]
    context = {"single": single, "bulk": bulk, "page": page, "listing": listing}
    return TemplateResponse(request, "orgs/admin/invitations.html", context)


def _act(request: HttpRequest, action: str) -> HttpResponse:
    pk = request.POST.get("invitation", "")
    invitation = get_object_or_404(
        invitations.invitations_visible_to(request.user), pk=int(pk) if pk.isdigit() else 0
    )
    try:
        if action == "resend":
            invitations.invitation_resend(actor=request.user, invitation=invitation)
            messages.success(
                request,
                _("The invitation was sent again to %(email)s.") % {"email": invitation.email},
            )
        else:
            invitations.invitation_revoke(actor=request.user, invitation=invitation)
            messages.success(
                request,
                _("The invitation of %(email)s was withdrawn.") % {"email": invitation.email},
            )
    except (ValidationError, PermissionDenied) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    return redirect("orgs_invitations")


class AcceptForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    password = forms.CharField(
        label=gettext_lazy("Password"), strip=False, widget=forms.PasswordInput
    )
    password_again = forms.CharField(
        label=gettext_lazy("Password again"), strip=False, widget=forms.PasswordInput
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


# Links that fail, per address: past this many in the window, the page answers 429.
MISSES_ALLOWED = 30
MISS_WINDOW = 15 * 60  # seconds


def _miss_key(request: HttpRequest) -> str:
    return f"ttdn:invitation-miss:{request.META.get('REMOTE_ADDR', '')}"


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The public page of an invitation link. An unknown token looks like an expired one, and an
    address trying many links is refused for a while (tokens are 32 random bytes besides)."""
    key = _miss_key(request)
    if int(cache.get(key, 0)) >= MISSES_ALLOWED:
        refusal = {"refusal": _("Too many invitation links were tried from here; wait a while.")}
        return TemplateResponse(request, "orgs/invitation_accept.html", refusal, status=429)
    try:
        invitation = invitations.invitation_by_token(token)
    except invitations.InvitationError as exc:
        cache.add(key, 0, MISS_WINDOW)
        cache.incr(key)
        refusal = {"refusal": " ".join(exc.messages)}
        return TemplateResponse(request, "orgs/invitation_accept.html", refusal, status=404)
    signed_in = request.user.is_authenticated
    form = AcceptForm(request.POST or None) if not signed_in else None
    error = ""
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is None:
                invitations.invitation_accept(token=token, user=request.user)  # type: ignore[arg-type]
            else:
                invitations.invitation_accept(
                    token=token,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password"],
                )
        except invitations.InvitationError as exc:
            refusal = {"refusal": " ".join(exc.messages)}
            return TemplateResponse(request, "orgs/invitation_accept.html", refusal, status=404)
        except ValidationError as exc:
            if form is not None:
                attach_errors(form, exc)
            else:
                error = " ".join(exc.messages)
        else:
            if signed_in:
                messages.success(
                    request,
                    _("You now have the role “%(role)s” in “%(unit)s”.")
                    % {"role": invitation.get_role_display(), "unit": invitation.unit.name},
                )
                return redirect("wagtailadmin_home")
            messages.success(request, _("Your account is ready. Sign in with it."))
            return redirect("wagtailadmin_login")
    context: dict[str, object] = {"invitation": invitation, "form": form, "error": error}
    return TemplateResponse(request, "orgs/invitation_accept.html", context)
