"""`seawall genkeys`: fresh random keys for a node's configuration file."""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import secrets


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def genkeys(namespace: argparse.Namespace) -> int:
    key_id = dt.date.today().strftime("k%Y%m%d")
    lines = [
        "# Seawall node keys. Keep this file secret and backed up apart from the database:",
        "# without SEAWALL_FIELD_KEYS the encrypted identities cannot be read (docs/keys.md).",
        f"SEAWALL_SECRET_KEY={secrets.token_urlsafe(60)}",
        f"SEAWALL_FIELD_KEYS={key_id}:{_key()}",
        f"SEAWALL_INDEX_KEY={_key()}",
        f"SEAWALL_AUDIT_KEY={_key()}",
        f"SEAWALL_RELEASE_SIGNING_KEY={_key()}",
    ]
    if namespace.demo:
        lines += [
            "# Demo only: plain HTTP on loopback, so cookies cannot be Secure.",
            "SEAWALL_DEBUG=1",
            "SEAWALL_SECURE_COOKIES=0",
        ]
    print("\n".join(lines))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("genkeys", help="print fresh keys for a configuration file")
    parser.add_argument("--demo", action="store_true", help="also relax settings for a loopback demo")
    parser.set_defaults(func=genkeys)
