"""`seawall release_public_key`: the public half of the node's release-signing key, for the
hub and IOM to verify this node's releases with (`seawall verify_release ... --public-key`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from seawall.config import ConfigError
from seawall.sharing.keys import signing_key
from seawall.sharing.signing import key_id, public_key_text


class Command(BaseCommand):
    help = "Print the public key that verifies this node's release signatures."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            key = signing_key()
        except ConfigError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{public_key_text(key)}  (key id {key_id(key)}, Ed25519)")
