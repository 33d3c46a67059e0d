"""Staff screens for plans: browse and search plans, tasks with their units, legal documents.

Plans are written only by importing a document (plans.services); these screens read.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import (
    EditView,
    InspectView,
    SnippetViewSetGroup,
)

from ttdn.core.admin_views import ServiceFormMixin
from ttdn.orgs import permissions
from ttdn.orgs.models import Role
from ttdn.orgs.policies import RolePolicy, ScopedSnippetViewSet
from ttdn.plans import selectors, services
from ttdn.plans.models import LegalDocument, Plan, Task

READ_ONLY = {"view": permissions.can_access_staff_ui}
# A plan's text comes only from its document; coordinators set how progress rolls up.
PLAN_POLICY = RolePolicy(
    Plan, {**READ_ONLY, "change": lambda user: permissions.has_role(user, Role.COORDINATOR)}
)
TASK_POLICY = RolePolicy(Task, READ_ONLY)
LEGAL_POLICY = RolePolicy(LegalDocument, READ_ONLY)


class PlanInspectView(InspectView):
    """The plan as a whole: every task with its units, the calendar, the citations."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.update(selectors.plan_overview(self.object))
        return context


class PlanEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Plan:
        return services.plan_settings_update(
            actor=self.request.user,
            plan=Plan.objects.get(pk=self.object.pk),
            rollup_rule=self.form.cleaned_data["rollup_rule"],
        )


class LegalDocumentInspectView(InspectView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["cited_by"] = selectors.citing_plans(self.object)
        return context


class PlanViewSet(ScopedSnippetViewSet):
    model = Plan
    inspect_view_class = PlanInspectView
    edit_view_class = PlanEditView
    inspect_template_name = "plans/admin/plan_inspect.html"
    icon = "doc-full"
    menu_label = _("Plans")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["number", "issued_on", "title", "year"]
    list_filter = ["year"]
    search_fields = ["number", "title"]
    search_backend_name = None
    inspect_view_fields = [
        "number",
        "issued_on",
        "issuer",
        "title",
        "year",
        "province",
        "level",
        "kind",
        "report_deadline",
        "source_name",
    ]
    panels = [FieldPanel("rollup_rule")]


class TaskViewSet(ScopedSnippetViewSet):
    model = Task
    icon = "list-ul"
    menu_label = _("Tasks")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["code", "title", "timeframe", "plan"]
    list_filter = ["plan", "is_heading"]
    search_fields = ["code", "title", "assignments__written_as"]
    search_backend_name = None
    list_per_page = 100
    inspect_view_fields = ["plan", "code", "title", "timeframe", "starts_on", "ends_on"]
    panels = [FieldPanel("title")]

    def get_queryset(self, request: Any) -> QuerySet[Task]:
        # Archived tasks are read on their plan's page ("Archived"), not listed as current.
        return Task.objects.active().select_related("plan").order_by("plan", "position")


class LegalDocumentViewSet(ScopedSnippetViewSet):
    model = LegalDocument
    inspect_view_class = LegalDocumentInspectView
    inspect_template_name = "plans/admin/legal_document_inspect.html"
    icon = "doc-full-inverse"
    menu_label = _("Legal documents")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["number_symbol", "kind", "issued_on", "issuer"]
    list_filter = ["kind"]
    search_fields = ["number_symbol", "issuer", "kind"]
    search_backend_name = None
    panels = [FieldPanel("number_symbol")]


class PlansViewSetGroup(SnippetViewSetGroup):
    items = (PlanViewSet, TaskViewSet, LegalDocumentViewSet)
    menu_icon = "doc-full"
    menu_label = _("Plans")
    menu_name = "plans"
    menu_order = 100
