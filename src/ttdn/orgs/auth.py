from typing import Any

from django.contrib.auth.backends import BaseBackend

from ttdn.orgs.permissions import AnyUser, can_access_staff_ui

ACCESS_ADMIN = "wagtailadmin.access_admin"


class RoleBackend(BaseBackend):
    """Lets every user with an active membership into the staff UI (the Wagtail admin).

    What they may then see and change is decided by ttdn's role checks, not by Django groups.
    """

    def has_perm(self, user_obj: AnyUser, perm: str, obj: Any = None) -> bool:
        return perm == ACCESS_ADMIN and obj is None and can_access_staff_ui(user_obj)
