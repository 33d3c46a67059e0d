"""The dashboard panel with the user's latest notices (reminders, reports of other units)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ttdn.reporting.models import Notice


class NoticesPanel:
    name = "ttdn_notices"
    order = 50

    def __init__(self, request: Any) -> None:
        self.request = request

    @property
    def media(self) -> Any:
        from django.forms import Media

        return Media()

    def render_html(self, parent_context: Any = None) -> SafeString:
        notices = list(Notice.objects.filter(user=self.request.user)[:10])
        return render_to_string(
            "reporting/admin/notices_panel.html", {"notices": notices}, request=self.request
        )
