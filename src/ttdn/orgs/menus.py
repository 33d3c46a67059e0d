"""Admin menu items shown according to the user's roles (used by every app's wagtail_hooks)."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.admin.menu import MenuItem, SubmenuMenuItem

from ttdn.orgs import permissions


class StaffMenuItem(MenuItem):
    """Shown to anyone with a membership."""

    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can_access_staff_ui(request.user)


class DepartmentMenuItem(MenuItem):
    """Shown to the coordinating department (and admins)."""

    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.is_department(request.user)


class DepartmentSubmenu(SubmenuMenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.is_department(request.user)
