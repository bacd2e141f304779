"""`seawall verify_release FILE SIG [--public-key KEY]`: is FILE exactly the release this node
(or the node whose public key is given) approved and signed?

Exit status 0 and one line saying what was verified; otherwise CommandError (status 1) and
what does not match: the file changed, the signature file was altered, or another key signed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from seawall.config import ConfigError
from seawall.sharing.keys import signing_key
from seawall.sharing.signing import SignatureInvalid, verify_file
from seawall.sharing.signing import public_key as parse_public_key


class Command(BaseCommand):
    help = "Verify a release file against its detached signature (.sig)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("signature")
        parser.add_argument("--public-key", help="base64 Ed25519 public key of the node that signed "
                                                 "(default: this node's own key)")

    def handle(self, *args: Any, file: str, signature: str, public_key: str | None = None, **options: Any) -> None:
        try:
            trusted = parse_public_key(public_key) if public_key else signing_key().public_key()
            statement = verify_file(Path(file), Path(signature), trusted)
        except (SignatureInvalid, ConfigError) as error:
            raise CommandError(f"NOT verified: {error}") from None
        self.stdout.write(
            f"Verified: {Path(file).name} is release {statement.get('release_id', '?')} "
            f"({statement.get('kind', '?')}, {statement.get('rows', '?')} rows) of node {statement.get('node', '?')}, "
            f"approved {statement.get('approved_at', '?')}, sha256 {statement['sha256']}, "
            f"signed with key {statement['key_id']}")
