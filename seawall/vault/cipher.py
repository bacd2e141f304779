"""AES-256-GCM field encryption.

A token is "sw1.<key id>.<base64url(nonce | ciphertext+tag)>". The key id lets old tokens
be read after rotation; the associated data binds a token to its field, so a ciphertext
copied from one column into another does not decrypt.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from seawall.vault.keys import Keyring

PREFIX = "sw1"


class DecryptionError(RuntimeError):
    """A token that cannot be read: unknown key id, or data altered at rest."""


class FieldCipher:
    def __init__(self, keyring: Keyring) -> None:
        self.keyring = keyring
        self._aead = {key_id: AESGCM(key) for key_id, key in keyring.keys.items()}

    def encrypt(self, plaintext: str, context: str) -> str:
        nonce = os.urandom(12)
        key_id = self.keyring.primary_id
        sealed = self._aead[key_id].encrypt(nonce, plaintext.encode("utf-8"), context.encode())
        body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")
        return f"{PREFIX}.{key_id}.{body}"

    def decrypt(self, token: str, context: str) -> str:
        try:
            prefix, key_id, body = token.split(".", 2)
        except ValueError:
            raise DecryptionError("not an encrypted value") from None
        if prefix != PREFIX:
            raise DecryptionError(f"unknown token format {prefix!r}")
        aead = self._aead.get(key_id)
        if aead is None:
            raise DecryptionError(f"key {key_id!r} is not configured (SEAWALL_FIELD_KEYS)")
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        try:
            return aead.decrypt(raw[:12], raw[12:], context.encode()).decode("utf-8")
        except InvalidTag:
            raise DecryptionError(f"value for {context} was altered or belongs elsewhere") from None

    @staticmethod
    def key_id_of(token: str) -> str | None:
        parts = token.split(".", 2)
        return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None

    def needs_rotation(self, token: str) -> bool:
        return bool(token) and self.key_id_of(token) != self.keyring.primary_id
