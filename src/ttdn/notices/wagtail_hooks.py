from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ttdn.notices import admin_views, services  # noqa: F401 (services declares audit actions)
from ttdn.notices.models import OutgoingMail

register_permission_policy(OutgoingMail, admin_views.OUTBOX_POLICY)
register_snippet(admin_views.OutgoingMailViewSet)
