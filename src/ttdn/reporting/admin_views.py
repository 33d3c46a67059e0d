"""The office calendar in the staff UI: extra days off and make-up working days."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.snippets.views.snippets import CreateView, EditView

from ttdn.core.admin_views import ServiceFormMixin
from ttdn.orgs import permissions
from ttdn.orgs.models import Role
from ttdn.orgs.policies import RolePolicy, ScopedSnippetViewSet
from ttdn.reporting import cycles, services
from ttdn.reporting.models import CalendarDay, ReportCycle

CALENDAR_POLICY = RolePolicy(
    CalendarDay,
    {
        "add": permissions.can_manage_registry,
        "change": permissions.can_manage_registry,
        "view": permissions.can_access_staff_ui,
    },
)


class CalendarDayCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> CalendarDay:
        data = self.form.cleaned_data
        return services.calendar_day_set(
            actor=self.request.user, day=data["day"], kind=data["kind"], note=data["note"]
        )


class CalendarDayEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> CalendarDay:
        data = self.form.cleaned_data
        return services.calendar_day_set(
            actor=self.request.user, day=data["day"], kind=data["kind"], note=data["note"]
        )


class CalendarDayViewSet(ScopedSnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Office calendar")
    add_to_admin_menu = True
    menu_order = 900
    add_view_class = CalendarDayCreateView
    edit_view_class = CalendarDayEditView
    copy_view_enabled = False
    list_display = ["day", "kind", "note"]
    panels = [FieldPanel("day"), FieldPanel("kind"), FieldPanel("note")]


CYCLE_POLICY = RolePolicy(
    ReportCycle,
    {
        "change": lambda user: permissions.has_role(user, Role.COORDINATOR),
        "view": permissions.can_access_staff_ui,
    },
)


class ReportCycleEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> ReportCycle:
        return cycles.cycle_update(actor=self.request.user, cycle=self.form.save(commit=False))


class ReportCycleViewSet(ScopedSnippetViewSet):
    """Cycles open from a plan; here coordinators adjust dates, outline and indicators."""

    model = ReportCycle
    icon = "date"
    menu_label = _("Report cycles")
    add_to_admin_menu = True
    menu_order = 890
    edit_view_class = ReportCycleEditView
    copy_view_enabled = False
    list_display = ["name", "plan", "deadline"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldRowPanel([FieldPanel("data_cutoff"), FieldPanel("deadline")]),
        FieldPanel("leader_approval"),
        FieldPanel("outline"),
        InlinePanel("indicators", heading=_("Indicators"), label=_("Indicator")),
    ]
