from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ttdn.orgs import admin_views, invitation_views, invitations, permissions, signin, views
from ttdn.orgs.models import Membership, SuccessionEvent, Unit, UnitGroup
from ttdn.orgs.policies import ScopedDeleteBulkAction

# Registered before the viewsets, so Wagtail uses ttdn's role checks, not Django permissions.
register_permission_policy(Unit, admin_views.UNIT_POLICY)
register_permission_policy(UnitGroup, admin_views.GROUP_POLICY)
register_permission_policy(SuccessionEvent, admin_views.SUCCESSION_POLICY)
register_permission_policy(Membership, admin_views.MEMBERSHIP_POLICY)
register_snippet(admin_views.OrgsViewSetGroup)

# After Wagtail's own (order 0), so it replaces Wagtail's bulk delete for ttdn's snippets.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=1)


@hooks.register("register_admin_urls")
def signin_urls() -> list[URLPattern]:
    return [
        path("users/<int:pk>/unlock/", signin.unlock_view, name="orgs_signin_unlock"),
        path("installation/", views.installation, name="orgs_installation"),
        path("units/registry/", views.registry_import, name="orgs_registry_import"),
        path(
            "units/registry/template.xlsx", views.registry_template, name="orgs_registry_template"
        ),
        path("units/registry/export.xlsx", views.registry_export, name="orgs_registry_export"),
        path("orgs/invitations/", invitation_views.manage, name="orgs_invitations"),
    ]


class RegistryMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can_manage_registry(request.user)


class AdminMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.is_admin(request.user)


@hooks.register("register_admin_menu_item")
def registry_menu_item() -> MenuItem:
    return RegistryMenuItem(
        _("Import the unit registry"),
        reverse_lazy("orgs_registry_import"),
        icon_name="table",
        order=210,
    )


@hooks.register("register_settings_menu_item")
def installation_menu_item() -> MenuItem:
    return AdminMenuItem(
        _("Installation settings"), reverse_lazy("orgs_installation"), icon_name="cog", order=50
    )


class InviteMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return invitations.can_invite_somewhere(request.user)


@hooks.register("register_admin_menu_item")
def invite_menu_item() -> MenuItem:
    return InviteMenuItem(
        _("Invite officers"), reverse_lazy("orgs_invitations"), icon_name="mail", order=211
    )


@hooks.register("register_user_listing_buttons")
def unlock_button(user: Any, request_user: Any) -> Iterator[Button]:
    """Shown to administrators on every account (one query per page, not one per row)."""
    if permissions.is_admin(request_user):
        yield Button(
            _("Unlock signing in"),
            reverse("orgs_signin_unlock", args=[user.pk]),
            icon_name="lock-open",
            priority=90,
        )
