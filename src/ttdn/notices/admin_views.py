"""The outbox in the staff UI: administrators see what was sent, what waits and what failed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ttdn.notices.models import OutgoingMail
from ttdn.orgs import permissions
from ttdn.orgs.policies import RolePolicy, ScopedSnippetViewSet

# Read only: rows change through the services, never by hand.
OUTBOX_POLICY = RolePolicy(OutgoingMail, {"view": permissions.is_admin})


class OutgoingMailViewSet(ScopedSnippetViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["to", "subject", "state", "attempts", "late", "last_error", "created_at"]
    list_filter = ["state", "late"]
    search_fields = ["to", "subject", "key"]
    inspect_view_fields = [
        "key",
        "to",
        "subject",
        "body",
        "late",
        "state",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
