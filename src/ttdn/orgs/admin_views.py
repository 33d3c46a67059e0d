"""Staff screens for units, groups, succession and memberships (Wagtail snippets).

Thin: each save calls the matching service, which checks the role and writes the audit entry.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    IndexView,
    SnippetViewSetGroup,
)

from ttdn.core.admin_views import ServiceFormMixin
from ttdn.orgs import permissions, selectors, services
from ttdn.orgs.models import Membership, Role, SuccessionEvent, Unit, UnitGroup
from ttdn.orgs.permissions import AnyUser
from ttdn.orgs.policies import RolePolicy, ScopedSnippetViewSet


def _registry_rules() -> dict[str, Any]:
    return {
        "add": permissions.can_manage_registry,
        "change": permissions.can_manage_registry,
        "view": permissions.can_access_staff_ui,
    }


# --- Units -----------------------------------------------------------------------------------


class UnitCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Unit:
        return services.unit_save(actor=self.request.user, unit=self.form.save(commit=False))


class UnitEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Unit:
        return services.unit_save(actor=self.request.user, unit=self.form.save(commit=False))


class UnitIndexView(IndexView):
    def search_queryset(self, queryset: QuerySet[Unit]) -> QuerySet[Unit]:
        if not self.is_searching:
            return queryset
        return selectors.unit_search(queryset, self.search_query)


class UnitViewSet(ScopedSnippetViewSet):
    model = Unit
    icon = "site"
    menu_label = _("Units")
    index_view_class = UnitIndexView
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "short_name", "kind", "valid_from", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases__name"]
    search_backend_name = None
    list_per_page = 50
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldPanel("email"),
            ],
            heading=_("Unit details"),
        ),
        InlinePanel("aliases", heading=_("Other names and abbreviations"), label=_("Other name")),
    ]


# --- Groups ----------------------------------------------------------------------------------


class GroupCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> UnitGroup:
        return services.group_save(actor=self.request.user, group=self.form.save(commit=False))


class GroupEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> UnitGroup:
        return services.group_save(actor=self.request.user, group=self.form.save(commit=False))


class GroupIndexView(IndexView):
    def search_queryset(self, queryset: QuerySet[UnitGroup]) -> QuerySet[UnitGroup]:
        if not self.is_searching:
            return queryset
        return selectors.group_search(queryset, self.search_query)


class UnitGroupViewSet(ScopedSnippetViewSet):
    model = UnitGroup
    icon = "group"
    menu_label = _("Unit groups")
    index_view_class = GroupIndexView
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "code"]
    search_fields = ["name", "aliases__name"]
    search_backend_name = None
    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("members"),
        InlinePanel(
            "aliases", heading=_("Other spellings found in documents"), label=_("Spelling")
        ),
    ]


# --- Succession ------------------------------------------------------------------------------


class SuccessionCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> SuccessionEvent:
        data = self.form.cleaned_data
        return services.succession_record(
            actor=self.request.user,
            kind=data["kind"],
            effective_date=data["effective_date"],
            predecessors=list(data["predecessors"]),
            successors=list(data["successors"]),
            basis=data.get("basis", ""),
            note=data.get("note", ""),
        )


class SuccessionViewSet(ScopedSnippetViewSet):
    model = SuccessionEvent
    icon = "resubmit"

    def get_queryset(self, request: Any) -> QuerySet[SuccessionEvent]:
        return SuccessionEvent.objects.prefetch_related("predecessors", "successors")

    menu_label = _("Reorganisations")
    add_view_class = SuccessionCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "effective_date", "basis"]
    list_filter = ["kind"]
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("effective_date")]),
        FieldPanel("predecessors"),
        FieldPanel("successors"),
        FieldPanel("basis"),
        FieldPanel("note"),
    ]


# --- Memberships -----------------------------------------------------------------------------


class MembershipFormMixin:
    """The user field offers only the accounts the acting user may know of."""

    request: Any

    def get_form(self, *args: Any, **kwargs: Any) -> Any:
        form = super().get_form(*args, **kwargs)  # type: ignore[misc]
        form.fields["user"].queryset = selectors.users_choosable_by(self.request.user)
        return form


class MembershipCreateView(MembershipFormMixin, ServiceFormMixin, CreateView):
    def save_instance(self) -> Membership:
        data = self.form.cleaned_data
        membership = services.membership_grant(
            actor=self.request.user, user=data["user"], unit=data["unit"], role=data["role"]
        )
        if not data.get("is_active", True):
            services.membership_revoke(actor=self.request.user, membership=membership)
        return membership


class MembershipEditView(MembershipFormMixin, ServiceFormMixin, EditView):
    def get_form(self, *args: Any, **kwargs: Any) -> Any:
        """Who and where are fixed once granted: change the role or revoke, or grant anew."""
        form = super().get_form(*args, **kwargs)
        for name in ("user", "unit"):
            form.fields[name].disabled = True
        return form

    def save_instance(self) -> Membership:
        data = self.form.cleaned_data
        membership = Membership.objects.select_related("unit", "user").get(pk=self.object.pk)
        return services.membership_update(
            actor=self.request.user,
            membership=membership,
            role=data["role"],
            is_active=data["is_active"],
        )


def _can_grant_somewhere(user: AnyUser) -> bool:
    return permissions.has_role(user, Role.COORDINATOR, Role.UNIT_LEADER)


def _can_change_membership(user: AnyUser, membership: Membership) -> bool:
    return permissions.can_grant(user, membership.unit, membership.role)


def _visible_memberships(user: AnyUser) -> QuerySet[Membership]:
    return selectors.memberships_visible_to(user)


class MembershipViewSet(ScopedSnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["user", "unit", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    search_backend_name = None
    panels = [FieldPanel("user"), FieldPanel("unit"), FieldPanel("role"), FieldPanel("is_active")]

    def get_queryset(self, request: Any) -> QuerySet[Membership]:
        return selectors.memberships_visible_to(request.user)


UNIT_POLICY = RolePolicy(Unit, _registry_rules())
GROUP_POLICY = RolePolicy(UnitGroup, _registry_rules())
# Events are recorded, never edited: a wrong one is corrected by a new event.
SUCCESSION_POLICY = RolePolicy(
    SuccessionEvent,
    {"add": permissions.can_manage_registry, "view": permissions.can_access_staff_ui},
)
MEMBERSHIP_POLICY = RolePolicy(
    Membership,
    {
        "add": _can_grant_somewhere,
        "change": _can_grant_somewhere,
        "view": permissions.can_access_staff_ui,
    },
    instance_rules={
        "change": _can_change_membership,
        "view": lambda user, m: permissions.can_view_unit_private(user, m.unit),
    },
    visible=_visible_memberships,
)


class OrgsViewSetGroup(SnippetViewSetGroup):
    items = (UnitViewSet, UnitGroupViewSet, SuccessionViewSet, MembershipViewSet)
    menu_icon = "site"
    menu_label = _("Units")
    menu_name = "orgs"
    menu_order = 200
