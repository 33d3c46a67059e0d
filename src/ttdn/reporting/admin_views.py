"""The office calendar in the staff UI: extra days off and make-up working days."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from ttdn.core.admin_views import ServiceFormMixin
from ttdn.orgs import permissions
from ttdn.orgs.policies import RolePolicy
from ttdn.reporting import services
from ttdn.reporting.models import CalendarDay

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


class CalendarDayViewSet(SnippetViewSet):
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
