"""`seawall load_demo`: agencies, one login per role and synthetic cases for a demo node."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from seawall.audit import log
from seawall.cases.demo import DEMO_PASSWORD, load_demo_node


class Command(BaseCommand):
    help = "Load the synthetic demo node (idempotent: cases are added only to an empty node)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--cases", type=int, default=600)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, cases: int, seed: int, **options) -> None:
        self.stdout.write(f"Loading the synthetic demo node ({settings.NODE_COUNTRY})...")
        users = load_demo_node(settings.NODE_COUNTRY, cases, seed, out=self.stdout)
        log.record(log.COMMAND, reason="cli:load_demo", detail={"cases": cases, "seed": seed})
        self.stdout.write("\nDemo logins (synthetic data only; every password is " f"{DEMO_PASSWORD!r}):")
        self.stdout.write(f"  {'username':<13} {'role':<17} {'agency':<58} authenticator key")
        for user, secret in users:
            self.stdout.write(f"  {user.username:<13} {user.role:<17} {str(user.agency)[:56]:<58} {secret or '(not required)'}")
        self.stdout.write(
            "\nRoles that see identities sign in with a 6-digit code: add the key to an authenticator app,"
            "\nor print the current code with:  .venv/bin/seawall demo_code USERNAME"
        )
