from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ttdn.orgs import admin_views
from ttdn.orgs.models import Membership, SuccessionEvent, Unit, UnitGroup
from ttdn.orgs.policies import ScopedDeleteBulkAction

# Registered before the viewsets, so Wagtail uses ttdn's role checks, not Django permissions.
register_permission_policy(Unit, admin_views.UNIT_POLICY)
register_permission_policy(UnitGroup, admin_views.GROUP_POLICY)
register_permission_policy(SuccessionEvent, admin_views.SUCCESSION_POLICY)
register_permission_policy(Membership, admin_views.MEMBERSHIP_POLICY)
register_snippet(admin_views.OrgsViewSetGroup)

# After Wagtail's own (order 0), so it replaces Wagtail's bulk delete for ttdn's snippets.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=1)
