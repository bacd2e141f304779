"""Keys from configuration: "id:base64" entries, newest (the one that encrypts) first."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from seawall.config import ConfigError

_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,16}$")


def parse_key(text: str, name: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ConfigError(f"{name} is not valid base64") from None
    if len(raw) != 32:
        raise ConfigError(f"{name} must decode to 32 bytes, not {len(raw)} (seawall genkeys makes one)")
    return raw


@dataclass(frozen=True)
class Keyring:
    primary_id: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, spec: str, name: str = "SEAWALL_FIELD_KEYS") -> Keyring:
        keys: dict[str, bytes] = {}
        order: list[str] = []
        for entry in (e.strip() for e in spec.split(",")):
            if not entry:
                continue
            if ":" not in entry:
                raise ConfigError(f"{name}: each key is id:base64, got an entry without ':'")
            key_id, material = entry.split(":", 1)
            if not _KEY_ID.match(key_id):
                raise ConfigError(f"{name}: key id {key_id!r} must be 1-16 letters, digits, . _ or -")
            if key_id in keys:
                raise ConfigError(f"{name}: key id {key_id!r} appears twice")
            keys[key_id] = parse_key(material, f"{name}[{key_id}]")
            order.append(key_id)
        if not order:
            raise ConfigError(f"{name} holds no key")
        return cls(primary_id=order[0], keys=keys)
