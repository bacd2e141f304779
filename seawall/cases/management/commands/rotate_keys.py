"""`seawall rotate-keys`: re-encrypt every identity under the newest key in SEAWALL_FIELD_KEYS.

Operator steps (docs/keys.md): put a new key FIRST in SEAWALL_FIELD_KEYS, keep the old ones
after it, restart, run this, check that it reports 0 stale values, then remove old keys.
A changed SEAWALL_INDEX_KEY is applied by the same run (blind indexes are recomputed).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from seawall.audit import log
from seawall.cases import rotation
from seawall.cases.protection import cipher


class Command(BaseCommand):
    help = "Re-encrypt personal data under the newest field key and rebuild blind indexes."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--check", action="store_true", help="only count values not under the newest key")

    def handle(self, *args, check: bool, **options) -> None:
        primary = cipher().keyring.primary_id
        if not check:
            self.stdout.write(f"Re-encrypting under key {primary!r}...")

            def progress(name: str, done: int, total: int) -> None:
                self.stdout.write(f"\r  {name}: {done}/{total}", ending="")
                if done == total:
                    self.stdout.write("")

            counts = rotation.rotate(progress=progress)
            log.record(log.COMMAND, reason="cli:rotate_keys", detail={"key": primary, "rows": counts})
        stale = rotation.stale_tokens()
        for table, count in stale.items():
            self.stdout.write(f"  {table}: {count} value(s) not under {primary!r}")
        if any(stale.values()):
            if check:
                raise CommandError("some values are still under older keys: run `seawall rotate-keys`")
            raise CommandError("rotation left values under older keys; run it again and check the log")
        self.stdout.write(self.style.SUCCESS("All personal data is under the newest key."))
