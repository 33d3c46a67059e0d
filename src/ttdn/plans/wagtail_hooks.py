from django.http import HttpRequest
from django.urls import URLPattern, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ttdn.plans import admin_views, services, views  # noqa: F401 (services declares audit actions)
from ttdn.plans.models import LegalDocument, Plan, Task

register_permission_policy(Plan, admin_views.PLAN_POLICY)
register_permission_policy(Task, admin_views.TASK_POLICY)
register_permission_policy(LegalDocument, admin_views.LEGAL_POLICY)
register_snippet(admin_views.PlansViewSetGroup)


@hooks.register("register_admin_urls")
def import_urls() -> list[URLPattern]:
    return [
        path("plans/import/", views.upload, name="plans_import"),
        path("plans/import/<int:pk>/", views.preview, name="plans_import_preview"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def import_menu_item() -> MenuItem:
    return ImportMenuItem(
        _("Import a plan"), reverse_lazy("plans_import"), icon_name="upload", order=110
    )
