"""Who acts in a service call: a signed-in user, an anonymous visitor, or the system itself.

Every service takes an ``actor``. A web request passes ``request.user``; the demo loader, the
``ttdn`` command and background tasks pass :data:`SYSTEM`. There is no "no actor": ``None`` is
refused by the type checker and, at run time, by the permission helpers and by ``audit()``, so a
view can never reach a service that skips its permission check.
"""

from __future__ import annotations

from typing import Final, final

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@final
class SystemActor:
    """The system itself (demo loader, command line, tasks): allowed everything, audited as such.

    It is not a user: it has no primary key and is not authenticated, so nothing can sign in as
    it and no foreign key can point at it.
    """

    pk: Final = None
    is_authenticated: Final = False
    is_active: Final = True

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemActor()

Actor = AbstractBaseUser | AnonymousUser | SystemActor


def is_system(actor: object) -> bool:
    return isinstance(actor, SystemActor)
