"""Sources and topics in the staff UI; every save goes through a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import CreateView, EditView

from ttdn.core.admin_views import ServiceFormMixin
from ttdn.monitoring import services
from ttdn.monitoring.models import Source, Topic
from ttdn.orgs import permissions
from ttdn.orgs.policies import RolePolicy, ScopedSnippetViewSet

SOURCE_POLICY = RolePolicy(
    Source,
    {"add": services.can_manage, "change": services.can_manage, "view": permissions.is_department},
)
TOPIC_POLICY = RolePolicy(
    Topic,
    {"add": services.can_manage, "change": services.can_manage, "view": permissions.is_department},
)


class QueryWidget(forms.Textarea):
    """A query box that shows, as you type, how the query is read (or where it is wrong)."""

    template_name = "monitoring/admin/query_widget.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["check_url"] = reverse_lazy("monitoring_query_check")
        return context


class SourceCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Source:
        return services.source_save(actor=self.request.user, source=self.form.save(commit=False))


class SourceEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Source:
        return services.source_save(actor=self.request.user, source=self.form.save(commit=False))


class SourceViewSet(ScopedSnippetViewSet):
    model = Source
    icon = "site"
    menu_label = _("Sources")
    add_to_admin_menu = False
    add_view_class = SourceCreateView
    edit_view_class = SourceEditView
    copy_view_enabled = False
    list_display = ["name", "kind", "health", "last_success_at", "consecutive_failures"]
    list_filter = ["kind", "health", "is_active"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("url")]),
        FieldRowPanel([FieldPanel("language"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("interval_minutes"), FieldPanel("rate_limit_seconds")]),
        FieldPanel("is_active"),
        MultiFieldPanel(
            [
                FieldPanel("health", read_only=True),
                FieldPanel("last_error", read_only=True),
                FieldPanel("last_success_at", read_only=True),
                FieldPanel("last_entry_at", read_only=True),
            ],
            heading=_("Health"),
        ),
    ]


class TopicCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Topic:
        return services.topic_save(actor=self.request.user, topic=self.form.save(commit=False))


class TopicEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Topic:
        return services.topic_save(actor=self.request.user, topic=self.form.save(commit=False))


class TopicViewSet(ScopedSnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = False
    add_view_class = TopicCreateView
    edit_view_class = TopicEditView
    copy_view_enabled = False
    list_display = ["name", "slug", "is_active"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("name_en"),
        FieldPanel("description"),
        FieldPanel("query", widget=QueryWidget(attrs={"rows": 5})),
        FieldPanel("is_active"),
    ]
