from django.http import HttpRequest
from django.urls import URLPattern, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ttdn.orgs.menus import DepartmentMenuItem, StaffMenuItem
from ttdn.reporting import (  # noqa: F401 (these modules declare the audit actions)
    admin_views,
    cycles,
    dashboard_views,
    services,
    submission_views,
    views,
)
from ttdn.reporting.models import CalendarDay, ReportCycle


@hooks.register("register_admin_urls")
def reporting_urls() -> list[URLPattern]:
    return [
        path("reporting/tasks/", views.my_tasks, name="reporting_tasks"),
        path("reporting/tasks/<int:pk>/", views.assignment_detail, name="reporting_assignment"),
        path("reporting/reports/", submission_views.submission_list, name="reporting_submissions"),
        path("reporting/dashboard/", dashboard_views.dashboard, name="reporting_dashboard"),
        path(
            "reporting/plans/<int:plan_pk>/open-cycle/",
            submission_views.open_cycle,
            name="reporting_open_cycle",
        ),
        path(
            "reporting/reports/<int:pk>/report.docx",
            submission_views.unit_report,
            name="reporting_unit_report",
        ),
        path(
            "reporting/plans/<int:plan_pk>/report.<str:fmt>",
            submission_views.provincial_report,
            name="reporting_provincial_report",
        ),
        path(
            "reporting/reports/<int:pk>/",
            submission_views.submission_detail,
            name="reporting_submission",
        ),
        path(
            "reporting/evidence/<int:pk>/",
            views.evidence_download,
            name="reporting_evidence_download",
        ),
    ]


@hooks.register("register_admin_menu_item")
def dashboard_menu_item() -> MenuItem:
    return DepartmentMenuItem(
        _("Dashboard of the plan"), reverse_lazy("reporting_dashboard"), icon_name="view", order=40
    )


@hooks.register("register_admin_menu_item")
def reports_menu_item() -> MenuItem:
    return StaffMenuItem(
        _("Unit reports"), reverse_lazy("reporting_submissions"), icon_name="doc-full", order=60
    )


@hooks.register("register_admin_menu_item")
def tasks_menu_item() -> MenuItem:
    return StaffMenuItem(
        _("Tasks of my unit"), reverse_lazy("reporting_tasks"), icon_name="tasks", order=50
    )


@hooks.register("construct_homepage_panels")
def notices_panel(request: HttpRequest, panels: list[object]) -> None:
    from ttdn.reporting.panels import NoticesPanel

    panels.append(NoticesPanel(request))


register_permission_policy(CalendarDay, admin_views.CALENDAR_POLICY)
register_snippet(admin_views.CalendarDayViewSet)

register_permission_policy(ReportCycle, admin_views.CYCLE_POLICY)
register_snippet(admin_views.ReportCycleViewSet)
