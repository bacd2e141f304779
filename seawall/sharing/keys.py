"""The node's release-signing key, from configuration.

SEAWALL_RELEASE_SIGNING_KEY holds a base64 32-byte Ed25519 private key (seed), like the
node's other keys (`seawall genkeys` style). It is read here, when a release is approved or
a signature verified, not at start-up: a node that never signs releases does not need it,
and one that does gets a message naming the variable instead of an unsigned file.
A Django setting RELEASE_SIGNING_KEY, if a deployment defines one, wins over the variable.
"""

from __future__ import annotations

import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from seawall.config import ConfigError
from seawall.sharing.signing import private_key
from seawall.vault.keys import parse_key

VARIABLE = "SEAWALL_RELEASE_SIGNING_KEY"


def signing_key() -> Ed25519PrivateKey:
    text = getattr(settings, "RELEASE_SIGNING_KEY", None) or os.environ.get(VARIABLE, "")
    if not text.strip():
        raise ConfigError(
            f"{VARIABLE} is not set, so releases cannot be signed. An administrator adds a base64 "
            f"32-byte key to the node's configuration (python -c \"import base64,os; "
            f"print(base64.b64encode(os.urandom(32)).decode())\") and restarts; see docs/releases.md")
    return private_key(parse_key(text, VARIABLE))
