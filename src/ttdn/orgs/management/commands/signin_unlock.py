"""``ttdn manage signin_unlock --by ADMIN --username NAME [--ip ADDRESS]``: lift a sign-in lock."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ttdn.orgs.signin import signin_unlock


class Command(BaseCommand):
    help = "Lift the sign-in lock of an account, an address, or both (audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--by", required=True, help="the administrator lifting the lock")
        parser.add_argument("--username", default="", help="the locked account")
        parser.add_argument("--ip", default="", help="the locked address")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        actor = user_model._default_manager.filter(
            **{user_model.USERNAME_FIELD: options["by"]}, is_active=True
        ).first()
        if actor is None:
            raise CommandError(f"no active account named {options['by']!r}")
        try:
            count = signin_unlock(
                actor=actor, username=options["username"], ip_address=options["ip"]
            )
        except (PermissionDenied, ValidationError) as exc:
            message = " ".join(getattr(exc, "messages", [str(exc)]))
            raise CommandError(message) from None
        self.stdout.write(f"unlocked: {count} failed sign-in record(s) removed")
