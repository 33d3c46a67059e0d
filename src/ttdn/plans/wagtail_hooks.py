from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ttdn.plans import admin_views, services  # noqa: F401 (services declares the audit actions)
from ttdn.plans.models import LegalDocument, Plan, Task

register_permission_policy(Plan, admin_views.PLAN_POLICY)
register_permission_policy(Task, admin_views.TASK_POLICY)
register_permission_policy(LegalDocument, admin_views.LEGAL_POLICY)
register_snippet(admin_views.PlansViewSetGroup)
